package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.CarefulApply;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ControlTableCommits;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.DdlApplier;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.TaskProgress;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies changes to a MySQL/MariaDB target over one connection of its own. Transactional: each
 * row change is one statement, in source order, consecutive ones of the same statement sent as
 * one JDBC batch ({@link MySqlStatementApply}). Batch-optimized: the net change per key, written
 * per table set-wise ({@link MySqlNetChangeApply}); keyless tables go row by row. A truncation is
 * a {@code DELETE}, because TRUNCATE would commit. Either way the position goes into {@link
 * MySqlControlTable}, and the enabled status and history rows ({@link MySqlDmsControlTables}) with
 * it, in the same transaction. Confined to the apply thread.
 *
 * <p>Refused changes, as on PostgreSQL: the fast path runs without per-change checks beyond the
 * rows each batch found; when a statement is refused because of its data, or an UPDATE/DELETE
 * matched no row, the transaction is rolled back and its held changes replayed one at a time
 * ({@link CarefulApply} through {@link MySqlConflictReplay}), where the engine's policy decides
 * about each refused change.
 */
final class MySqlChangeApplier implements ChangeApplier {

  private final MySqlErrors errors;
  private final ApplyRequest request;
  private final Connection connection;
  private final MySqlControlTable control;
  private final Map<TableId, MySqlApplySql> tables;
  private final MySqlStatementApply statements;
  private final MySqlNetChangeApply netChanges;
  private final CarefulApply<SQLException> careful;
  private final ControlTableWrites<SQLException> controlTables;
  private final ControlTableCommits controlCommits;
  private TableId current;
  private long changes;

  private MySqlChangeApplier(MySqlErrors errors, ApplyRequest request, Connection connection,
      MySqlControlTable control, MySqlApplyExceptions exceptions,
      ControlTableWrites<SQLException> controlTables, Map<TableId, MySqlApplySql> tables) {
    this.errors = errors;
    this.request = request;
    this.connection = connection;
    this.control = control;
    this.tables = tables;
    this.statements = new MySqlStatementApply(connection, tables);
    this.netChanges = request.batchApply() ? new MySqlNetChangeApply(statements, tables) : null;
    this.controlTables = controlTables;
    this.controlCommits = new ControlTableCommits(controlTables, connection, this::fail);
    this.careful = new CarefulApply<>(new MySqlConflictReplay(connection, statements, tables,
        exceptions, controlTables, request.taskId()), request.conflicts(), this::stopped);
  }

  static MySqlChangeApplier open(MySqlTargetConnector target, MySqlErrors errors,
      MySqlSettings settings, ApplyRequest request) {
    Connection connection = null;
    MySqlControlTable control = new MySqlControlTable(request.controlSchema(), errors.endpoint().database());
    MySqlApplyExceptions exceptions = new MySqlApplyExceptions(control.database());
    try {
      connection = MySqlConnections.openForApply(errors.endpoint(), settings);
      control.create(connection);
      exceptions.create(connection);
      ControlTableWrites<SQLException> controlTables = MySqlDmsControlTables.open(connection,
          request.controlTables(), control.database(), request.taskId());
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
      return new MySqlChangeApplier(errors, request, connection, control, exceptions, controlTables, tables);
    } catch (SQLException e) {
      MySqlConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open the change applier (control table "
          + MySqlControlTable.NAME + ")", null);
    }
  }

