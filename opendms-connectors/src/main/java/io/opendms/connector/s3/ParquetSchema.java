package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * DMS's Parquet type map (DMS-REFERENCE 9.4): integers as INT32/INT64 with their width and sign,
 * NUMERIC as DECIMAL on INT32, INT64 or 16 bytes by its precision (text when unconstrained or
 * wider than 38 digits), REAL4/REAL8 as FLOAT/DOUBLE, DATE as DATE, TIME as TIME(MICROS), DATETIME as TIMESTAMP(MICROS) adjusted to
 * UTC only for time-zoned columns, text as STRING, binary as BINARY.
 */
final class ParquetSchema {
  static final int MAX_DECIMAL_PRECISION = 38;
  /** The largest precisions of a DECIMAL held in an INT32 and in an INT64. */
  static final int MAX_INT32_DECIMAL_PRECISION = 9;
  static final int MAX_INT64_DECIMAL_PRECISION = 18;

  private ParquetSchema() {}

  static MessageType of(List<Column> columns, boolean opColumn, String timestampColumn) {
    List<Type> fields = new ArrayList<>();
    if (opColumn) {
      fields.add(Types.required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType()).named("Op"));
    }
    columns.forEach(c -> fields.add(field(c)));
    if (timestampColumn != null) {
      fields.add(Types.optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType()).named(timestampColumn));
    }
    return new MessageType("schema", fields);
  }

  /** Whether the column's DATETIME values are instants (a time-zoned source type). */
  static boolean zoned(Column column) {
    String nativeType = column.nativeType().toLowerCase(Locale.ROOT);
    return nativeType.contains("with time zone") || nativeType.startsWith("timestamptz");
  }

  /**
   * DECIMAL(p,s) on the smallest physical type the Parquet format recommends for its precision,
   * as Spark writes it: INT32 up to 9 digits, INT64 up to 18, 16 bytes beyond. Integers keep the
   * unscaled values without a byte array each and have cheap statistics.
   */
  private static Type decimalField(String name, DataType type) {
    LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
    if (type.precision() <= MAX_INT32_DECIMAL_PRECISION) {
      return Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name);
    }
    if (type.precision() <= MAX_INT64_DECIMAL_PRECISION) {
      return Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name);
    }
    return Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(decimal).named(name);
  }

  /** Whether NUMERIC values are written as DECIMAL rather than text. */
  static boolean decimal(DataType type) {
    return type.precision() > 0 && type.precision() <= MAX_DECIMAL_PRECISION;
  }

  private static Type field(Column column) {
    DataType type = column.type();
    String name = column.name();
    return switch (type.kind()) {
      case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
      case INT1 -> int32(name, 8, true);
      case INT2 -> int32(name, 16, true);
      case INT4 -> int32(name, 32, true);
      case UINT1 -> int32(name, 8, false);
      case UINT2 -> int32(name, 16, false);
      case UINT4 -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.intType(64, true)).named(name);
      case INT8 -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.intType(64, true)).named(name);
      case UINT8 -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.intType(64, false)).named(name);
      case NUMERIC -> decimal(type) ? decimalField(name, type) : string(name);
      case REAL4 -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
      case REAL8 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
      case BYTES, BLOB -> Types.optional(PrimitiveTypeName.BINARY).named(name);
      case DATE -> Types.optional(PrimitiveTypeName.INT32)
          .as(LogicalTypeAnnotation.dateType()).named(name);
      case TIME -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
      case DATETIME -> Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(zoned(column), TimeUnit.MICROS)).named(name);
      default -> string(name);
    };
  }

  private static Type int32(String name, int bits, boolean signed) {
    return Types.optional(PrimitiveTypeName.INT32)
        .as(LogicalTypeAnnotation.intType(bits, signed)).named(name);
  }

  private static Type string(String name) {
    return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
  }
}
