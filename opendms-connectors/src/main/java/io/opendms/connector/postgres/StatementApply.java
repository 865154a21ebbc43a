package io.opendms.connector.postgres;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies row changes one statement each, in source order, as JDBC batches: consecutive changes of
 * the same statement go in one round trip; a different statement first sends what is queued, so
 * order holds. Prepared statements are cached per table and shape. Confined to the apply thread.
 */
final class StatementApply {

  private final Connection connection;
  private final Map<TableId, ApplyStatements> tables;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private PreparedStatement queued;
  private int queuedCount;
  private TableId queuedTable;

  StatementApply(Connection connection, Map<TableId, ApplyStatements> tables) {
    this.connection = connection;
    this.tables = tables;
  }

  /** Queues one change; sends earlier queued changes first when the statement differs. */
  void apply(RowChange change) throws SQLException {
    ApplyStatements sql = tables.get(change.table());
    List<Integer> identity = sql.identityColumns();
    List<Object> key = change.identity();
    switch (change.operation()) {
      case INSERT -> bind(change.table(), sql.insert(), change.after(), all(sql), List.of(), null);
      case DELETE -> bind(change.table(), sql.delete(), List.of(), List.of(), identity, key);
      case UPDATE -> {
        List<Integer> set = all(sql);
        set.removeAll(change.unchanged());
        bind(change.table(), sql.update(set), change.after(), set, identity, key);
      }
    }
    if (queuedCount >= 1000) {
      flush();
    }
  }

  /** Sends queued changes. */
  void flush() throws SQLException {
    if (queued != null && queuedCount > 0) {
      queued.executeBatch();
    }
    queued = null;
    queuedCount = 0;
    queuedTable = null;
  }

  /** The table of the change being sent when a statement fails, for the error message. */
  TableId queuedTable() {
    return queuedTable;
  }

  void close() {
    prepared.values().forEach(PostgresConnections::closeQuietly);
    prepared.clear();
  }

  private void bind(TableId table, String sql, List<Object> values, List<Integer> columns,
      List<Integer> whereColumns, List<Object> whereValues) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    if (statement != queued) {
      flush();
      queued = statement;
    }
    queuedTable = table;
    int parameter = 1;
    for (int column : columns) {
      setText(statement, parameter++, values.get(column));
    }
    for (int column : whereColumns) {
      setText(statement, parameter++, whereValues.get(column));
    }
    statement.addBatch();
    queuedCount++;
  }

  private static void setText(PreparedStatement statement, int parameter, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(parameter, Types.VARCHAR);
    } else {
      statement.setString(parameter, TextValueFormatter.format(value));
    }
  }

  private static List<Integer> all(ApplyStatements sql) {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < sql.table().columns().size(); i++) {
      columns.add(i);
    }
    return columns;
  }

}
