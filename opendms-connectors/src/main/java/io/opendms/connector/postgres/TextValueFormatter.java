package io.opendms.connector.postgres;

import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.UUID;

/**
 * Formats a canonical Java value (see {@link io.opendms.spi.type.DmsType}) as the text PostgreSQL's
 * input functions read back to the same value. Dispatches on the value's class, so it serves any
 * source engine. Stateless; throws {@link IllegalArgumentException} for a class that is not a
 * canonical representation.
 */
final class TextValueFormatter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TextValueFormatter() {}

  /** The text of a non-null value. */
  static String format(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Boolean bool) {
      return bool ? "t" : "f";
    }
    if (value instanceof Short
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      // never exponent notation: PostgreSQL would read 1E+3 as 1000 and lose the scale
      return decimal.toPlainString();
    }
    if (value instanceof NonFiniteNumber special) {
      return special.text();
    }
    if (value instanceof Float number) {
      return formatFloat(number.floatValue());
    }
    if (value instanceof Double number) {
      return formatDouble(number.doubleValue());
    }
    if (value instanceof byte[] bytes) {
      return formatBytea(bytes);
    }
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    return formatTemporal(value);
  }

  private static String formatTemporal(Object value) {
    if (value instanceof LocalDate date) {
      return PgTemporalText.formatDate(date);
    }
    if (value instanceof LocalDateTime timestamp) {
      return PgTemporalText.formatTimestamp(timestamp);
    }
    if (value instanceof Instant instant) {
      return PgTemporalText.formatTimestampWithZone(instant);
    }
    if (value instanceof LocalTime time) {
      return PgTemporalText.formatTime(time);
    }
    if (value instanceof OffsetTime time) {
      return PgTemporalText.formatTimeWithZone(time);
    }
    if (value instanceof io.opendms.spi.type.ZeroDate zero) {
      throw new IllegalArgumentException(
          "PostgreSQL has no zero date; the MySQL value " + zero.text() + " cannot be stored");
    }
    throw new IllegalArgumentException(
        "no PostgreSQL text form for a value of class " + value.getClass().getName());
  }

  /**
   * Java's shortest text that reads back to the same float; PostgreSQL's float4in rounds exactly.
   */
  private static String formatFloat(float value) {
    if (Float.isNaN(value)) {
      return "NaN";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return Float.toString(value);
  }

  private static String formatDouble(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(value);
  }

  static String formatBytea(byte[] bytes) {
    char[] text = new char[2 + bytes.length * 2];
    text[0] = '\\';
    text[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      text[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      text[3 + 2 * i] = HEX[bytes[i] & 0xF];
    }
    return new String(text);
  }
}
