package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DmsType;
import java.util.Locale;

/**
 * How one column travels in a LOAD DATA file: straight into the column as text, or into a user
 * variable that a {@code SET} clause converts, for the types whose raw bytes the file's character
 * set would mangle (binary as hex, BIT as its number, geometry as WKB hex).
 */
enum LoadDataColumn {
  TEXT,
  HEX,
  BIT,
  GEOMETRY;

  static LoadDataColumn of(Column column, String sqlType) {
    String declared = sqlType.toLowerCase(Locale.ROOT).split("[( ]", 2)[0];
    if (declared.equals("bit")) {
      return BIT;
    }
    if (MySqlTypeMapper.isGeometry(declared)) {
      return GEOMETRY;
    }
    DmsType kind = column.type().kind();
    return kind == DmsType.BYTES || kind == DmsType.BLOB ? HEX : TEXT;
  }

  /** The {@code SET} expression that reads user variable {@code variable}; null for TEXT. */
  String conversion(String variable) {
    return switch (this) {
      case TEXT -> null;
      case HEX -> "UNHEX(" + variable + ")";
      case BIT -> "CAST(" + variable + " AS UNSIGNED)";
      case GEOMETRY -> "ST_GeomFromWKB(UNHEX(" + variable + "))";
    };
  }
}
