package io.opendms.connector.mysql;

import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Formats a canonical Java value as the text MySQL reads back to the same value from a LOAD DATA
 * file. Dispatches on the value's class, so it serves any source engine. Values MySQL cannot hold
 * at all (NaN, infinities, years outside 0-9999) are refused with the reason; values that do not
 * fit the column (too long, out of range) are left to the server, whose warning fails the load.
 * Stateless.
 */
final class MySqlValueFormatter {

  private static final HexFormat HEX = HexFormat.of();

  private MySqlValueFormatter() {}

  /**
   * The text of a non-null value for a column loaded as {@code how}.
   *
   * @throws IllegalArgumentException saying why MySQL cannot store the value
   */
  static String format(Object value, LoadDataColumn how) {
    if (value instanceof byte[] bytes) {
      return how == LoadDataColumn.BIT ? new BigInteger(1, bytes).toString() : HEX.formatHex(bytes);
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    if (value instanceof Short || value instanceof Integer || value instanceof Long
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof NonFiniteNumber special) {
      throw new IllegalArgumentException("MySQL DECIMAL cannot hold numeric " + special.text());
    }
    if (value instanceof Float number) {
      // the float's exact double: the server parses a double and rounds it to a float, and
      // Float.toString(MAX_VALUE) = 3.4028235E38 would parse above the float range
      return finite(number.doubleValue(), "FLOAT", Double.toString(number.doubleValue()));
    }
    if (value instanceof Double number) {
      return finite(number, "DOUBLE", Double.toString(number));
    }
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    return formatTemporal(value);
  }

  private static String formatTemporal(Object value) {
    if (value instanceof LocalDate date) {
      return MySqlTemporalText.formatDate(date);
    }
    if (value instanceof LocalDateTime timestamp) {
      return MySqlTemporalText.formatDateTime(timestamp);
    }
    if (value instanceof Instant instant) {
      return MySqlTemporalText.formatInstant(instant);
    }
    if (value instanceof LocalTime time) {
      return MySqlTemporalText.formatTime(time);
    }
    if (value instanceof OffsetTime time) {
      // into the VARCHAR a time with offset is created as; always with seconds, unlike toString
      return java.time.format.DateTimeFormatter.ISO_OFFSET_TIME.format(time);
    }
    if (value instanceof ZeroDate zero) {
      return zero.text();
    }
    throw new IllegalArgumentException(
        "no MySQL text form for a value of class " + value.getClass().getName());
  }

  private static String finite(double number, String type, String text) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException("MySQL " + type + " cannot hold " + text);
    }
    return text;
  }
}
