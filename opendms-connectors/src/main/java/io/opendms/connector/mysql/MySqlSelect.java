package io.opendms.connector.mysql;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.source.SqlConditions;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
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
    return of(table, columns, bounds, RowFilter.NONE);
  }

  /** @param filter the selection-rule filters, added to the WHERE clause */
  static String of(TableId table, List<Column> columns, PartitionBounds bounds, RowFilter filter) {
    StringJoiner list = new StringJoiner(", ");
    for (Column column : columns) {
      list.add(expression(column));
    }
    return select(table, list.toString(), bounds, filter);
  }

  /**
   * Like {@link #of(TableId, List, PartitionBounds, RowFilter)}, but a LOB column's value longer
   * than {@code inlineLobBytes} is read as NULL, and one more column per LOB column, after the
   * others, gives the length of such a value in UTF-8 (NULL for the others): full LOB mode reads
   * those values by {@link #lobChunk}.
   */
  static String deferringLobs(TableId table, List<Column> columns, PartitionBounds bounds,
      RowFilter filter, long inlineLobBytes) {
    StringJoiner list = new StringJoiner(", ");
    StringJoiner lengths = new StringJoiner(", ");
    for (Column column : columns) {
      if (column.type().kind().isLob()) {
        String length = utf8Length(column);
        list.add("IF(" + length + " <= " + inlineLobBytes + ", " + expression(column)
            + ", NULL)");
        lengths.add("IF(" + length + " > " + inlineLobBytes + ", " + length + ", NULL)");
      } else {
        list.add(expression(column));
      }
    }
    return select(table, lengths.length() == 0 ? list.toString() : list + ", " + lengths,
        bounds, filter);
  }

  /**
   * One piece of a LOB value of the row {@code key} selects: {@code chunk} bytes of a BLOB, or
   * {@code chunk} characters of text, from position {@code ?} on (1-based).
   */
  static String lobChunk(TableId table, Column column, RowFilter key, int chunk) {
    return select(table, "SUBSTRING(" + SqlIdentifiers.quote(column.name()) + ", ?, " + chunk
        + ")", new PartitionBounds.WholeTable(), key);
  }

  /** The length of a LOB value in bytes, of its text in UTF-8 (as the engine measures it). */
  private static String utf8Length(Column column) {
    String name = SqlIdentifiers.quote(column.name());
    return column.type().kind() == DmsType.BLOB ? "LENGTH(" + name + ")"
        : "LENGTH(CONVERT(" + name + " USING utf8mb4))";
  }

  private static String select(TableId table, String list, PartitionBounds bounds,
      RowFilter filter) {
    List<String> conditions = new ArrayList<>(keyRange(bounds));
    conditions.addAll(CONDITIONS.of(filter, bounds));
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return "SELECT " + list + " FROM " + SqlIdentifiers.qualified(table) + partitions(bounds)
        + where;
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

  /**
   * Filter values are canonical values typed by their column: numbers go unquoted, everything
   * else as the text MySQL reads for the column's type (the session's zone is UTC, as instants'
   * text is).
   */
  static final SqlConditions CONDITIONS = new SqlConditions(SqlIdentifiers::quote,
      MySqlSelect::literal);

  /** The conditions of a key-span partition, for a target to delete its rows. */
  static List<String> keySpan(PartitionBounds bounds) {
    return CONDITIONS.keySpan(bounds);
  }

  private static String partitions(PartitionBounds bounds) {
    if (!(bounds instanceof PartitionBounds.SourcePartitions named)) {
      return "";
    }
    return " PARTITION (" + SqlIdentifiers.columnList(named.names()) + ")";
  }

  /** The conditions of a key range; literals come from our own partitioner's numbers. */
  private static List<String> keyRange(PartitionBounds bounds) {
    if (!(bounds instanceof PartitionBounds.KeyRange range)) {
      return List.of();
    }
    String column = SqlIdentifiers.quote(range.column());
    List<String> conditions = new ArrayList<>();
    if (range.lower() != null) {
      conditions.add(column + " >= " + literal(range.lower()));
    }
    if (range.upper() != null) {
      conditions.add(column + " < " + literal(range.upper()));
    }
    return conditions;
  }

  private static String literal(Object value) {
    if (value instanceof Number && !(value instanceof Float || value instanceof Double)) {
      return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    }
    if (value instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    if (value instanceof Float || value instanceof Double) {
      return value.toString();
    }
    if (value instanceof String || value instanceof java.util.UUID) {
      return SqlIdentifiers.literal(value.toString());
    }
    return SqlIdentifiers.literal(MySqlValueFormatter.format(value, null));
  }
}
