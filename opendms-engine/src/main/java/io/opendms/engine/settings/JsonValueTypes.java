package io.opendms.engine.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opendms.spi.settings.ValueType;
import io.opendms.spi.settings.ValueTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Scalar {@link JsonValueType}s for the task settings document, and wrappers that change how a
 * value may be given (read-only, explicit {@code null}). The checks themselves are the SPI's
 * {@link ValueTypes}; this class adds the JSON kind check in front, so a document cannot
 * smuggle {@code "8"} where DMS writes {@code 8}.
 */
public final class JsonValueTypes {
  private JsonValueTypes() {}

  public static JsonValueType<Integer> integer(int min, int max) {
    return scalar(ValueTypes.integer(min, max), JsonNode::isIntegralNumber, IntNode::valueOf);
  }

  /** Any integer that is not negative: for counts and sizes DMS documents no maximum for. */
  public static JsonValueType<Integer> nonNegative() {
    return integer(0, Integer.MAX_VALUE);
  }

  public static JsonValueType<Boolean> bool() {
    return scalar(ValueTypes.bool(), JsonNode::isBoolean, BooleanNode::valueOf);
  }

  public static JsonValueType<String> text() {
    return scalar(ValueTypes.text(), JsonNode::isTextual, TextNode::valueOf);
  }

  /** Every constant of the enum, spelled exactly as its name (DMS's upper-case vocabulary). */
  public static <E extends Enum<E>> JsonValueType<E> oneOf(Class<E> type) {
    return scalar(ValueTypes.oneOf(type), JsonNode::isTextual, e -> TextNode.valueOf(e.name()));
  }

  /** Only the listed constants: DMS allows different subsets of one vocabulary per key. */
  @SafeVarargs
  public static <E extends Enum<E>> JsonValueType<E> oneOf(E first, E... rest) {
    Set<E> allowed = EnumSet.of(first);
    for (E other : rest) {
      allowed.add(other); // not EnumSet.of(first, rest): passing varargs on is a lint warning
    }
    List<String> names = allowed.stream().map(Enum::name).toList();
    ValueType<E> check =
        words(
            names,
            text -> allowed.stream().filter(e -> e.name().equals(text)).findFirst().orElse(null));
    return scalar(check, JsonNode::isTextual, e -> TextNode.valueOf(e.name()));
  }

  /** One of the given words, exactly: for DMS's lower-case vocabularies ({@code pk-only}). */
  public static JsonValueType<String> choice(String... words) {
    List<String> names = List.of(words);
    return scalar(
        words(names, text -> names.contains(text) ? text : null),
        JsonNode::isTextual,
        TextNode::valueOf);
  }

  /** Output only: written back, but rejected when a user gives it. */
  public static <T> JsonValueType<T> readOnly(JsonValueType<T> type) {
    return new JsonValueType<>() {
      @Override
      public T read(String path, JsonNode node, List<String> problems) {
        problems.add(problem(path, "read-only, set by the service; remove it from the input"));
        return null;
      }

      @Override
      public JsonNode write(T value) {
        return type.write(value);
      }

      @Override
      public String description() {
        return type.description() + ", read-only";
      }
    };
  }

  /**
   * A value DMS writes as an explicit {@code null} when unset (whole optional sections such as
   * {@code BeforeImageSettings}); declare it with the default {@code Optional.empty()}.
   */
  public static <T> JsonValueType<Optional<T>> orNull(JsonValueType<T> type) {
    return new JsonValueType<>() {
      @Override
      public Optional<T> read(String path, JsonNode node, List<String> problems) {
        T value = type.read(path, node, problems);
        return value == null ? null : Optional.of(value);
      }

      @Override
      public JsonNode write(Optional<T> value) {
        return value.map(type::write).orElse(NullNode.getInstance());
      }

      @Override
      public String description() {
        return type.description() + " or null";
      }
    };
  }

  /**
   * Only {@code null} is accepted: for keys whose content DMS does not document, so that a value
   * is reported instead of being kept without effect.
   */
  public static JsonValueType<Optional<Void>> nullOnly(String why) {
    return new JsonValueType<>() {
      @Override
      public Optional<Void> read(String path, JsonNode node, List<String> problems) {
        problems.add(problem(path, why));
        return null;
      }

      @Override
      public JsonNode write(Optional<Void> value) {
        return NullNode.getInstance();
      }

      @Override
      public String description() {
        return "null";
      }
    };
  }

  static String problem(String path, String message) {
    return path.isEmpty() ? message : path + ": " + message;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** How a wrong value is shown in a message: kind and value, so "8" and 8 differ visibly. */
  static String show(JsonNode node) {
    if (node.isTextual()) {
      return "string " + node;
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.toString();
  }

  static JsonNode scalarNode(Object raw) {
    if (raw instanceof Boolean value) {
      return BooleanNode.valueOf(value);
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
      return JsonNodeFactory.instance.numberNode(((Number) raw).longValue());
    }
    if (raw instanceof BigInteger value) {
      return JsonNodeFactory.instance.numberNode(value);
    }
    if (raw instanceof Number value) {
      // Kept as a decimal so that 8.5 is reported, not truncated to 8.
      return JsonNodeFactory.instance.numberNode(new BigDecimal(value.toString()));
    }
    if (raw instanceof String value) {
      return TextNode.valueOf(value);
    }
    throw new IllegalArgumentException("expected a JSON value, got " + raw);
  }

  private static <T> JsonValueType<T> scalar(
      ValueType<T> check, Predicate<JsonNode> kind, Function<T, JsonNode> writer) {
    return new JsonValueType<>() {
      @Override
      public T read(String path, JsonNode node, List<String> problems) {
        if (!kind.test(node)) {
          problems.add(problem(path, "expected " + check.description() + ", got " + show(node)));
          return null;
        }
        Object raw =
            node.isTextual()
                ? node.textValue()
                : node.isBoolean() ? (Object) node.booleanValue() : node.numberValue();
        try {
          return check.parse(raw);
        } catch (IllegalArgumentException e) {
          problems.add(problem(path, e.getMessage()));
          return null;
        }
      }

      @Override
      public JsonNode write(T value) {
        return writer.apply(value);
      }

      @Override
      public String description() {
        return check.description();
      }
    };
  }

  private static <T> ValueType<T> words(List<String> names, Function<String, T> lookup) {
    String description = "one of " + String.join(", ", names);
    return new ValueType<>() {
      @Override
      public T parse(Object raw) {
        T value = raw instanceof String text ? lookup.apply(text) : null;
        if (value == null) {
          throw new IllegalArgumentException("expected " + description + ", got '" + raw + "'");
        }
        return value;
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
