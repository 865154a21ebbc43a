package io.opendms.server.dms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * DMS {@code Filters}: every filter must match (AND), any of a filter's values may (OR). Names
 * outside the operation's documented set are refused rather than ignored.
 */
public final class Filters {
  private final Map<String, List<String>> byName;

  private Filters(Map<String, List<String>> byName) {
    this.byName = byName;
  }

  public static Filters parse(ApiRequest request, Set<String> allowed) {
    var byName = new java.util.LinkedHashMap<String, List<String>>();
    for (ApiRequest filter : request.structureList("Filters")) {
      String name = filter.requiredString("Name");
      if (!allowed.contains(name)) {
        throw DmsFault.invalidParameter("Filter name '" + name + "' is not valid for "
            + request.operation() + "; valid names: " + String.join(", ", new TreeSet<>(allowed)));
      }
      byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(filter.requiredStringList("Values"));
    }
    return new Filters(byName);
  }

  /** Whether an item matches, given how to read a filter attribute of it (null: no value). */
  public boolean matches(Function<String, String> attribute) {
    for (var filter : byName.entrySet()) {
      String value = attribute.apply(filter.getKey());
      if (value == null || !filter.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }
}