  @Override
  public Optional<StoredPosition> storedPosition() {
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
        known(row.table());
      } else if (change instanceof Truncate truncate) {
        truncate.tables().forEach(this::known);
      }
      careful.hold(change);
      changes++;
      if (careful.replaying()) {
        applyCarefully(change);
      } else {
        try {
          applyFast(change);
        } catch (SQLException | IllegalArgumentException e) {
          replayOn(e);
        }
      }
    } catch (SQLException e) {
      throw fail(e, "cannot apply changes");
    }
  }

  /**
   * Writes what is held, then alters the table; MySQL commits around the DDL, so those changes
   * are committed without the position (a restart from the earlier position writes them again)
   * and can no longer be replayed by a rollback: the careful replay forgets them.
   */
  @Override
  public void applyDdl(SchemaChange change) {
    try {
      current = change.table();
      MySqlApplySql sql = known(change.table());
      if (!careful.replaying()) {
        try {
          flushFast();
        } catch (SQLException | IllegalArgumentException e) {
          replayOn(e);
        }
      }
      statements.flush();
      TargetTable after = MySqlSchemaChangeStatements.apply(connection, sql.table(), sql.id(), change);
      tables.put(change.table(), new MySqlApplySql(after, sql.id()));
      statements.close(); // prepared statements of the old columns
      careful.committed();
    } catch (SQLException e) {
      throw fail(e, "cannot apply " + DdlApplier.describe(change));
    }
  }

  @Override
  public long commit(SourcePosition through, Instant commitTime) {
    return commit(through, commitTime, 0, TaskProgress.UNKNOWN);
  }

  @Override
  public long commit(SourcePosition through, Instant commitTime, long bytes, TaskProgress progress) {
    try {
      if (!careful.replaying()) {
        try {
          flushFast();
        } catch (SQLException | IllegalArgumentException e) {
          replayOn(e);
        }
      }
      statements.flush();
      current = null;
      control.store(connection, request.taskId(), through.format(), commitTime);
      controlTables.committing(through.format(), commitTime, changes, bytes, progress);
      connection.commit();
      long written = changes;
      changes = 0;
      careful.committed();
      return written;
    } catch (SQLException e) {
      throw fail(e, "cannot commit changes through " + through.format());
    }
  }

  @Override
  public Optional<ControlTableCommits> controlTableCommits() {
    return Optional.of(controlCommits);
  }

  @Override
  public void close() {
    statements.close();
    rollbackQuietly();
    MySqlConnections.closeQuietly(connection);
  }

  private void applyFast(DataChange change) throws SQLException {
    if (change instanceof RowChange row) {
      if (careful.isSuspended(row.table())) {
        return;
      }
      if (netChanges != null && netChanges.accepts(row)) {
        netChanges.add(row);
      } else {
        flushFast();
        statements.apply(row);
      }
    } else {
      flushFast();
      truncate((Truncate) change);
    }
  }

  private void applyCarefully(DataChange change) throws SQLException {
    if (change instanceof RowChange row) {
      careful.apply(row);
    } else {
      statements.flush();
      truncate((Truncate) change);
    }
  }

  private void flushFast() throws SQLException {
    if (netChanges != null) {
      netChanges.flush();
    }
    statements.flush();
  }

  /**
   * The fast path failed: when because of the data (or a missing row, or a value MySQL cannot
   * hold), rolls back and replays the held changes one by one; otherwise rethrows.
   */
  private void replayOn(Exception e) throws SQLException {
    if (e instanceof SQLException sql && !(sql instanceof MySqlMissingRowException)
        && !MySqlErrors.isDataError(sql)) {
      throw sql;
    }
    connection.rollback();
    statements.discard();
    if (netChanges != null) {
      netChanges.discard();
    }
    for (DataChange change : careful.startReplay()) {
      applyCarefully(change);
    }
  }

  private void truncate(Truncate truncate) throws SQLException {
    for (TableId table : truncate.tables()) {
      if (careful.isSuspended(table)) {
        continue;
      }
      current = table;
      try (Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM " + tables.get(table).qualified());
      }
    }
  }

  private RuntimeException stopped(ApplyConflict conflict) {
    rollbackQuietly();
    return new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "table "
        + tables.get(conflict.change().table()).id() + ": " + conflict.error()
        + "; the error policy stops the task (statement: " + conflict.statement() + ")");
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
    TableId table = netChanges != null && netChanges.currentTable() != null ? netChanges.currentTable()
        : statements.queuedTable() != null ? statements.queuedTable() : current;
    return errors.translate(e, what, table);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the failure being reported matters more; closing discards the transaction anyway
    }
  }
}
