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
import java.util.function.Predicate;

/**
 * Applies row changes one statement each, in source order, as JDBC batches: consecutive changes of
 * the same statement go in one round trip; a different statement first sends what is queued, so
 * order holds. Prepared statements are cached per table and shape. Confined to the apply thread.
 */
final class StatementApply {

  private final Connection connection;
  private final Map<TableId, ApplyStatements> tables;
  private final Predicate<TableId> missingDeletesExpected;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final List<RowChange> queuedChanges = new ArrayList<>();
  private PreparedStatement queued;
  private TableId queuedTable;

  StatementApply(Connection connection, Map<TableId, ApplyStatements> tables) {
    this(connection, tables, table -> false);
  }

  /**
   * @param missingDeletesExpected the tables whose DELETE may match no row without a word (a
   *     replay over rows that may hold its changes), so that {@link #flush} goes on batching
   */
  StatementApply(Connection connection, Map<TableId, ApplyStatements> tables,
      Predicate<TableId> missingDeletesExpected) {
    this.connection = connection;
    this.tables = tables;
    this.missingDeletesExpected = missingDeletesExpected;
  }

  /** Queues one change; sends earlier queued changes first when the statement differs. */
  void apply(RowChange change) throws SQLException {
    Bound bound = bound(change);
    PreparedStatement statement = prepared(bound.sql());
    if (statement != queued) {
      flush();
      queued = statement;
    }
    queuedTable = change.table();
    bind(statement, bound.values());
    statement.addBatch();
    queuedChanges.add(change);
    if (queuedChanges.size() >= 1000) {
      flush();
    }
  }

  /**
   * Sends queued changes.
   *
   * @throws MissingRowException when an UPDATE or DELETE matched no row, but for a DELETE of a
   *     table where that is expected; the others were sent
   */
  void flush() throws SQLException {
    List<RowChange> sent = List.copyOf(queuedChanges);
    PreparedStatement statement = queued;
    queued = null;
    queuedChanges.clear();
    if (statement != null && !sent.isEmpty()) {
      int[] counts = statement.executeBatch();
      for (int i = 0; i < counts.length && i < sent.size(); i++) {
        RowChange change = sent.get(i);
        if (counts[i] == 0 && change.operation() != RowChange.Operation.INSERT
            && !(change.operation() == RowChange.Operation.DELETE
                && missingDeletesExpected.test(change.table()))) {
          throw new MissingRowException(change);
        }
      }
    }
    queuedTable = null;
  }

  /** Forgets what is queued, after the transaction was rolled back. */
  void discard() throws SQLException {
    if (queued != null) {
      queued.clearBatch();
    }
    queued = null;
    queuedChanges.clear();
    queuedTable = null;
  }

  /** Sends what is queued, then this change alone; returns the rows it affected. */
  int applyNow(RowChange change) throws SQLException {
    flush();
    Bound bound = bound(change);
    PreparedStatement statement = prepared(bound.sql());
    bind(statement, bound.values());
    return statement.executeUpdate();
  }

  /**
   * Writes the change's after image, updating the row of the same key when there is one; false
   * when that cannot be done (a change without every value, an INSERT into a table without key).
   */
  boolean upsertNow(RowChange change) throws SQLException {
    ApplyStatements sql = tables.get(change.table());
    if (change.after() == null || !change.unchanged().isEmpty()
        || (!sql.hasKey() && change.operation() == RowChange.Operation.INSERT)) {
      return false;
    }
    flush();
    PreparedStatement statement = prepared(sql.upsert());
    bind(statement, change.after());
    statement.executeUpdate();
    return true;
  }

  /** The statement of the change with its values inlined as SQL literals, for the exception log. */
  String render(RowChange change) {
    Bound bound = bound(change);
    StringBuilder text = new StringBuilder();
    int value = 0;
    String sql = bound.sql();
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?' && value < bound.values().size()) {
        Object v = bound.values().get(value++);
        text.append(v == null ? "NULL" : "'" + TextValueFormatter.format(v).replace("'", "''") + "'");
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** The table of the change being sent when a statement fails, for the error message. */
  TableId queuedTable() {
    return queuedTable;
  }

  void close() {
    prepared.values().forEach(PostgresConnections::closeQuietly);
    prepared.clear();
  }

  /** A statement and its parameter values in order. */
  private record Bound(String sql, List<Object> values) {}

  private Bound bound(RowChange change) {
    ApplyStatements sql = tables.get(change.table());
    List<Integer> identity = sql.identityColumns();
    return switch (change.operation()) {
      case INSERT -> new Bound(sql.insert(), change.after());
      case DELETE -> new Bound(sql.delete(), pick(change.identity(), identity));
      case UPDATE -> {
        List<Integer> set = all(sql);
        set.removeAll(change.unchanged());
        List<Object> values = new ArrayList<>(pick(change.after(), set));
        values.addAll(pick(change.identity(), identity));
        yield new Bound(sql.update(set), values);
      }
    };
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return statement;
  }

  private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
    int parameter = 1;
    for (Object value : values) {
      setText(statement, parameter++, value);
    }
  }

  private static List<Object> pick(List<Object> row, List<Integer> columns) {
    List<Object> values = new ArrayList<>(columns.size());
    columns.forEach(c -> values.add(row.get(c)));
    return values;
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
