package io.opendms.spi.type;

/**
 * The non-finite values of an exact {@link DmsType#NUMERIC}: PostgreSQL's numeric stores them,
 * {@link java.math.BigDecimal} cannot, and DMS turns NaN into 0. We carry them as they are.
 */
public enum NonFiniteNumber {
  NAN("NaN"),
  POSITIVE_INFINITY("Infinity"),
  NEGATIVE_INFINITY("-Infinity");

  private final String text;

  NonFiniteNumber(String text) {
    this.text = text;
  }

  /** The text PostgreSQL reads and writes for this value. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
