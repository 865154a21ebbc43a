package io.opendms.connector.mysql;

import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a MySQL column type to the canonical {@link DataType} its values travel in. Follows DMS
 * where DMS keeps the value and keeps it where DMS loses it: unsigned BIGINT is UINT8 (up to
 * 2^64-1), DECIMAL keeps precision up to 65, DATETIME and TIMESTAMP keep their fraction (TIMESTAMP
 * as an instant, so its zone is explicit), JSON stays JSON rather than a CLOB, ENUM keeps its
 * labels, utf8mb4 text is WSTRING. TINYINT(1) stays INT1: it holds -128..127, not a boolean.
 * BIT(1) is BOOLEAN and BIT(n) BYTES of ceil(n/8) bytes, geometry its WKB bytes. Stateless.
 */
final class MySqlTypeMapper {

  private MySqlTypeMapper() {}

  static DataType dataType(MySqlColumnType column) {
    if (column.json()) {
      return DataType.of(DmsType.JSON);
    }
    boolean unsigned = column.unsigned();
    return switch (column.dataType()) {
      case "tinyint" -> DataType.of(unsigned ? DmsType.UINT1 : DmsType.INT1);
      case "smallint" -> DataType.of(unsigned ? DmsType.UINT2 : DmsType.INT2);
      case "mediumint" -> DataType.of(unsigned ? DmsType.UINT4 : DmsType.INT4);
      case "int", "integer" -> DataType.of(unsigned ? DmsType.UINT4 : DmsType.INT4);
      case "bigint" -> DataType.of(unsigned ? DmsType.UINT8 : DmsType.INT8);
      case "decimal", "numeric" -> DataType.numeric(column.precision(), column.scale());
      case "float" -> DataType.of(DmsType.REAL4);
      case "double", "real" -> DataType.of(DmsType.REAL8);
      case "bit" -> column.precision() <= 1
          ? DataType.of(DmsType.BOOLEAN)
          : DataType.string(DmsType.BYTES, (column.precision() + 7) / 8);
      case "year" -> DataType.of(DmsType.INT2);
      case "date" -> DataType.of(DmsType.DATE);
      case "time" -> new DataType(DmsType.TIME, 0, column.fractionalDigits(), 0);
      case "datetime", "timestamp" -> DataType.datetime(column.fractionalDigits());
      case "char", "varchar" -> DataType.string(DmsType.WSTRING, length(column));
      case "tinytext" -> DataType.string(DmsType.WSTRING, 255);
      case "text" -> DataType.string(DmsType.WSTRING, 65_535);
      case "mediumtext", "longtext" -> DataType.of(DmsType.NCLOB);
      case "binary", "varbinary" -> DataType.string(DmsType.BYTES, length(column));
      case "tinyblob" -> DataType.string(DmsType.BYTES, 255);
      case "blob" -> DataType.string(DmsType.BYTES, 65_535);
      case "mediumblob", "longblob" -> DataType.of(DmsType.BLOB);
      case "enum" -> DataType.string(DmsType.WSTRING, longest(enumLabels(column.columnType())));
      case "set" -> DataType.string(DmsType.WSTRING, setLength(column.columnType()));
      default -> isGeometry(column.dataType())
          ? DataType.of(DmsType.BYTES) // its WKB (ST_AsBinary), without the SRID
          // an engine type we do not know (e.g. MariaDB's inet6, uuid): its text form
          : DataType.of(DmsType.NCLOB);
    };
  }

  static boolean isGeometry(String dataType) {
    return switch (dataType) {
      case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
          "multipolygon", "geometrycollection", "geomcollection" -> true;
      default -> false;
    };
  }

  /** The labels of {@code enum('a','b''c')} or {@code set(...)}, unescaped, in order. */
  static List<String> enumLabels(String columnType) {
    List<String> labels = new ArrayList<>();
    int open = columnType.indexOf('(');
    int i = open + 1;
    while (open >= 0 && i < columnType.length() && columnType.charAt(i) == '\'') {
      StringBuilder label = new StringBuilder();
      i++;
      while (i < columnType.length()) {
        char c = columnType.charAt(i);
        if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
          label.append('\'');
          i += 2;
        } else if (c == '\\' && i + 1 < columnType.length()) {
          label.append(columnType.charAt(i + 1));
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else {
          label.append(c);
          i++;
        }
      }
      labels.add(label.toString());
      if (i < columnType.length() && columnType.charAt(i) == ',') {
        i++;
      }
    }
    return labels;
  }

  private static int length(MySqlColumnType column) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, column.characterLength()));
  }

  private static int longest(List<String> labels) {
    return Math.max(1, labels.stream().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(1));
  }

  /** DMS's SET length: every member and the commas between them. */
  private static int setLength(String columnType) {
    List<String> members = enumLabels(columnType);
    int total = members.stream().mapToInt(l -> l.codePointCount(0, l.length())).sum();
    return Math.max(1, total + Math.max(0, members.size() - 1));
  }
}
