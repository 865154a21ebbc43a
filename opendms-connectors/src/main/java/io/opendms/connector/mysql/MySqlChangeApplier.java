package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.NetChanges;
import io.opendms.spi.change.DdlApplier;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies changes to a MySQL/MariaDB target over one connection of its own. Transactional: each
 * row change is one statement, in source order, consecutive ones of the same statement sent as
 * one JDBC batch. Batch-optimized: the net change per key ({@link NetChanges}) is written per
 * table as {@code DELETE ... WHERE (key) IN (...)} and multi-row {@code INSERT ... ON DUPLICATE KEY
 * UPDATE}; keyless tables go row by row. A truncation is a {@code DELETE}, because TRUNCATE would
 * commit. Either way the position goes into {@link MySqlControlTable} in the same transaction.
 * Confined to the apply thread.
 */
final class MySqlChangeApplier implements ChangeApplier {

  /** Rows per multi-row statement: a few hundred amortise the round trip, far below max_allowed_packet. */
  private static final int ROWS_PER_STATEMENT = 500;
  private static final int STATEMENTS_PER_BATCH = 1000;
  private static final int MAX_PLACEHOLDERS = 65_535;

  private final MySqlErrors errors;
  private final ApplyRequest request;
  private final Connection connection;
  private final MySqlControlTable control;
  private final Map<TableId, MySqlApplySql> tables = new HashMap<>();
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final NetChanges netChanges;
  private PreparedStatement queued;
  private int queuedCount;
  private TableId current;
  private long changes;

  private MySqlChangeApplier(MySqlErrors errors, ApplyRequest request, Connection connection,
      MySqlControlTable control, Map<TableId, MySqlApplySql> tables) {
    this.errors = errors;
    this.request = request;
    this.connection = connection;
    this.control = control;
    this.tables.putAll(tables);
    this.netChanges = request.batchApply() ? new NetChanges() : null;
  }

