package io.opendms.engine.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code key=value} pairs of a URI's query, percent-decoded, keys as written and in order.
 * Problems (no {@code =}, empty key, a key given twice, bad encoding) go to the shared list;
 * values are never quoted in them since a value may be a secret.
 */
final class QueryParameters {
  private final Map<String, String> values = new LinkedHashMap<>();

  QueryParameters(String query, List<String> problems) {
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&" and "a=1&&b=2" are what shells and scripts produce; nothing is lost
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals), "a query parameter name",
          problems);
      if (key == null) {
        continue;
      }
      if (equals < 0) {
        problems.add("query parameter '" + key + "' has no value (write " + key + "=VALUE)");
      } else if (key.isEmpty()) {
        problems.add("a query parameter has no name before '='");
      } else if (givenIgnoringCase(key)) {
        problems.add("query parameter '" + key + "' is given twice");
      } else {
        String value = decode(pair.substring(equals + 1), "the value of " + key, problems);
        if (value != null) {
          values.put(key, value);
        }
      }
    }
  }

  Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  /** Removes and returns the parameter whatever its case ({@code sslmode}, {@code SslMode}). */
  static Optional<String> removeIgnoringCase(Map<String, String> settings, String key) {
    for (String given : List.copyOf(settings.keySet())) {
      if (given.equalsIgnoreCase(key)) {
        return Optional.of(settings.remove(given));
      }
    }
    return Optional.empty();
  }

  /** Keys differing only in case would reach the connector as two values for one setting. */
  private boolean givenIgnoringCase(String key) {
    return values.keySet().stream().anyMatch(given -> given.equalsIgnoreCase(key));
  }

  private static String decode(String text, String what, List<String> problems) {
    try {
      return PercentDecoding.decode(text);
    } catch (IllegalArgumentException e) {
      problems.add(what + " has an invalid percent-encoding (write '%' as %25)");
      return null;
    }
  }
}
