package io.opendms.spi.settings;

/**
 * How a setting's value is read from what a user wrote: a JSON scalar (String, Number, Boolean)
 * from a DMS document, or text from a URI query parameter.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {

  /**
   * Converts and checks a raw value; throws {@link IllegalArgumentException} whose message says
   * what was expected (without the key, which the caller adds).
   */
  T parse(Object raw);

  /** What the type accepts, for documentation and error messages ("integer 1..49"). */
  String description();
}
