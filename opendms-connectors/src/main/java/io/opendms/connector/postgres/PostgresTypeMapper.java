package io.opendms.connector.postgres;

import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;

/**
 * Maps a PostgreSQL column type to the canonical {@link DataType} its values travel in. Follows DMS
 * where DMS keeps the value and keeps it where DMS loses it: any-precision numeric stays NUMERIC,
 * timestamptz and timetz keep zone and offset, json stays JSON, uuid stays UUID. Types without a
 * canonical counterpart (interval, inet, arrays, ranges, xml, ...) travel as PostgreSQL's own text.
 * Stateless.
 */
final class PostgresTypeMapper {

  // Built-in type OIDs: fixed in PostgreSQL's catalog (pg_type.dat), the same in every database.
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int NAME = 19;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int OID = 26;
  static final int JSON = 114;
  static final int CIDR = 650;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int MONEY = 790;
  static final int MACADDR = 829;
  static final int INET = 869;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int INTERVAL = 1186;
  static final int TIMETZ = 1266;
  static final int BIT = 1560;
  static final int VARBIT = 1562;
  static final int NUMERIC = 1700;
  static final int UUID = 2950;
  static final int MACADDR8 = 774;
  static final int JSONB = 3802;

  /** PostgreSQL's {@code VARHDRSZ}: length-type modifiers are stored with it added. */
  private static final int VARHDRSZ = 4;

  /**
   * DMS's MONEY mapping. The value is read as {@code money::numeric}, whose scale (2 under most
   * {@code lc_monetary}s) fits in 4.
   */
  private static final DataType MONEY_TYPE = DataType.numeric(38, 4);

  private PostgresTypeMapper() {}

  static DataType dataType(PgColumnType column) {
    PgType type = column.type();
    int typmod = column.typmod();
    if (type.isEnum()) {
      int longest =
          column.enumLabels().stream()
              .mapToInt(label -> label.codePointCount(0, label.length()))
              .max()
              .orElse(1);
      return DataType.string(DmsType.WSTRING, Math.max(1, longest));
    }
    if (type.isArray() || type.kind() != 'b') {
      return DataType.of(DmsType.NCLOB); // arrays, composites, ranges: PostgreSQL text
    }
    if (type.schema().equals("pg_catalog")) {
      return builtIn(type.oid(), typmod);
    }
    return DataType.of(DmsType.NCLOB); // extension base types (citext, hstore, ...): their text
  }

  private static DataType builtIn(long oid, int typmod) {
    return switch (Math.toIntExact(oid)) {
      case BOOL -> DataType.of(DmsType.BOOLEAN);
      case INT2 -> DataType.of(DmsType.INT2);
      case INT4 -> DataType.of(DmsType.INT4);
      case INT8, OID -> DataType.of(DmsType.INT8);
      case NUMERIC -> numeric(typmod);
      case MONEY -> MONEY_TYPE;
      case FLOAT4 -> DataType.of(DmsType.REAL4);
      case FLOAT8 -> DataType.of(DmsType.REAL8);
      case BPCHAR, VARCHAR -> DataType.string(DmsType.WSTRING, typmod < 0 ? 0 : typmod - VARHDRSZ);
      case NAME -> DataType.string(DmsType.WSTRING, 63);
      case BYTEA -> DataType.of(DmsType.BLOB);
      case DATE -> DataType.of(DmsType.DATE);
      case TIME, TIMETZ -> new DataType(DmsType.TIME, 0, fraction(typmod), 0);
      case TIMESTAMP, TIMESTAMPTZ -> DataType.datetime(fraction(typmod));
      case UUID -> DataType.of(DmsType.UUID);
      case JSON, JSONB -> DataType.of(DmsType.JSON);
      case INTERVAL -> DataType.string(DmsType.STRING, 128);
      case INET, CIDR -> DataType.string(DmsType.STRING, 50);
      case MACADDR -> DataType.string(DmsType.STRING, 17);
      case MACADDR8 -> DataType.string(DmsType.STRING, 23);
      case BIT, VARBIT -> DataType.string(DmsType.STRING, Math.max(0, typmod));
      default -> DataType.of(DmsType.NCLOB); // text, xml, tsvector, geometric, ...: as text
    };
  }

  /**
   * numeric(p,s) from its modifier. Unbounded numeric, and the PostgreSQL 15 forms a canonical
   * NUMERIC cannot state (negative scale, scale above precision), become NUMERIC with precision 0:
   * any value, carried exactly; the native type keeps the declaration.
   */
  private static DataType numeric(int typmod) {
    if (typmod < VARHDRSZ) {
      return DataType.numeric(0, 0);
    }
    int precision = ((typmod - VARHDRSZ) >> 16) & 0xFFFF;
    int scale = ((((typmod - VARHDRSZ) & 0x7FF) ^ 1024) - 1024); // 11-bit signed, as numeric.c
    if (scale < 0 || scale > precision) {
      return DataType.numeric(0, 0);
    }
    return DataType.numeric(precision, scale);
  }

  /** Fractional-second digits: the modifier, or 6 (microseconds) when none is declared. */
  private static int fraction(int typmod) {
    return typmod < 0 ? 6 : typmod;
  }
}
