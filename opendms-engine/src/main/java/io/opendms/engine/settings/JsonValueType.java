package io.opendms.engine.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.settings.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ValueType} that also knows its JSON form, so one declaration both reads a DMS JSON
 * document and writes the expanded document back. Reading is strict about JSON kinds: a string
 * {@code "8"} is not an integer, {@code 8.0} is not an integer, {@code "true"} is not a boolean.
 *
 * <p>Stateless and thread-safe.
 *
 * @param <T> the Java type of the value
 */
public interface JsonValueType<T> extends ValueType<T> {

  /**
   * Reads a JSON value that is present and not {@code null} (callers treat JSON {@code null} as
   * "not given" before calling). Adds one message per problem to {@code problems}, each starting
   * with {@code path} (or with the nested path below it), and returns null when there was any.
   */
  T read(String path, JsonNode node, List<String> problems);

  /** The JSON form of a value this type read or declared as default; never null. */
  JsonNode write(T value);

  /**
   * Accepts a {@link JsonNode} or a plain JSON scalar (String, Number, Boolean), as {@link
   * io.opendms.spi.settings.SettingGroup#resolve} passes it.
   */
  @Override
  default T parse(Object raw) {
    JsonNode node = raw instanceof JsonNode json ? json : JsonValueTypes.scalarNode(raw);
    var problems = new ArrayList<String>();
    T value = read("", node, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return value;
  }
}
