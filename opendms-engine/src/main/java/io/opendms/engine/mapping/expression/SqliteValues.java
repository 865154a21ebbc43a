package io.opendms.engine.mapping.expression;

import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * SQLite's dynamic values ({@code null}, {@link Long}, {@link Double}, {@link String}, {@code
 * byte[]}) and the conversions between them that SQLite applies: numbers print as SQLite prints
 * them, text used as a number reads its longest numeric prefix, NULL propagates. Stateless.
 */
public final class SqliteValues {
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private SqliteValues() {}

  /**
   * The SQLite value of a canonical value (see {@link io.opendms.spi.type.DmsType}): integers
   * and booleans as integers, decimals as integers when whole and as reals otherwise, dates and
   * times as their ISO text with a space between date and time (as SQLite's date functions write
   * them), timestamps with a zone in UTC, UUIDs as text.
   */
  public static Object fromCanonical(Object value) {
    if (value == null || value instanceof Long || value instanceof Double
        || value instanceof String || value instanceof byte[]) {
      return value;
    }
    if (value instanceof Boolean bool) {
      return bool ? 1L : 0L;
    }
    if (value instanceof Short || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
        return stripped.longValueExact();
      }
      return decimal.doubleValue();
    }
    if (value instanceof Float number) {
      return Double.parseDouble(number.toString());
    }
    if (value instanceof NonFiniteNumber special) {
      return special.text().startsWith("-") ? Double.NEGATIVE_INFINITY
          : special.text().equals("NaN") ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    return text(value);
  }

  /** SQLite's text of a value; {@code null} stays null. */
  public static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Double number) {
      return realText(number);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof LocalDateTime time) {
      return DATETIME.format(time) + fraction(time.getNano());
    }
    if (value instanceof Instant instant) {
      return text(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    if (value instanceof LocalTime time) {
      return time.withNano(0).toString().length() == 5
          ? time.withNano(0) + ":00" + fraction(time.getNano())
          : time.withNano(0) + fraction(time.getNano());
    }
    if (value instanceof OffsetTime time) {
      return text(time.toLocalTime()) + time.getOffset();
    }
    if (value instanceof ZeroDate zero) {
      return zero.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof LocalDate || value instanceof UUID || value instanceof Number
        || value instanceof Boolean) {
      return value.toString();
    }
    return value.toString();
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String digits = String.format(Locale.ROOT, "%09d", nanos);
    return "." + digits.replaceAll("0+$", "");
  }

  /** SQLite prints reals with up to 15 significant digits and always with a point. */
  static String realText(double number) {
    if (Double.isNaN(number)) {
      return "NaN";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "Inf" : "-Inf";
    }
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", number);
    }
    String text = new BigDecimal(number).round(new java.math.MathContext(15)).stripTrailingZeros()
        .toString();
    return text.contains(".") || text.contains("E") ? text : text + ".0";
  }

  /** A numeric literal: an integer when it has no point or exponent and fits, else a real. */
  static Object number(String text) {
    if (text.matches("[0-9]+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        return Double.parseDouble(text);
      }
    }
    return Double.parseDouble(text);
  }

  /**
   * The value as a number (Long or Double), as arithmetic sees it: text gives its longest numeric
   * prefix, or 0; null stays null.
   */
  static Object numeric(Object value) {
    if (value == null || value instanceof Long || value instanceof Double) {
      return value;
    }
    String text = text(value).trim();
    var matcher = java.util.regex.Pattern
        .compile("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?").matcher(text);
    if (!matcher.find()) {
      return 0L;
    }
    String prefix = matcher.group();
    if (prefix.matches("[+-]?[0-9]+")) {
      try {
        return Long.parseLong(prefix);
      } catch (NumberFormatException tooLarge) {
        return Double.parseDouble(prefix);
      }
    }
    return Double.parseDouble(prefix);
  }

  /** Whether text reads entirely as a number (SQLite's numeric affinity test). */
  static boolean looksNumeric(Object value) {
    if (value instanceof Long || value instanceof Double) {
      return true;
    }
    return value instanceof String text
        && text.trim().matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  }

  static double real(Object number) {
    return ((Number) number).doubleValue();
  }

  static Long truth(boolean value) {
    return value ? 1L : 0L;
  }

  /** SQLite's truth of a value: non-zero numbers; null is not true. */
  static boolean isTrue(Object value) {
    if (value == null) {
      return false;
    }
    Object number = numeric(value);
    return real(number) != 0;
  }

  /**
   * Orders two non-null values. Numbers compare numerically, also against text that reads as a
   * number (columns have type affinity in DMS's SQLite tables); otherwise numbers sort before
   * text, text compares by code point, blobs last.
   */
  static int compare(Object a, Object b) {
    boolean aNumber = a instanceof Long || a instanceof Double;
    boolean bNumber = b instanceof Long || b instanceof Double;
    if ((aNumber || bNumber) && looksNumeric(a) && looksNumeric(b)) {
      Object x = numeric(a);
      Object y = numeric(b);
      if (x instanceof Long l && y instanceof Long m) {
        return Long.compare(l, m);
      }
      return Double.compare(real(x), real(y));
    }
    if (aNumber != bNumber) {
      return aNumber ? -1 : 1;
    }
    if (a instanceof byte[] || b instanceof byte[]) {
      return text(a).compareTo(text(b));
    }
    return text(a).compareTo(text(b));
  }

  /** {@code CAST(value AS type)} for SQLite's type names. */
  static Object cast(Object value, String type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case "INTEGER", "INT", "BIGINT" -> {
        Object number = numeric(value);
        yield number instanceof Double d ? (Object) (long) d.doubleValue() : number;
      }
      case "REAL", "DOUBLE", "FLOAT" -> real(numeric(value));
      case "NUMERIC", "DECIMAL" -> {
        Object number = numeric(value);
        yield number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e18
            ? (Object) (long) d.doubleValue() : number;
      }
      case "BLOB" -> value instanceof byte[] ? value : text(value).getBytes(StandardCharsets.UTF_8);
      default -> text(value);
    };
  }
}
