package io.opendms.connector.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL's ISO text forms of dates and times, both ways, as {@code DateStyle = ISO} and {@code
 * TimeZone = UTC} print them: {@code 0044-03-15 BC}, {@code 10000-01-01}, {@code infinity}, {@code
 * 2024-05-01 10:20:30.5+00}, {@code 24:00:00}, {@code 12:00:00+05:30:15}.
 *
 * <p>Conventions of the canonical values: the MAX/MIN constants of each class stand for {@code
 * infinity}/{@code -infinity}; year 0 in Java is 1 BC; and {@link LocalTime#MAX} stands for
 * PostgreSQL's {@code 24:00:00}, which {@code LocalTime} cannot hold (PostgreSQL keeps
 * microseconds, so 23:59:59.999999999 can never be a real PostgreSQL value). Stateless.
 */
final class PgTemporalText {

  private static final String INFINITY = "infinity";
  private static final String MINUS_INFINITY = "-infinity";
  private static final String BC = " BC";
  private static final String END_OF_DAY = "24:00:00";

  private PgTemporalText() {}

  static LocalDate parseDate(String text) {
    if (text.equals(INFINITY)) {
      return LocalDate.MAX;
    }
    if (text.equals(MINUS_INFINITY)) {
      return LocalDate.MIN;
    }
    boolean bc = text.endsWith(BC);
    return date(text, 0, bc ? text.length() - BC.length() : text.length(), bc);
  }

  static LocalDateTime parseTimestamp(String text) {
    if (text.equals(INFINITY)) {
      return LocalDateTime.MAX;
    }
    if (text.equals(MINUS_INFINITY)) {
      return LocalDateTime.MIN;
    }
    boolean bc = text.endsWith(BC);
    int end = bc ? text.length() - BC.length() : text.length();
    int space = text.indexOf(' ');
    return LocalDateTime.of(date(text, 0, space, bc), time(text, space + 1, end));
  }

  static Instant parseTimestampWithZone(String text) {
    if (text.equals(INFINITY)) {
      return Instant.MAX;
    }
    if (text.equals(MINUS_INFINITY)) {
      return Instant.MIN;
    }
    boolean bc = text.endsWith(BC);
    int end = bc ? text.length() - BC.length() : text.length();
    int space = text.indexOf(' ');
    int sign = offsetStart(text, space + 1, end);
    LocalDate date = date(text, 0, space, bc);
    return LocalDateTime.of(date, time(text, space + 1, sign)).toInstant(offset(text, sign, end));
  }

  static LocalTime parseTime(String text) {
    return time(text, 0, text.length());
  }

  static OffsetTime parseTimeWithZone(String text) {
    int sign = offsetStart(text, 0, text.length());
    return OffsetTime.of(time(text, 0, sign), offset(text, sign, text.length()));
  }

  static String formatDate(LocalDate value) {
    if (value.equals(LocalDate.MAX)) {
      return INFINITY;
    }
    if (value.equals(LocalDate.MIN)) {
      return MINUS_INFINITY;
    }
    StringBuilder text = new StringBuilder(16);
    appendDate(text, value);
    return value.getYear() <= 0 ? text.append(BC).toString() : text.toString();
  }

  static String formatTimestamp(LocalDateTime value) {
    if (value.equals(LocalDateTime.MAX)) {
      return INFINITY;
    }
    if (value.equals(LocalDateTime.MIN)) {
      return MINUS_INFINITY;
    }
    return timestamp(value, "");
  }

  static String formatTimestampWithZone(Instant value) {
    if (value.equals(Instant.MAX)) {
      return INFINITY;
    }
    if (value.equals(Instant.MIN)) {
      return MINUS_INFINITY;
    }
    return timestamp(LocalDateTime.ofInstant(value, ZoneOffset.UTC), "+00");
  }

  static String formatTime(LocalTime value) {
    StringBuilder text = new StringBuilder(16);
    appendTime(text, value);
    return text.toString();
  }

  static String formatTimeWithZone(OffsetTime value) {
    StringBuilder text = new StringBuilder(24);
    appendTime(text, value.toLocalTime());
    int seconds = value.getOffset().getTotalSeconds();
    text.append(seconds < 0 ? '-' : '+');
    seconds = Math.abs(seconds);
    appendTwoDigits(text, seconds / 3600);
    if (seconds % 3600 != 0) {
      text.append(':');
      appendTwoDigits(text, seconds / 60 % 60);
      if (seconds % 60 != 0) {
        text.append(':');
        appendTwoDigits(text, seconds % 60);
      }
    }
    return text.toString();
  }

