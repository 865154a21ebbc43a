package io.opendms.connector.postgres;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.source.SqlConditions;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds the {@code COPY (SELECT ...) TO STDOUT} statement that reads one partition.
 *
 * <p>Money is the one type read through a cast, and the rule is the same for the decoded path and
 * the text fast path: its text form follows {@code lc_monetary} ({@code -$1,234.56}), so text
 * formats read {@code money::numeric}, which the target's money or numeric input reads back
 * exactly. Binary COPY sends money as its int8 count of cents, which a PostgreSQL target with the
 * same {@code lc_monetary} reads as the same amount, so it is not cast. Stateless.
 */
final class CopyOutQuery {

  private CopyOutQuery() {}

  /**
   * @param partitioned whether the table is a partitioned parent, read with its partitions;
   *     ordinary tables are read with {@code ONLY} so that inheritance children, which discovery
   *     lists as tables of their own, are not read twice
   * @param binary binary COPY rather than text
   */
  static String build(
      TableId table,
      boolean partitioned,
      List<Column> columns,
      PartitionBounds bounds,
      boolean binary) {
    return build(table, partitioned, columns, bounds, RowFilter.NONE, binary);
  }

  /** @param filter the selection-rule filters, added to the WHERE clause */
  static String build(
      TableId table,
      boolean partitioned,
      List<Column> columns,
      PartitionBounds bounds,
      RowFilter filter,
      boolean binary) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to read from " + table);
    }
    return "COPY (SELECT "
        + selectList(columns, binary)
        + " FROM "
        + (partitioned ? "" : "ONLY ")
        + SqlNames.qualified(table)
        + where(bounds, filter)
        + ") TO STDOUT (FORMAT "
        + (binary ? "binary" : "text")
        + ")";
  }

  /**
   * Reads the rows of some partitions of a partitioned table: each partition (with any
   * subpartitions below it) read directly, joined by UNION ALL.
   */
  static String partitions(
      List<TableId> partitions, List<Column> columns, RowFilter filter, boolean binary) {
    String select = selectList(columns, binary);
    StringJoiner union = new StringJoiner(" UNION ALL ");
    for (TableId partition : partitions) {
      union.add("SELECT " + select + " FROM " + SqlNames.qualified(partition)
          + where(new PartitionBounds.WholeTable(), filter));
    }
    return "COPY (" + union + ") TO STDOUT (FORMAT " + (binary ? "binary" : "text") + ")";
  }

  private static String selectList(List<Column> columns, boolean binary) {
    StringJoiner select = new StringJoiner(", ");
    for (Column column : columns) {
      select.add(SqlNames.quote(column.name()) + (binary ? "" : textCast(column.nativeType())));
    }
    return select.toString();
  }

  private static String textCast(String nativeType) {
    if (nativeType.equals("money")) {
      return "::numeric";
    }
    if (nativeType.startsWith("money[")) {
      return "::numeric[]";
    }
    return "";
  }

  /**
   * Literals are left untyped ({@code 'text'}) so that PostgreSQL reads each as the type of the
   * column it is compared with.
   */
  static final SqlConditions CONDITIONS = new SqlConditions(SqlNames::quote,
      value -> SqlNames.literal(TextValueFormatter.format(value)));

  /**
   * A TID range (PostgreSQL 14+ reads only those blocks: TID Range Scan), a key-tuple range,
   * and the filter.
   */
  private static String where(PartitionBounds bounds, RowFilter filter) {
    List<String> conditions = new ArrayList<>();
    if (bounds instanceof PartitionBounds.BlockRange range) {
      conditions.add("ctid >= '(" + range.firstBlock() + ",0)'::tid");
      if (range.endBlock() != -1) {
        conditions.add("ctid < '(" + range.endBlock() + ",0)'::tid");
      }
    }
    conditions.addAll(CONDITIONS.of(filter, bounds));
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }
}
