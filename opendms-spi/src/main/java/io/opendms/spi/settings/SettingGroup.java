package io.opendms.spi.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named group of settings (a section of the task settings document, an endpoint's settings
 * object) that resolves user input against the declarations.
 */
public final class SettingGroup {
  private final String name;
  private final Map<String, Setting<?>> byKey = new LinkedHashMap<>();

  public SettingGroup(String name, List<Setting<?>> settings) {
    this.name = Objects.requireNonNull(name, "name");
    for (Setting<?> setting : settings) {
      if (byKey.put(setting.key(), setting) != null) {
        throw new IllegalArgumentException(name + " declares " + setting.key() + " twice");
      }
    }
  }

  public String name() {
    return name;
  }

  public List<Setting<?>> settings() {
    return List.copyOf(byKey.values());
  }

  /**
   * Reads the given raw values (null values mean "not given", as DMS consoles send them), fills
   * defaults, and adds one message per problem to {@code problems}: unknown keys and bad values.
   * Never stops at the first problem.
   */
  public SettingValues resolve(Map<String, ?> given, List<String> problems) {
    var values = new HashMap<Setting<?>, Object>();
    for (Setting<?> setting : byKey.values()) {
      values.put(setting, setting.defaultValue());
    }
    for (Map.Entry<String, ?> entry : given.entrySet()) {
      Setting<?> setting = byKey.get(entry.getKey());
      if (setting == null) {
        problems.add(name + "." + entry.getKey() + ": unknown setting");
      } else if (entry.getValue() != null) {
        try {
          values.put(setting, setting.type().parse(entry.getValue()));
        } catch (IllegalArgumentException e) {
          problems.add(name + "." + entry.getKey() + ": " + e.getMessage());
        }
      }
    }
    return new SettingValues(values);
  }

  /** Resolves and throws {@link IllegalArgumentException} listing every problem, if any. */
  public SettingValues resolveOrThrow(Map<String, ?> given) {
    var problems = new ArrayList<String>();
    SettingValues values = resolve(given, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return values;
  }

  /**
   * As {@link #resolveOrThrow}, matching keys ignoring case: an endpoint URI's query parameters
   * ({@code ?topic=}) name the fields of DMS's settings object ({@code Topic}).
   */
  public SettingValues resolveIgnoringCase(Map<String, ?> given) {
    var byLowerKey = new HashMap<String, String>();
    byKey.keySet().forEach(key -> byLowerKey.put(key.toLowerCase(java.util.Locale.ROOT), key));
    var renamed = new LinkedHashMap<String, Object>();
    given.forEach((key, value) ->
        renamed.put(byLowerKey.getOrDefault(key.toLowerCase(java.util.Locale.ROOT), key), value));
    return resolveOrThrow(renamed);
  }
}
