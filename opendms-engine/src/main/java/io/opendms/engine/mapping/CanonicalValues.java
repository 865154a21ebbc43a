package io.opendms.engine.mapping;

import io.opendms.engine.mapping.expression.SqliteValues;
import io.opendms.spi.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts a value of any canonical or SQLite type into the canonical value of a {@link
 * DataType}: how an expression's result lands in its {@code add-column}, how {@code
 * change-data-type} converts a column, and how a filter's text value becomes a value of its
 * column. Stateless; {@link IllegalArgumentException} says why a value does not convert.
 */
final class CanonicalValues {
  private static final DateTimeFormatter LOCAL_DATETIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
      .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
      .toFormatter(Locale.ROOT);

  private CanonicalValues() {}

  /** Converts {@code value} (null stays null) to the Java type of {@code type}. */
  static Object convert(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    Object plain = value instanceof BigDecimal decimal ? decimal.toPlainString()
        : value instanceof Boolean bool ? (bool ? 1L : 0L) : value;
    try {
      return switch (type.kind()) {
        case BOOLEAN -> bool(plain);
        case INT1 -> (short) range(integer(plain), -128, 127);
        case UINT1 -> (short) range(integer(plain), 0, 255);
        case INT2 -> (short) range(integer(plain), Short.MIN_VALUE, Short.MAX_VALUE);
        case UINT2 -> (int) range(integer(plain), 0, 65535);
        case INT4 -> (int) range(integer(plain), Integer.MIN_VALUE, Integer.MAX_VALUE);
        case UINT4 -> range(integer(plain), 0, 4_294_967_295L);
        case INT8 -> integer(plain);
        case UINT8 -> unsigned64(plain);
        case NUMERIC -> numeric(plain, type);
        case REAL4 -> (float) real(plain);
        case REAL8 -> real(plain);
        case STRING, WSTRING, CLOB, NCLOB, JSON -> text(value);
        case BYTES, BLOB -> plain instanceof byte[] bytes ? bytes
            : text(value).getBytes(StandardCharsets.UTF_8);
        case DATE -> date(plain);
        case TIME -> time(plain);
        case DATETIME -> datetime(plain);
        case UUID -> plain instanceof UUID uuid ? uuid : UUID.fromString(text(plain).trim());
      };
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(describe(value) + " is not a " + type + ": "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(describe(value) + " is not a " + type
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
  }

  private static String describe(Object value) {
    String text = text(value);
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
  }

  private static String text(Object value) {
    if (value instanceof Instant || value instanceof LocalDateTime || value instanceof Double
        || value instanceof LocalTime) {
      return SqliteValues.text(value);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static Boolean bool(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    String text = text(value).trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "t", "yes", "y", "1", "on" -> true;
      case "false", "f", "no", "n", "0", "off" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static long integer(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
        throw new IllegalArgumentException("not a whole number");
      }
      return (long) d;
    }
    return new BigDecimal(text(value).trim()).longValueExact();
  }

  private static long range(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range " + min + ".." + max);
    }
    return value;
  }

  private static BigInteger unsigned64(Object value) {
    BigInteger number = value instanceof BigInteger big ? big
        : new BigDecimal(text(value).trim()).toBigIntegerExact();
    if (number.signum() < 0 || number.bitLength() > 64) {
      throw new IllegalArgumentException("out of range 0..2^64-1");
    }
    return number;
  }

  private static BigDecimal numeric(Object value, DataType type) {
    BigDecimal number = value instanceof Double d ? BigDecimal.valueOf(d)
        : new BigDecimal(text(value).trim());
    if (type.precision() > 0) {
      number = number.setScale(type.scale(), RoundingMode.HALF_UP);
      if (number.precision() - number.scale() > type.precision() - type.scale()) {
        throw new IllegalArgumentException("too many digits");
      }
    }
    return number;
  }

  private static double real(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return Double.parseDouble(text(value).trim());
  }

  private static Object date(Object value) {
    if (value instanceof LocalDate) {
      return value;
    }
    if (value instanceof LocalDateTime time) {
      return time.toLocalDate();
    }
    String text = text(value).trim();
    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }

  private static Object time(Object value) {
    if (value instanceof LocalTime || value instanceof OffsetTime) {
      return value;
    }
    if (value instanceof LocalDateTime time) {
      return time.toLocalTime();
    }
    String text = text(value).trim();
    int space = text.indexOf(' ');
    return LocalTime.parse(text.length() > 10 && space == 10 ? text.substring(11) : text);
  }

  /** Timestamps without zone stay local; with an offset or Z they become instants. */
  private static Object datetime(Object value) {
    if (value instanceof LocalDateTime || value instanceof Instant) {
      return value;
    }
    if (value instanceof LocalDate day) {
      return day.atStartOfDay();
    }
    String text = text(value).trim();
    if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}(:?\\d{2})?$") && text.length() > 10) {
      String iso = text.replace(' ', 'T').replaceAll("([+-]\\d{2})$", "$1:00");
      return OffsetDateTime.parse(iso).toInstant();
    }
    return LocalDateTime.parse(text, LOCAL_DATETIME);
  }

  /** The value as a column of {@code type} holds it when read back, for comparisons. */
  static Object forComparison(Object value) {
    if (value instanceof OffsetTime time) {
      return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return value;
  }
}
