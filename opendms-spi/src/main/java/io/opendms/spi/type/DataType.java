package io.opendms.spi.type;

import java.util.Objects;

/**
 * A canonical type with its parameters.
 *
 * @param kind the DMS type
 * @param length characters or bytes for string, binary and LOB types; 0 means unbounded
 * @param precision total digits for NUMERIC, fractional-second digits (0-9) for DATETIME/TIME; 0
 *     otherwise, and 0 for a NUMERIC without declared precision (any precision and scale)
 * @param scale digits after the point for NUMERIC; 0 otherwise
 */
public record DataType(DmsType kind, int length, int precision, int scale) {

  public DataType {
    Objects.requireNonNull(kind, "kind");
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (precision < 0 || scale < 0) {
      throw new IllegalArgumentException(
          "precision and scale must be >= 0, got " + precision + "," + scale);
    }
    if (length > 0 && !kind.hasLength()) {
      throw new IllegalArgumentException(kind + " takes no length");
    }
    if (kind == DmsType.NUMERIC && precision > 0 && scale > precision) {
      throw new IllegalArgumentException(
          "NUMERIC scale " + scale + " exceeds precision " + precision);
    }
    if ((kind == DmsType.DATETIME || kind == DmsType.TIME) && precision > 9) {
      throw new IllegalArgumentException(kind + " precision must be 0-9, got " + precision);
    }
  }

  public static DataType of(DmsType kind) {
    return new DataType(kind, 0, defaultPrecision(kind), 0);
  }

  public static DataType string(DmsType kind, int length) {
    return new DataType(kind, length, 0, 0);
  }

  public static DataType numeric(int precision, int scale) {
    return new DataType(DmsType.NUMERIC, 0, precision, scale);
  }

  public static DataType datetime(int fractionalDigits) {
    return new DataType(DmsType.DATETIME, 0, fractionalDigits, 0);
  }

  private static int defaultPrecision(DmsType kind) {
    return kind == DmsType.DATETIME || kind == DmsType.TIME ? 6 : 0;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NUMERIC -> precision == 0 ? "NUMERIC" : "NUMERIC(" + precision + "," + scale + ")";
      case DATETIME, TIME -> kind + "(" + precision + ")";
      default -> kind.hasLength() && length > 0 ? kind + "(" + length + ")" : kind.name();
    };
  }
}
