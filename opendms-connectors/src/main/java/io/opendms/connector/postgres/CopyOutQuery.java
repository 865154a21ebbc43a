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
   * Like {@link #build(TableId, boolean, List, PartitionBounds, RowFilter, boolean)} in text,
   * but a LOB column's value longer than {@code inlineLobBytes} is read as NULL, and one more
   * column per LOB column, after the others, gives the length of such a value (NULL for the
   * others): full LOB mode reads those values by {@link #lobChunk}.
   */
  static String deferringLobs(
      TableId table, boolean partitioned, List<Column> columns, PartitionBounds bounds,
      RowFilter filter, long inlineLobBytes) {
    StringJoiner select = new StringJoiner(", ");
    StringJoiner lengths = new StringJoiner(", ");
    for (Column column : columns) {
      String name = SqlNames.quote(column.name());
      if (column.type().kind().isLob()) {
        String length = octetLength(column);
        select.add("CASE WHEN " + length + " <= " + inlineLobBytes + " THEN " + name + " END");
        lengths.add("CASE WHEN " + length + " > " + inlineLobBytes + " THEN " + length + " END");
      } else {
        select.add(name + textCast(column.nativeType()));
      }
    }
    String all = lengths.length() == 0 ? select.toString() : select + ", " + lengths;
    return "COPY (SELECT " + all + " FROM " + (partitioned ? "" : "ONLY ")
        + SqlNames.qualified(table) + where(bounds, filter) + ") TO STDOUT (FORMAT text)";
  }

  /**
   * One piece of a LOB value of the row that {@code key} selects: {@code chunk} bytes of a bytea
   * from byte {@code ?} on, or {@code chunk} characters of text from character {@code ?} on
   * (1-based). A bytea stored uncompressed is sliced without reading the rest of it.
   */
  static String lobChunk(TableId table, Column column, RowFilter key, int chunk) {
    String name = SqlNames.quote(column.name());
    String value = column.nativeType().equals("bytea") ? name : name + "::text";
    return "SELECT substring(" + value + " FROM CAST(? AS integer) FOR " + chunk + ") FROM "
        + SqlNames.qualified(table) + where(new PartitionBounds.WholeTable(), key);
  }

  /** The length in bytes of a LOB column's value: its text form but for bytea. */
  private static String octetLength(Column column) {
    return "octet_length(" + SqlNames.quote(column.name())
        + (column.nativeType().equals("bytea") ? "" : "::text") + ")";
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

  /**
   * The server encoding and the length in bytes of the longest value of {@code columns} in the
   * partition. {@code octet_length} of a text or bytea value reads the stored length of a
   * TOASTed value without fetching it; other types are measured in their text form, as the
   * decoded path reads them.
   */
  static String longest(
      TableId table, boolean partitioned, List<Column> columns, PartitionBounds bounds,
      RowFilter filter) {
    StringJoiner lengths = new StringJoiner(", ");
    for (Column column : columns) {
      lengths.add(octetLength(column));
    }
    return "SELECT current_setting('server_encoding'), max(GREATEST(" + lengths + ")) FROM "
        + (partitioned ? "" : "ONLY ") + SqlNames.qualified(table) + where(bounds, filter);
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
