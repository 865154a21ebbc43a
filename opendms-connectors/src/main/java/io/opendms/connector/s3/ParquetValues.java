package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.column.ColumnWriter;

/**
 * How a column's canonical values become Parquet values of {@link ParquetSchema}'s types, chosen
 * once per column rather than per value: each column's conversion is a small method of its own,
 * which the JIT compiles (and inlines parquet-java's column writer into) apart from the others.
 * One method switching on the type for every value was the largest method the JIT compiled in a
 * full load (about a second of the compiler's time on two cores) and, being too large to inline
 * into, kept the statistics' comparisons from being compiled without their allocations.
 * Stateless.
 */
final class ParquetValues {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int DECIMAL_BYTES = 16;
  private static final int PRESENT = ParquetRowWriter.PRESENT;

  private ParquetValues() {}

  /** Writes one non-null value of a column into the column's writer. */
  @FunctionalInterface
  interface FieldWriter {
    void add(ColumnWriter out, Object value);
  }

  /** The writer of a column's values. */
  static FieldWriter of(Column column) {
    DataType type = column.type();
    return switch (type.kind()) {
      case BOOLEAN -> (out, value) -> out.write((Boolean) value, 0, PRESENT);
      case INT1, INT2, UINT1 -> (out, value) -> out.write(((Short) value).intValue(), 0, PRESENT);
      case INT4, UINT2 -> (out, value) -> out.write((Integer) value, 0, PRESENT);
      case INT8, UINT4 -> (out, value) -> out.write((Long) value, 0, PRESENT);
      case UINT8 -> (out, value) -> out.write(((BigInteger) value).longValue(), 0, PRESENT);
      case NUMERIC -> ParquetSchema.decimal(type) ? decimal(column)
          : (out, value) -> out.write(utf8(text(value)), 0, PRESENT);
      case REAL4 -> (out, value) -> out.write((Float) value, 0, PRESENT);
      case REAL8 -> (out, value) -> out.write((Double) value, 0, PRESENT);
      case BYTES, BLOB ->
          (out, value) -> out.write(Binary.fromConstantByteArray((byte[]) value), 0, PRESENT);
      case DATE -> (out, value) -> out.write(epochDay(column, value), 0, PRESENT);
      case TIME -> (out, value) -> out.write(timeMicros(value), 0, PRESENT);
      case DATETIME -> (out, value) -> out.write(timestampMicros(column, value), 0, PRESENT);
      default -> (out, value) -> out.write(utf8(text(value)), 0, PRESENT);
    };
  }

  /**
   * Text as UTF-8: the same bytes as {@code Binary.fromString}, whose charset encoder per value
   * costs more than {@code String.getBytes}.
   */
  static Binary utf8(String text) {
    return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A value of a STRING column: text as it is, anything else as the CSV files write it. */
  private static String text(Object value) {
    return value instanceof String text ? text : CsvFileWriter.text(value);
  }

  private static FieldWriter decimal(Column column) {
    int scale = column.type().scale();
    int precision = column.type().precision();
    if (precision <= ParquetSchema.MAX_INT32_DECIMAL_PRECISION) {
      return (out, value) -> out.write((int) unscaled(column, value, scale, precision), 0, PRESENT);
    }
    if (precision <= ParquetSchema.MAX_INT64_DECIMAL_PRECISION) {
      return (out, value) -> out.write(unscaled(column, value, scale, precision), 0, PRESENT);
    }
    return (out, value) ->
        out.write(decimal16(fitted(column, value, scale, precision)), 0, PRESENT);
  }

  /**
   * The unscaled value at the column's scale of a decimal of at most 18 digits. {@code
   * scaleByPowerOfTen} keeps BigDecimal's compact long, where {@code unscaledValue} would make a
   * BigInteger of it.
   */
  static long unscaled(Column column, Object value, int scale, int precision) {
    BigDecimal decimal = fitted(column, value, scale, precision);
    return decimal.scaleByPowerOfTen(scale).longValueExact();
  }

  /** The value at the column's scale, or an error naming the column when it does not fit. */
  private static BigDecimal fitted(Column column, Object value, int scale, int precision) {
    if (value instanceof BigDecimal decimal) {
      try {
        BigDecimal scaled = decimal.setScale(scale, RoundingMode.UNNECESSARY);
        if (scaled.precision() <= precision) {
          return scaled;
        }
      } catch (ArithmeticException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("column " + column.name() + ": " + value
        + " does not fit DECIMAL(" + precision + "," + scale + ")");
  }

  /**
   * The unscaled value as 16 big-endian two's-complement bytes (FIXED_LEN_BYTE_ARRAY(16)); one
   * that fits a long, as most do, is written from the long without {@code toByteArray}'s copy.
   */
  static Binary decimal16(BigDecimal decimal) {
    BigInteger unscaled = decimal.unscaledValue();
    byte[] fixed = new byte[DECIMAL_BYTES];
    if (unscaled.bitLength() < Long.SIZE) {
      long value = unscaled.longValue();
      byte fill = (byte) (value < 0 ? 0xFF : 0);
      for (int i = 0; i < DECIMAL_BYTES - Long.BYTES; i++) {
        fixed[i] = fill;
      }
      for (int i = DECIMAL_BYTES - 1; i >= DECIMAL_BYTES - Long.BYTES; i--) {
        fixed[i] = (byte) value;
        value >>= 8;
      }
      return Binary.fromConstantByteArray(fixed);
    }
    byte[] bytes = unscaled.toByteArray();
    byte fill = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
    int pad = DECIMAL_BYTES - bytes.length;
    for (int i = 0; i < DECIMAL_BYTES; i++) {
      fixed[i] = i < pad ? fill : bytes[i - pad];
    }
    return Binary.fromConstantByteArray(fixed);
  }

  private static int epochDay(Column column, Object value) {
    if (!(value instanceof LocalDate date) || date.equals(LocalDate.MAX)
        || date.equals(LocalDate.MIN)) {
      throw new IllegalArgumentException("column " + column.name() + ": " + value
          + " has no Parquet DATE (infinite or zero date)");
    }
    return Math.toIntExact(date.toEpochDay());
  }

  private static long timeMicros(Object value) {
    LocalTime time = value instanceof OffsetTime offset ? offset.toLocalTime() : (LocalTime) value;
    return time.toNanoOfDay() / 1000;
  }

  /**
   * Microseconds since 1970-01-01T00:00Z as {@code ChronoUnit.MICROS.between(Instant.EPOCH,
   * instant)} counts them (a sub-microsecond rest dropped towards 1970), without that call's
   * temporal-unit dispatch, a LocalDateTime's Instant, or its overflow: it counts nanoseconds
   * first and so failed on instants more than 292 years from 1970, which have microseconds.
   */
  static long timestampMicros(Column column, Object value) {
    if (value instanceof Instant instant && !instant.equals(Instant.MAX)
        && !instant.equals(Instant.MIN)) {
      return micros(instant.getEpochSecond(), instant.getNano());
    }
    if (value instanceof LocalDateTime local && !local.equals(LocalDateTime.MAX)
        && !local.equals(LocalDateTime.MIN)) {
      return micros(local.toEpochSecond(ZoneOffset.UTC), local.getNano());
    }
    throw new IllegalArgumentException("column " + column.name() + ": " + value
        + " has no Parquet TIMESTAMP (infinite or zero timestamp)");
  }

  private static long micros(long epochSecond, int nano) {
    long micros = Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nano / 1000);
    // before 1970 the instant is negative: a rest of nanoseconds rounds up, towards 1970
    return epochSecond < 0 && nano % 1000 != 0 ? micros + 1 : micros;
  }
}
