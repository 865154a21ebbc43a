package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;

/**
 * The PostgreSQL type a target column is created with. From a PostgreSQL source it is the source's
 * own declaration ({@link Column#nativeType()}); from any other engine it is derived from the
 * canonical {@link DataType} so that every value fits unchanged: UINT8 becomes numeric(20,0) (DMS
 * uses bigint, which cannot hold 2^63 and above), NUMERIC without precision becomes numeric, JSON
 * becomes jsonb. Stateless.
 */
final class TargetColumnTypes {

  /** PostgreSQL's largest declarable varchar length. */
  private static final int MAX_VARCHAR_LENGTH = 10_485_760;

  /**
   * DMS's column for DATETIME scale 7-9: PostgreSQL keeps microseconds, so nanosecond values are
   * stored as their text rather than rounded.
   */
  private static final String SUB_MICROSECOND_TEXT = "character varying(37)";

  private TargetColumnTypes() {}

  /**
   * A column without a native type is one the table mappings added or retyped: its type comes
   * from its {@link DataType} whatever the source engine.
   */
  static String sqlType(String sourceEngine, Column column) {
    return PostgresEngine.isPostgres(sourceEngine) && !column.nativeType().isEmpty()
        ? column.nativeType()
        : fromDataType(column, zoned(sourceEngine, column));
  }

  static String fromDataType(Column column) {
    return fromDataType(column, zoned("", column));
  }

  /**
   * Only the native type can tell a zoned timestamp or time from a plain one. A MySQL TIMESTAMP
   * is an instant (stored as UTC, shown in the session zone), so it lands in timestamptz; its
   * DATETIME is a plain local timestamp.
   */
  private static boolean zoned(String sourceEngine, Column column) {
    String nativeType = column.nativeType().toLowerCase(java.util.Locale.ROOT);
    boolean mysqlTimestamp =
        MYSQL_ENGINES.contains(sourceEngine.toLowerCase(java.util.Locale.ROOT))
            && nativeType.startsWith("timestamp");
    return nativeType.contains("with time zone") || mysqlTimestamp;
  }

  /** Engine names whose TIMESTAMP type holds instants (the connector of that engine says so). */
  private static final java.util.Set<String> MYSQL_ENGINES = java.util.Set.of("mysql", "mariadb", "aurora");

  private static String fromDataType(Column column, boolean zoned) {
    DataType type = column.type();
    String zone = zoned ? " with time zone" : "";
    return switch (type.kind()) {
      case BOOLEAN -> "boolean";
      case INT1, INT2, UINT1 -> "smallint";
      case INT4, UINT2 -> "integer";
      case INT8, UINT4 -> "bigint";
      case UINT8 -> "numeric(20,0)";
      case NUMERIC ->
          type.precision() == 0
              ? "numeric"
              : "numeric(" + type.precision() + "," + type.scale() + ")";
      case REAL4 -> "real";
      case REAL8 -> "double precision";
      case STRING, WSTRING -> varchar(type.length());
      case CLOB, NCLOB -> "text";
      case BLOB, BYTES -> "bytea";
      case DATE -> "date";
      case TIME ->
          type.precision() > 6
              ? SUB_MICROSECOND_TEXT
              : "time(" + type.precision() + ")" + (zone.isEmpty() ? " without time zone" : zone);
      case DATETIME ->
          type.precision() > 6
              ? SUB_MICROSECOND_TEXT
              : "timestamp("
                  + type.precision()
                  + ")"
                  + (zone.isEmpty() ? " without time zone" : zone);
      case JSON -> "jsonb";
      case UUID -> "uuid";
    };
  }

  private static String varchar(int length) {
    if (length == 0) {
      return "character varying";
    }
    return length <= MAX_VARCHAR_LENGTH ? "character varying(" + length + ")" : "text";
  }
}
