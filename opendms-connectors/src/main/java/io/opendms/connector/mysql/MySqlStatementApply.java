package io.opendms.connector.mysql;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies row changes to a MySQL target one statement each, in source order, as JDBC batches:
 * consecutive changes of the same statement go in one round trip (one bulk command on MariaDB); a
 * different statement first sends what is queued, so order holds. Prepared statements are cached
 * by their SQL, for the net-change writer too. Confined to the apply thread.
 */
final class MySqlStatementApply {

  private static final int STATEMENTS_PER_BATCH = 1000;

  private final Connection connection;
  private final Map<TableId, MySqlApplySql> tables;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final List<RowChange> queuedChanges = new ArrayList<>();
  private PreparedStatement queued;

  MySqlStatementApply(Connection connection, Map<TableId, MySqlApplySql> tables) {
    this.connection = connection;
    this.tables = tables;
  }

  /** Queues one change; sends earlier queued changes first when the statement differs. */
  void apply(RowChange change) throws SQLException {
    MySqlApplySql sql = tables.get(change.table());
    MySqlApplySql.Bound bound = sql.statement(change);
    PreparedStatement statement = prepared(bound.sql());
    if (statement != queued) {
      flush();
      queued = statement;
    }
    sql.bind(statement, bound);
    statement.addBatch();
    queuedChanges.add(change);
    if (queuedChanges.size() >= STATEMENTS_PER_BATCH) {
      flush();
    }
  }

  /**
   * Sends queued changes.
   *
   * @throws MySqlMissingRowException when an UPDATE or DELETE matched no row
   */
  void flush() throws SQLException {
    PreparedStatement statement = queued;
    List<RowChange> sent = List.copyOf(queuedChanges);
    queued = null;
    queuedChanges.clear();
    if (statement == null || sent.isEmpty()) {
      return;
    }
    int[] counts = statement.executeBatch();
    if (sent.get(0).operation() == RowChange.Operation.INSERT) {
      return;
    }
    // each UPDATE/DELETE finds at most one row (by key, or LIMIT 1), counted as found, not
    // changed (the driver's default); a MariaDB bulk command reports only the batch's total
    long found = 0;
    for (int count : counts) {
      if (count < 0) {
        found = statement.getLargeUpdateCount();
        break;
      }
      found += count;
    }
    if (found < sent.size()) {
      throw new MySqlMissingRowException(sent.get(0).operation() + " of " + sent.get(0).table()
          + ": " + (sent.size() - found) + " of " + sent.size() + " statements matched no target row");
    }
  }

  /** Forgets what is queued, after the transaction was rolled back. */
  void discard() throws SQLException {
    if (queued != null) {
      queued.clearBatch();
    }
    queued = null;
    queuedChanges.clear();
  }

  /** Sends what is queued, then this change alone; returns the rows it found. */
  int applyNow(RowChange change) throws SQLException {
    flush();
    MySqlApplySql sql = tables.get(change.table());
    return execute(sql, sql.statement(change));
  }

  /**
   * Writes the change's after image over the row that has its key, or as a new row when none
   * has; false when the table has no key to find the row by. Not {@code INSERT ... ON DUPLICATE
   * KEY UPDATE}: MySQL takes a row that collides on any unique index as the one to update, so an
   * after image whose key is new but whose unique value another row holds would overwrite that
   * row. Here the INSERT is refused instead, and the conflict is recorded.
   */
  boolean upsertNow(RowChange change) throws SQLException {
    MySqlApplySql sql = tables.get(change.table());
    if (!sql.hasKey()) {
      return false;
    }
    flush();
    // the driver counts found rows, not changed ones: 0 means no row has the key
    if (execute(sql, sql.updateByKeyOf(change)) == 0) {
      execute(sql, sql.insertOf(change));
    }
    return true;
  }

  private int execute(MySqlApplySql sql, MySqlApplySql.Bound bound) throws SQLException {
    PreparedStatement statement = prepared(bound.sql());
    sql.bind(statement, bound);
    return statement.executeUpdate();
  }

  /** The change's statement with its values inlined, for the exceptions table. */
  String render(RowChange change) {
    MySqlApplySql sql = tables.get(change.table());
    return sql.render(sql.statement(change));
  }

  /** The table of the queued changes, for an error message; null when nothing is queued. */
  TableId queuedTable() {
    return queuedChanges.isEmpty() ? null : queuedChanges.get(0).table();
  }

  /** The cached prepared statement of {@code sql}, prepared on first use. */
  PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return statement;
  }

  /** Closes and forgets a statement unlikely to be seen again. */
  void forget(String sql) {
    MySqlConnections.closeQuietly(prepared.remove(sql));
  }

  void close() {
    prepared.values().forEach(MySqlConnections::closeQuietly);
    prepared.clear();
  }
}