  static MySqlChangeApplier open(MySqlTargetConnector target, MySqlErrors errors,
      MySqlSettings settings, ApplyRequest request) {
    Connection connection = null;
    MySqlControlTable control = new MySqlControlTable(request.controlSchema(), errors.endpoint().database());
    try {
      connection = MySqlConnections.openForApply(errors.endpoint(), settings);
      control.create(connection);
      if (request.batchApply()) {
        // net changes of several tables are written table by table, not in source order
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET SESSION foreign_key_checks = 0");
        }
      }
      connection.setAutoCommit(false);
      Map<TableId, MySqlApplySql> tables = new HashMap<>();
      for (TargetTable table : request.tables()) {
        tables.put(table.id(), new MySqlApplySql(table, target.targetId(table)));
      }
      return new MySqlChangeApplier(errors, request, connection, control, tables);
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open the change applier (control table "
          + MySqlControlTable.NAME + ")", null);
    }
  }

  @Override
  public java.util.Optional<StoredPosition> storedPosition() {
    try {
      var stored = control.read(connection, request.taskId());
      connection.commit();
      return stored;
    } catch (SQLException e) {
      throw fail(e, "cannot read the stored position of task " + request.taskId());
    }
  }

  @Override
  public void apply(DataChange change) {
    try {
      if (change instanceof RowChange row) {
        current = row.table();
        MySqlApplySql sql = known(row.table());
        // a change that left values out (PostgreSQL TOAST) has no full row to net
        if (netChanges != null && sql.hasKey() && row.unchanged().isEmpty()) {
          netChanges.add(row, sql.keyColumns());
        } else {
          flushNetChanges();
          statement(sql, row);
        }
      } else if (change instanceof Truncate truncate) {
        flushNetChanges();
        flushQueued();
        for (TableId table : truncate.tables()) {
          current = table;
          try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + known(table).qualified());
          }
        }
      }
      changes++;
    } catch (SQLException e) {
      throw fail(e, "cannot apply changes");
    } catch (IllegalArgumentException e) {
      rollbackQuietly();
      throw errors.failure("cannot apply a change", current, e.getMessage(), e);
    }
  }

  /**
   * Writes what is held, then alters the table; MySQL commits around the DDL, so those changes
   * are committed without the position (a restart from the earlier position writes them again).
   */
  @Override
  public void applyDdl(SchemaChange change) {
    try {
      current = change.table();
      MySqlApplySql sql = known(change.table());
      flushNetChanges();
      flushQueued();
      TargetTable after = MySqlSchemaChangeStatements.apply(connection, sql.table(), sql.id(), change);
      tables.put(change.table(), new MySqlApplySql(after, sql.id()));
      prepared.values().forEach(MySqlConnections::closeQuietly); // of the old columns
      prepared.clear();
    } catch (SQLException e) {
      throw fail(e, "cannot apply " + DdlApplier.describe(change));
    }
  }

  @Override
  public long commit(SourcePosition through, Instant commitTime) {
    try {
      flushNetChanges();
      flushQueued();
      current = null;
      control.store(connection, request.taskId(), through.format(), commitTime);
      connection.commit();
      long written = changes;
      changes = 0;
      return written;
    } catch (SQLException e) {
      throw fail(e, "cannot commit changes through " + through.format());
    } catch (IllegalArgumentException e) {
      rollbackQuietly();
      throw errors.failure("cannot apply a change", current, e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    prepared.values().forEach(MySqlConnections::closeQuietly);
    prepared.clear();
    rollbackQuietly();
    MySqlConnections.closeQuietly(connection);
  }

  /** Queues one row change as its statement; a different statement first sends the queue. */
  private void statement(MySqlApplySql sql, RowChange row) throws SQLException {
    PreparedStatement statement;
    switch (row.operation()) {
      case INSERT -> {
        statement = queue(sql.insert());
        sql.bind(statement, 1, row.after(), sql.allColumns());
      }
      case UPDATE -> {
        List<Integer> set = sql.allColumns();
        set.removeAll(row.unchanged());
        statement = queue(sql.update(set));
        int next = sql.bind(statement, 1, row.after(), set);
        sql.bind(statement, next, row.identity(), sql.identityColumns());
      }
      case DELETE -> {
        statement = queue(sql.delete());
        sql.bind(statement, 1, row.before(), sql.identityColumns());
      }
      default -> throw new IllegalStateException(row.operation().toString());
    }
    statement.addBatch();
    if (++queuedCount >= STATEMENTS_PER_BATCH) {
      flushQueued();
    }
  }

  private PreparedStatement queue(String sql) throws SQLException {
    PreparedStatement statement = prepared(sql);
    if (statement != queued) {
      flushQueued();
      queued = statement;
    }
    return statement;
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return statement;
  }

  private void flushQueued() throws SQLException {
    if (queued != null && queuedCount > 0) {
      queued.executeBatch();
    }
    queued = null;
    queuedCount = 0;
  }

  /** Writes the held net changes: per table its deletions, then its upserts, in chunks. */
  private void flushNetChanges() throws SQLException {
    if (netChanges == null || netChanges.size() == 0) {
      return;
    }
    flushQueued();
    for (var table : netChanges.drain().entrySet()) {
      current = table.getKey();
      MySqlApplySql sql = tables.get(table.getKey());
      List<List<Object>> deletes = new ArrayList<>();
      List<List<Object>> upserts = new ArrayList<>();
      table.getValue().values().forEach(net -> (net.delete() ? deletes : upserts).add(net.row()));
      writeChunks(sql, deletes, true);
      writeChunks(sql, upserts, false);
    }
  }

  private void writeChunks(MySqlApplySql sql, List<List<Object>> rows, boolean delete)
      throws SQLException {
    // a server-side prepared statement takes at most 65,535 placeholders
    int columns = delete ? sql.keyColumns().size() : sql.allColumns().size();
    int perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PLACEHOLDERS / columns));
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
      PreparedStatement statement = prepared(delete ? sql.deleteKeys(chunk.size()) : sql.upsert(chunk.size()));
      int parameter = 1;
      for (List<Object> row : chunk) {
        parameter = sql.bind(statement, parameter, row, delete ? sql.keyColumns() : sql.allColumns());
      }
      statement.executeUpdate();
      if (chunk.size() != perStatement) {
        // the last, odd-sized chunk's SQL is rarely seen again
        prepared.remove(delete ? sql.deleteKeys(chunk.size()) : sql.upsert(chunk.size()));
        MySqlConnections.closeQuietly(statement);
      }
    }
  }

  private MySqlApplySql known(TableId table) {
    MySqlApplySql sql = tables.get(table);
    if (sql == null) {
      throw errors.failure("cannot apply changes", table, "the table is not one of the task's", null);
    }
    return sql;
  }

  private RuntimeException fail(SQLException e, String what) {
    rollbackQuietly();
    return errors.translate(e, what, current);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the failure being reported matters more; closing discards the transaction anyway
    }
  }
}
