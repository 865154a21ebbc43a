package io.opendms.connector.mysql;

import io.opendms.spi.type.ZeroDate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * MySQL's text forms of dates and times, both ways: {@code YYYY-MM-DD}, {@code YYYY-MM-DD
 * HH:MM:SS[.ffffff]}, {@code HH:MM:SS[.ffffff]}. Zero dates become {@link ZeroDate}s. TIMESTAMP
 * values are read and written in UTC, the session zone {@link MySqlConnections} sets. Stateless.
 */
final class MySqlTemporalText {

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private MySqlTemporalText() {}

  static Object parseDate(String text) {
    return ZeroDate.isZero(text) ? new ZeroDate(text) : LocalDate.parse(text);
  }

  static Object parseDateTime(String text) {
    return ZeroDate.isZero(text) ? new ZeroDate(text) : localDateTime(text);
  }

  static Object parseTimestamp(String text) {
    return ZeroDate.isZero(text) ? new ZeroDate(text) : localDateTime(text).toInstant(ZoneOffset.UTC);
  }

  /**
   * {@code YYYY-MM-DD HH:MM:SS[.f...]} by hand: the server prints exactly this form, and a
   * DateTimeFormatter costs more than the rest of the row's decoding.
   */
  private static LocalDateTime localDateTime(String text) {
    if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(10) != ' ') {
      return LocalDateTime.parse(text, DATE_TIME); // an unexpected form: the formatter says why
    }
    int nanos = 0;
    if (text.length() > 20) {
      String fraction = text.substring(20);
      nanos = Integer.parseInt(fraction) * (int) Math.pow(10, 9 - fraction.length());
    }
    return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), nanos);
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a MySQL datetime: " + text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * A TIME of the day. MySQL's TIME is an interval of -838:59:59 to 838:59:59; values outside a
   * day have no canonical TIME and are refused rather than wrapped.
   */
  static LocalTime parseTime(String text) {
    if (text.startsWith("-") || text.indexOf(':') != 2 || text.compareTo("24") >= 0) {
      throw new IllegalArgumentException(
          "TIME value " + text + " lies outside 00:00:00-23:59:59, which canonical TIME holds");
    }
    return LocalTime.parse(text);
  }

  static String formatDate(LocalDate date) {
    checkYear(date.getYear());
    return date.toString();
  }

  static String formatDateTime(LocalDateTime value) {
    checkYear(value.getYear());
    return DATE_TIME.format(value);
  }

  /** An instant as a UTC datetime, for DATETIME and TIMESTAMP columns alike. */
  static String formatInstant(Instant value) {
    if (value.equals(Instant.MAX) || value.equals(Instant.MIN)) {
      throw new IllegalArgumentException("MySQL has no infinite timestamp (" + infinity(value) + ")");
    }
    return formatDateTime(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
  }

  static String formatTime(LocalTime time) {
    return time.toString().length() == 5 ? time + ":00" : time.toString();
  }

  private static String infinity(Instant value) {
    return value.equals(Instant.MAX) ? "infinity" : "-infinity";
  }

  private static void checkYear(int year) {
    if (year == LocalDate.MAX.getYear() || year == LocalDateTime.MAX.getYear()) {
      throw new IllegalArgumentException("MySQL has no infinite date (infinity)");
    }
    if (year == LocalDate.MIN.getYear() || year == LocalDateTime.MIN.getYear()) {
      throw new IllegalArgumentException("MySQL has no infinite date (-infinity)");
    }
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException(
          "year " + year + " lies outside 0000-9999, the years MySQL dates hold");
    }
  }
}
