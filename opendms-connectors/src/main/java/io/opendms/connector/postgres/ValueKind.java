package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;

/**
 * How one column's PostgreSQL text is parsed into its canonical Java value. Mostly the {@link
 * io.opendms.spi.type.DmsType}, but TIME and DATETIME split by whether the native type carries a
 * time zone, which {@code DataType} alone cannot tell.
 */
enum ValueKind {
  BOOLEAN,
  SHORT,
  INTEGER,
  LONG,
  BIG_INTEGER,
  NUMERIC,
  REAL4,
  REAL8,
  TEXT,
  BYTES,
  DATE,
  TIME,
  TIME_WITH_ZONE,
  TIMESTAMP,
  TIMESTAMP_WITH_ZONE,
  UUID;

  static ValueKind of(Column column) {
    boolean zoned = column.nativeType().endsWith("with time zone");
    return switch (column.type().kind()) {
      case BOOLEAN -> BOOLEAN;
      case INT1, INT2, UINT1 -> SHORT;
      case INT4, UINT2 -> INTEGER;
      case INT8, UINT4 -> LONG;
      case UINT8 -> BIG_INTEGER;
      case NUMERIC -> NUMERIC;
      case REAL4 -> REAL4;
      case REAL8 -> REAL8;
      case STRING, WSTRING, CLOB, NCLOB, JSON -> TEXT;
      case BLOB, BYTES -> BYTES;
      case DATE -> DATE;
      case TIME -> zoned ? TIME_WITH_ZONE : TIME;
      case DATETIME -> zoned ? TIMESTAMP_WITH_ZONE : TIMESTAMP;
      case UUID -> UUID;
    };
  }
}
