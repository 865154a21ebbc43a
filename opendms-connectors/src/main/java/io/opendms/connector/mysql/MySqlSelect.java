package io.opendms.connector.mysql;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The SELECT that reads one partition. Columns whose text form would lose information are
 * selected as an expression instead: FLOAT as a double (MySQL prints a FLOAT with 6 digits, a
 * double with the shortest text that reads back exactly), geometry as its WKB, dates and times as
 * the server's text. Stateless.
 */
final class MySqlSelect {

  private MySqlSelect() {}

  static String of(TableId table, List<Column> columns, PartitionBounds bounds) {
    StringJoiner list = new StringJoiner(", ");
    for (Column column : columns) {
      list.add(expression(column));
    }
    return "SELECT " + list + " FROM " + SqlIdentifiers.qualified(table) + where(bounds);
  }

  /** The select-list expression {@link MySqlValueReader} decodes the column from. */
  static String expression(Column column) {
    String name = SqlIdentifiers.quote(column.name());
    String dataType = column.nativeType().toLowerCase(Locale.ROOT).split("[( ]", 2)[0];
    if (column.type().kind() == DmsType.REAL4) {
      return "(" + name + " * 1e0)";
    }
    if (MySqlTypeMapper.isGeometry(dataType)) {
      return "ST_AsBinary(" + name + ")";
    }
    return switch (column.type().kind()) {
      // the server's own text: the driver's temporal decoding formats every value anew, slowly
      case DATE, TIME, DATETIME -> "CAST(" + name + " AS CHAR)";
      default -> name;
    };
  }

  /** The WHERE clause for a key range; literals come from our own partitioner's numbers. */
  private static String where(PartitionBounds bounds) {
    if (!(bounds instanceof PartitionBounds.KeyRange range)) {
      return "";
    }
    String column = SqlIdentifiers.quote(range.column());
    StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "");
    if (range.lower() != null) {
      conditions.add(column + " >= " + literal(range.lower()));
    }
    if (range.upper() != null) {
      conditions.add(column + " < " + literal(range.upper()));
    }
    return conditions.length() == " WHERE ".length() ? "" : conditions.toString();
  }

  private static String literal(Object value) {
    if (value instanceof Number) {
      return value.toString();
    }
    return SqlIdentifiers.literal(value.toString());
  }
}
