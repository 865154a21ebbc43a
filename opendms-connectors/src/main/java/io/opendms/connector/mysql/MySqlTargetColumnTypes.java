package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.util.Locale;

/**
 * The MySQL type a target column is created with. From a MySQL source it is the source's own
 * declaration ({@link Column#nativeType()}); from any other engine it is derived from the canonical
 * {@link DataType} so that every value fits unchanged or fails loudly: NUMERIC up to DECIMAL(65,30)
 * (an unbounded or wider numeric becomes DECIMAL(65,30) and a value that does not fit fails its
 * row), text as utf8mb4 (never DMS's ucs2, which cannot hold emoji), zoned timestamps as UTC
 * DATETIME (MySQL's TIMESTAMP ends in 2038), times with an offset as their text, UUID as
 * CHAR(36), sub-microsecond DATETIME as VARCHAR(37) like DMS. Stateless.
 */
final class MySqlTargetColumnTypes {

  /** Longest VARCHAR we declare: beyond it, a few columns would exceed InnoDB's 65,535-byte row. */
  private static final int MAX_VARCHAR = 2048;

  private static final int MAX_VARBINARY = 8192;

  private MySqlTargetColumnTypes() {}

  static String sqlType(String sourceEngine, Column column) {
    // a column without a native type is one the table mappings added or retyped
    return MySqlEngine.isMySql(sourceEngine) && !column.nativeType().isEmpty()
        ? column.nativeType() : fromDataType(column);
  }

  static String fromDataType(Column column) {
    DataType type = column.type();
    boolean zoned =
        column.nativeType().toLowerCase(Locale.ROOT).contains("with time zone");
    return switch (type.kind()) {
      case BOOLEAN -> "tinyint(1)";
      case INT1 -> "tinyint";
      case INT2 -> "smallint";
      case INT4 -> "int";
      case INT8 -> "bigint";
      case UINT1 -> "tinyint unsigned";
      case UINT2 -> "smallint unsigned";
      case UINT4 -> "int unsigned";
      case UINT8 -> "bigint unsigned";
      case NUMERIC -> type.precision() == 0 || type.precision() > 65 || type.scale() > 30
          ? "decimal(65,30)"
          : "decimal(" + type.precision() + "," + type.scale() + ")";
      case REAL4 -> "float";
      case REAL8 -> "double";
      case STRING, WSTRING -> type.length() > 0 && type.length() <= MAX_VARCHAR
          ? "varchar(" + type.length() + ")"
          : "longtext";
      case CLOB, NCLOB -> "longtext";
      case BYTES -> type.length() > 0 && type.length() <= MAX_VARBINARY
          ? "varbinary(" + type.length() + ")"
          : "longblob";
      case BLOB -> "longblob";
      case DATE -> "date";
      case TIME -> zoned ? "varchar(32)" : "time(" + Math.min(6, type.precision()) + ")";
      case DATETIME -> type.precision() > 6 ? "varchar(37)" : "datetime(" + type.precision() + ")";
      case JSON -> "json";
      case UUID -> "char(36)";
    };
  }
}