  private static String timestamp(LocalDateTime value, String zone) {
    StringBuilder text = new StringBuilder(32);
    appendDate(text, value.toLocalDate());
    text.append(' ');
    appendTime(text, value.toLocalTime());
    text.append(zone);
    return value.getYear() <= 0 ? text.append(BC).toString() : text.toString();
  }

  private static void appendDate(StringBuilder text, LocalDate value) {
    int year = value.getYear() <= 0 ? 1 - value.getYear() : value.getYear();
    String digits = Integer.toString(year);
    text.append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits).append('-');
    appendTwoDigits(text, value.getMonthValue());
    text.append('-');
    appendTwoDigits(text, value.getDayOfMonth());
  }

  private static void appendTime(StringBuilder text, LocalTime value) {
    if (value.equals(LocalTime.MAX)) {
      text.append(END_OF_DAY);
      return;
    }
    appendTwoDigits(text, value.getHour());
    text.append(':');
    appendTwoDigits(text, value.getMinute());
    text.append(':');
    appendTwoDigits(text, value.getSecond());
    int nanos = value.getNano();
    if (nanos != 0) {
      String fraction = Integer.toString(1_000_000_000 + nanos).substring(1);
      int length = fraction.length();
      while (fraction.charAt(length - 1) == '0') {
        length--;
      }
      text.append('.').append(fraction, 0, length);
    }
  }

  private static void appendTwoDigits(StringBuilder text, int value) {
    if (value < 10) {
      text.append('0');
    }
    text.append(value);
  }

  /** Year-month-day between {@code from} and {@code to}; the year may have more than 4 digits. */
  private static LocalDate date(String text, int from, int to, boolean bc) {
    int secondDash = text.lastIndexOf('-', to - 1);
    int firstDash = text.lastIndexOf('-', secondDash - 1);
    if (firstDash <= from) {
      throw new IllegalArgumentException("not a PostgreSQL date: " + text);
    }
    int year = Integer.parseInt(text, from, firstDash, 10);
    int month = Integer.parseInt(text, firstDash + 1, secondDash, 10);
    int day = Integer.parseInt(text, secondDash + 1, to, 10);
    return LocalDate.of(bc ? 1 - year : year, month, day);
  }

  /** {@code HH:MM:SS[.fraction]} between {@code from} and {@code to}; 24:00:00 is MAX. */
  private static LocalTime time(String text, int from, int to) {
    if (to - from < 8 || text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
      throw new IllegalArgumentException("not a PostgreSQL time: " + text);
    }
    int hour = Integer.parseInt(text, from, from + 2, 10);
    int minute = Integer.parseInt(text, from + 3, from + 5, 10);
    int second = Integer.parseInt(text, from + 6, from + 8, 10);
    int nanos = 0;
    if (to > from + 8) {
      if (text.charAt(from + 8) != '.' || to - from - 9 > 9 || to == from + 9) {
        throw new IllegalArgumentException("not a PostgreSQL time: " + text);
      }
      for (int i = from + 9; i < from + 18; i++) {
        nanos = nanos * 10 + (i < to ? digit(text, i) : 0);
      }
    }
    if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
      return LocalTime.MAX;
    }
    return LocalTime.of(hour, minute, second, nanos);
  }

  /** Where the {@code +HH[:MM[:SS]]} offset starts after a time. */
  private static int offsetStart(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+' || c == '-') {
        return i;
      }
    }
    throw new IllegalArgumentException("no time zone offset in: " + text);
  }

  /** {@code +HH[:MM[:SS]]}: the text as it is always printed with {@code TimeZone = UTC}, +00, first. */
  private static ZoneOffset offset(String text, int from, int to) {
    if (to - from == 3 && text.startsWith("+00", from)) {
      return ZoneOffset.UTC;
    }
    int sign = text.charAt(from) == '-' ? -1 : 1;
    String[] parts = text.substring(from + 1, to).split(":", -1);
    int hours = Integer.parseInt(parts[0]);
    int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
  }

  private static int digit(String text, int at) {
    char c = text.charAt(at);
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("not a PostgreSQL time: " + text);
    }
    return c - '0';
  }
}
