package io.opendms.spi.validation;

import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.List;

/**
 * One connection comparing tables on one side of a validation. Used by one thread at a time (a
 * caller may hand it to another thread between calls, with a happens-before edge); every method
 * blocks on the database and throws {@link io.opendms.spi.error.OpenDmsException} naming
 * the table on failure. Reads see committed data as of each statement.
 */
public interface ComparisonSession extends AutoCloseable {

  /**
   * The engine family whose {@link DigestText#NATIVE} digests this session computes ({@code
   * postgres}, {@code mysql}): only sessions of the same dialect compare native digests.
   */
  String dialect();

  /** Whether this database can render the column's values as {@link CanonicalText}. */
  boolean hasCanonicalText(Column column);

  /**
   * The keys that cut the table into ranges of {@code rowsPerRange} rows: the key of every
   * {@code rowsPerRange}-th row in key order (as {@link KeySpan} orders keys), skipping the first
   * row; empty for a table of at most {@code rowsPerRange} rows. Values are canonical.
   */
  List<List<Object>> splitKeys(TableId table, List<Column> key, int rowsPerRange);

  /** The row count and hash of the span's rows, over {@code columns} in that order. */
  PartitionDigest digest(KeySpan span, List<Column> columns, DigestText text);

  /**
   * The digests of consecutive spans of one table, in their order, each equal to what {@link
   * #digest} returns for it. A database that can computes them in one pass over the rows (one
   * query instead of one per span); by default each span is digested by itself.
   *
   * @param spans spans of one table where each span's upper bound is the next one's lower bound
   */
  default List<PartitionDigest> digests(List<KeySpan> spans, List<Column> columns,
      DigestText text) {
    return spans.stream().map(span -> digest(span, columns, text)).toList();
  }

  /**
   * Passes every row of the span to {@code consumer}, decoded to canonical values of {@code
   * columns} in that order; rows arrive in no particular order.
   */
  void read(KeySpan span, List<Column> columns, RowConsumer consumer);

  /**
   * Passes the rows with the given keys to {@code consumer}, decoded as {@link #read} decodes
   * them; keys not in the table are skipped. Equality is the database's own, so a
   * case-insensitive key column may return a row whose key differs in case.
   */
  void readKeys(KeyList keys, List<Column> columns, RowConsumer consumer);

  /**
   * The collation of each of {@code columns} as this database compares its values, in that
   * order; {@link TextCollation#EXACT} for columns that are not character data.
   */
  List<TextCollation> collations(TableId table, List<Column> columns);

  /**
   * Makes the given rows exactly as given, in one transaction: deletes the rows with keys {@code
   * deleteKeys}, then deletes and inserts each of {@code rows}. Returns the rows written plus the
   * rows deleted.
   *
   * @param columns the columns of each row in {@code rows}, which include the key
   * @param key the key columns; each of {@code deleteKeys} holds their values in this order
   */
  long repair(TableId table, List<Column> columns, List<Column> key, List<Object[]> rows,
      List<List<Object>> deleteKeys);

  /**
   * Appends rows to {@code awsdms_validation_failures_v1} in {@code controlSchema} (DMS's
   * {@code awsdms_control} when blank), creating schema and table when missing, in one
   * transaction.
   */
  void recordFailures(String controlSchema, List<ValidationFailure> failures);

  /** Disconnects. Never throws. */
  @Override
  void close();
}
