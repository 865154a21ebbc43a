package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The SQL expressions a MySQL comparison session is built from: each column's {@link
 * io.opendms.spi.validation.CanonicalText}, a row's hash, and the code-point ordering of text
 * keys. Relies on the session settings of {@link MySqlConnections} (time zone +00:00). Stateless.
 */
final class MySqlComparisonText {

  private MySqlComparisonText() {}

  /** The column's canonical text, never NULL for a non-null value; null when there is none. */
  static String canonical(Column column) {
    String name = SqlIdentifiers.quote(column.name());
    String declared = declared(column);
    if (MySqlTypeMapper.isGeometry(declared)) {
      return null;
    }
    String text = "CAST(" + name + " AS CHAR)";
    return switch (column.type().kind()) {
      // no ELSE: NULL must stay NULL, not read as false
      case BOOLEAN -> "CASE WHEN " + name + " <> 0 THEN '1' WHEN " + name + " = 0 THEN '0' END";
      case INT1, INT2, INT4, INT8, UINT1, UINT2, UINT4, UINT8, UUID -> "LOWER(" + text + ")";
      // trailing fractional zeros are scale, not value: 12.50 and 12.5 print alike
      case NUMERIC -> "IF(LOCATE('.', " + text + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0'"
          + " FROM " + text + ")), " + text + ")";
      case STRING, WSTRING, CLOB, NCLOB, JSON -> name;
      case BYTES, BLOB -> "LOWER(HEX(" + name + "))";
      case DATE -> "DATE_FORMAT(" + name + ", '%Y-%m-%d')";
      case DATETIME -> "DATE_FORMAT(" + name + ", '%Y-%m-%d %H:%i:%s.%f')";
      case TIME -> "TIME_FORMAT(" + name + ", '%H:%i:%s.%f')";
      // FLOAT prints 6 digits here and the shortest exact text on PostgreSQL: compared decoded
      case REAL4, REAL8 -> null;
    };
  }

  /** {@link io.opendms.spi.validation.CanonicalText#ROW_HASH} over the columns' canonical text. */
  static String canonicalDigest(List<Column> columns) {
    StringJoiner row = new StringJoiner(", ',', ", "CONCAT(", ")");
    for (Column column : columns) {
      String text = canonical(column);
      if (text == null) {
        throw new IllegalArgumentException("column " + column.name() + " (" + column.nativeType()
            + ") has no canonical text");
      }
      String utf8 = "CONVERT(" + text + " USING utf8mb4)";
      row.add("IFNULL(CONCAT(CHAR_LENGTH(" + utf8 + "), ':', " + utf8 + "), '~')");
    }
    return sum(row.toString());
  }

  /** The same hash over the values' own text, byte-length prefixed: for MySQL peers. */
  static String nativeDigest(List<Column> columns) {
    StringJoiner row = new StringJoiner(", ',', ", "CONCAT(", ")");
    for (Column column : columns) {
      String name = SqlIdentifiers.quote(column.name());
      String value = MySqlTypeMapper.isGeometry(declared(column))
          ? "ST_AsBinary(" + name + ")" : name;
      row.add("IFNULL(CONCAT(LENGTH(" + value + "), ':', " + value + "), '~')");
    }
    return sum(row.toString());
  }

  private static String sum(String row) {
    return "CAST(IFNULL(SUM(CAST(CONV(LEFT(MD5(" + row + "), 15), 16, 10) AS UNSIGNED)), 0)"
        + " AS CHAR)";
  }

  /**
   * The key column as it is ordered: character columns by their UTF-8 bytes, which is code-point
   * order (and no PAD SPACE), as PostgreSQL's "C" collation orders them.
   */
  static String ordered(Column column) {
    String declared = declared(column);
    boolean text = declared.endsWith("char") || declared.endsWith("text");
    String name = SqlIdentifiers.quote(column.name());
    return text ? "CAST(CONVERT(" + name + " USING utf8mb4) AS BINARY)" : name;
  }

  private static String declared(Column column) {
    return column.nativeType().toLowerCase(Locale.ROOT).split("[( ]", 2)[0];
  }
}
