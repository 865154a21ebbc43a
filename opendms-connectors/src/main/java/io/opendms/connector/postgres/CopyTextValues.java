package io.opendms.connector.postgres;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;

/**
 * The common forms of PostgreSQL's text output parsed straight from the bytes of a COPY line,
 * without the String that {@link TextValueParser} needs: plain integers, booleans, numerics of up
 * to 18 digits, four-digit-year dates and timestamps in UTC, and text. A full load spends most of
 * its reading time turning fields into values, and the String of every number and timestamp was
 * a third of it (bench/README.md). Anything else, from {@code infinity} and BC dates to NaN and
 * out-of-range numbers, returns {@link #UNUSUAL} and goes the String way, which also reports
 * errors: both ways give equal values for every text this class accepts (CopyTextValuesTest).
 * Stateless.
 */
final class CopyTextValues {
  /** Returned for text outside the forms parsed here. */
  static final Object UNUSUAL = new Object();

  private static final int SECONDS_PER_DAY = 86_400;
  /** 18 decimal digits always fit a long. */
  private static final int MAX_LONG_DIGITS = 18;

  private CopyTextValues() {}

  /**
   * The value of the unescaped, non-null field {@code bytes[from, to)} of the given kind, or
   * {@link #UNUSUAL}.
   */
  static Object parse(ValueKind kind, byte[] bytes, int from, int to) {
    return switch (kind) {
      case TEXT -> new String(bytes, from, to - from, StandardCharsets.UTF_8);
      case BOOLEAN -> to - from != 1 ? UNUSUAL
          : bytes[from] == 't' ? Boolean.TRUE : bytes[from] == 'f' ? Boolean.FALSE : UNUSUAL;
      case SHORT -> integer(bytes, from, to, Short.MIN_VALUE, Short.MAX_VALUE, kind);
      case INTEGER -> integer(bytes, from, to, Integer.MIN_VALUE, Integer.MAX_VALUE, kind);
      case LONG -> integer(bytes, from, to, Long.MIN_VALUE, Long.MAX_VALUE, kind);
      case NUMERIC -> numeric(bytes, from, to);
      case DATE -> to - from == 10 ? date(bytes, from) : UNUSUAL;
      case TIMESTAMP -> timestamp(bytes, from, to, false);
      case TIMESTAMP_WITH_ZONE -> timestamp(bytes, from, to, true);
      default -> UNUSUAL;
    };
  }

  private static Object integer(byte[] bytes, int from, int to, long min, long max, ValueKind kind) {
    boolean negative = to > from && bytes[from] == '-';
    int start = negative ? from + 1 : from;
    if (to == start || to - start > MAX_LONG_DIGITS) {
      return UNUSUAL;
    }
    long value = 0;
    for (int i = start; i < to; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return UNUSUAL;
      }
      value = value * 10 + digit;
    }
    value = negative ? -value : value;
    if (value < min || value > max) {
      return UNUSUAL;
    }
    return switch (kind) {
      case SHORT -> Short.valueOf((short) value);
      case INTEGER -> Integer.valueOf((int) value);
      default -> Long.valueOf(value);
    };
  }

  /** {@code -?digits[.digits]} of at most 18 digits: its unscaled value and scale, as printed. */
  private static Object numeric(byte[] bytes, int from, int to) {
    boolean negative = to > from && bytes[from] == '-';
    int start = negative ? from + 1 : from;
    long unscaled = 0;
    int digits = 0;
    int scale = -1;
    for (int i = start; i < to; i++) {
      byte b = bytes[i];
      if (b == '.' && scale < 0 && digits > 0) {
        scale = 0;
        continue;
      }
      int digit = b - '0';
      if (digit < 0 || digit > 9 || ++digits > MAX_LONG_DIGITS) {
        return UNUSUAL;
      }
      unscaled = unscaled * 10 + digit;
      if (scale >= 0) {
        scale++;
      }
    }
    if (digits == 0 || scale == 0) {
      return UNUSUAL;
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
  }

  /** {@code YYYY-MM-DD} at {@code from}. */
  private static Object date(byte[] bytes, int from) {
    if (bytes[from + 4] != '-' || bytes[from + 7] != '-') {
      return UNUSUAL;
    }
    int year = digits(bytes, from, 4);
    int month = digits(bytes, from + 5, 2);
    int day = digits(bytes, from + 8, 2);
    if (year <= 0 || month < 1 || month > 12 || day < 1
        || day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
      return UNUSUAL;
    }
    return LocalDate.of(year, month, day);
  }

  /**
   * {@code YYYY-MM-DD HH:MM:SS[.fraction]}, then {@code +00} when zoned (the session's time zone
   * is UTC, {@link PostgresConnections}).
   */
  private static Object timestamp(byte[] bytes, int from, int to, boolean zoned) {
    int end = zoned ? to - 3 : to;
    if (end - from < 19 || bytes[from + 10] != ' ' || bytes[from + 13] != ':' || bytes[from + 16] != ':'
        || zoned && (bytes[end] != '+' || bytes[end + 1] != '0' || bytes[end + 2] != '0')) {
      return UNUSUAL;
    }
    Object date = date(bytes, from);
    int hour = digits(bytes, from + 11, 2);
    int minute = digits(bytes, from + 14, 2);
    int second = digits(bytes, from + 17, 2);
    int nanos = fraction(bytes, from + 19, end);
    if (date == UNUSUAL || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || nanos < 0) {
      return UNUSUAL;
    }
    LocalDate day = (LocalDate) date;
    if (!zoned) {
      return LocalDateTime.of(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), hour, minute, second,
          nanos);
    }
    return Instant.ofEpochSecond(day.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second,
        nanos);
  }

  /** Nanoseconds of {@code [.digits]} between {@code from} and {@code to}, or -1. */
  private static int fraction(byte[] bytes, int from, int to) {
    if (from == to) {
      return 0;
    }
    if (bytes[from] != '.' || to - from < 2 || to - from > 10) {
      return -1;
    }
    int nanos = digits(bytes, from + 1, to - from - 1);
    for (int i = to - from - 1; i < 9 && nanos >= 0; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  /** The number of {@code count} decimal digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(byte[] bytes, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
