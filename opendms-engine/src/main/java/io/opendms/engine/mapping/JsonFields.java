package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of one JSON object of a table-mapping document. A problem is added to the shared
 * list as "{@code <label>: <prefix><key> ...}" ({@code rule-id 3: object-locator.table-name is
 * missing}) and the read returns null; JSON {@code null} counts as not given.
 */
final class JsonFields {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private final String label;
  private final String prefix;
  private final JsonNode node;
  private final List<String> problems;

  JsonFields(String label, String prefix, JsonNode node, List<String> problems) {
    this.label = label;
    this.prefix = prefix;
    this.node = node;
    this.problems = problems;
  }

  String label() {
    return label;
  }

  /** The fields of a nested object, reported under the same label. */
  JsonFields nested(String key, JsonNode object) {
    return new JsonFields(label, prefix + key + ".", object, problems);
  }

  void problem(String key, String message) {
    problems.add(label + ": " + prefix + key + " " + message);
  }

  /** DMS writes {@code rule-id} as a string of digits; numbers are accepted too. */
  Long ruleId() {
    return nonNegative("rule-id", Long.MAX_VALUE, true);
  }

  Long nonNegative(String key, long max, boolean required) {
    JsonNode value = given(key, required);
    if (value == null) {
      return null;
    }
    Long number = null;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      number = value.longValue();
    } else if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
      number = Long.parseLong(value.textValue());
    }
    if (number == null || number < 0 || number > max) {
      problem(key, "must be an integer 0.." + max + ", got " + show(value));
      return null;
    }
    return number;
  }

  String text(String key, boolean required) {
    JsonNode value = given(key, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      problem(key, "must be a string, got " + show(value));
      return null;
    }
    if (value.textValue().isEmpty()) {
      problem(key, "must not be empty");
      return null;
    }
    return value.textValue();
  }

  /** A name pattern with DMS's wildcards; null with a problem when missing or malformed. */
  NamePattern wildcard(String key, boolean required) {
    String text = text(key, required);
    if (text == null) {
      return null;
    }
    try {
      return NamePattern.wildcard(text);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return null;
    }
  }

  /** One of a vocabulary, spelled exactly as DMS spells it. */
  <E> E choice(String key, E[] values, Function<E, String> spelling, boolean required) {
    String text = text(key, required);
    if (text == null) {
      return null;
    }
    for (E value : values) {
      if (spelling.apply(value).equals(text)) {
        return value;
      }
    }
    problem(key, "must be one of " + Arrays.stream(values).map(spelling)
        .collect(Collectors.joining(", ")) + ", got '" + text + "'");
    return null;
  }

  JsonNode object(String key, boolean required) {
    JsonNode value = given(key, required);
    if (value != null && !value.isObject()) {
      problem(key, "must be an object, got " + show(value));
      return null;
    }
    return value;
  }

  /** An array; null (with a problem when required) when missing or not an array. */
  JsonNode array(String key, boolean required) {
    JsonNode value = given(key, required);
    if (value != null && !value.isArray()) {
      problem(key, "must be an array, got " + show(value));
      return null;
    }
    return value;
  }

  /**
   * Text that DMS documents as a string but users also write as a number ({@code "64"} or
   * {@code 64}); null with a problem otherwise.
   */
  String scalarText(String key, boolean required) {
    JsonNode value = given(key, required);
    if (value == null) {
      return null;
    }
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    problem(key, "must be a string, got " + show(value));
    return null;
  }

  /** A non-empty array of non-empty strings; null with a problem otherwise. */
  java.util.List<String> textList(String key, boolean required) {
    JsonNode value = array(key, required);
    if (value == null) {
      return null;
    }
    var out = new java.util.ArrayList<String>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!(item.isTextual() || item.isNumber()) || item.asText().isEmpty()) {
        problem(key + "[" + i + "]", "must be a non-empty string, got " + show(item));
        return null;
      }
      out.add(item.asText());
    }
    if (out.isEmpty() && required) {
      problem(key, "must not be empty");
      return null;
    }
    return out;
  }

  boolean has(String key) {
    return given(key, false) != null;
  }

  /** Whether the key holds a non-empty array; {@code []} is what consoles send for "none". */
  boolean hasNonEmptyArray(String key) {
    JsonNode value = given(key, false);
    if (value != null && !value.isArray()) {
      problem(key, "must be an array, got " + show(value));
      return false;
    }
    return value != null && !value.isEmpty();
  }

  /** Reports keys with a non-null value that this kind of object does not take. */
  void rejectUnknown(Set<String> allowed, String what) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!allowed.contains(field.getKey()) && !field.getValue().isNull()) {
        problem(field.getKey(), "is not a field of " + what + " (expected "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  static String show(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isTextual() ? "string " + node : node.toString();
  }

  private JsonNode given(String key, boolean required) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        problem(key, "is missing");
      }
      return null;
    }
    return value;
  }
}
