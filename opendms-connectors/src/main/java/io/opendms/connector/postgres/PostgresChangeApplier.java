package io.opendms.connector.postgres;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies changes to a PostgreSQL target over one connection of its own, row by row in source
 * order or, with batch apply, as net changes per key ({@link NetChangeApply}); either way the
 * position goes into {@link ControlTable} in the same transaction. Confined to the apply thread.
 *
 * <p>The changes of the open target transaction are held. When a statement is refused because of
 * its data, or an UPDATE/DELETE matched no row, the transaction is rolled back and the held
 * changes replayed one at a time with savepoints ({@link CarefulApply} through {@link
 * ConflictReplay}), where the engine's
 * policy decides about each refused change; the rest of that transaction stays careful. So the
 * fast path pays nothing for error handling.
 */
final class PostgresChangeApplier implements ChangeApplier {

  private final PostgresErrors errors;
  private final ApplyRequest request;
  private final Connection connection;
  private final ControlTable control;
  private final Map<TableId, ApplyStatements> tables = new HashMap<>();
  private final StatementApply statements;
  private final NetChangeApply netChanges;
  private final CarefulApply<SQLException> careful;
  private final ControlTableWrites<SQLException> controlTables;
  private final ControlTableCommits controlCommits;
  private long changes;
  /** The tables as the open transaction found them, when a DDL in it changed one; else null. */
  private Map<TableId, ApplyStatements> beforeDdl;

  private PostgresChangeApplier(PostgresErrors errors, ApplyRequest request, Connection connection,
      ControlTableWrites<SQLException> controlTables) throws SQLException {
    this.errors = errors;
    this.request = request;
    this.connection = connection;
    this.control = new ControlTable(request.controlSchema());
    for (TargetTable table : request.tables()) {
      tables.put(table.id(), new ApplyStatements(table));
    }
    // a replay after a resumed load deletes keys that are mostly not there: it stays batched
    this.statements = new StatementApply(connection, tables, request.conflicts()::expectsMissingDeletes);
    this.netChanges = request.batchApply() ? new NetChangeApply(connection, tables) : null;
    this.controlTables = controlTables;
    this.controlCommits = new ControlTableCommits(controlTables, connection, (e, what) -> fail(e, what, null));
    this.careful = new CarefulApply<>(new ConflictReplay(connection, statements,
        new ApplyExceptions(request.controlSchema()), controlTables, request.taskId()),
        request.conflicts(), this::stopped);
  }

  static PostgresChangeApplier open(PostgresErrors errors, ApplyRequest request) {
    Connection connection = null;
    try {
      connection = PostgresConnections.open(errors.endpoint());
      new ControlTable(request.controlSchema()).create(connection, request.controlSchema());
      new ApplyExceptions(request.controlSchema()).create(connection);
      ControlTableWrites<SQLException> controlTables = DmsControlTables.open(connection,
          request.controlTables(), request.controlSchema(), request.taskId());
      connection.setAutoCommit(false);
      return new PostgresChangeApplier(errors, request, connection, controlTables);
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open the change applier (control table "
          + ControlTable.NAME + ")", null);
    }
  }

  @Override
  public Optional<StoredPosition> storedPosition() {
    try {
      Optional<StoredPosition> stored = control.read(connection, request.taskId());
      connection.commit();
      return stored;
    } catch (SQLException e) {
      throw fail(e, "cannot read the stored position of task " + request.taskId(), null);
    }
  }

  @Override
  public void apply(DataChange change) {
    TableId table = null;
    try {
      if (change instanceof RowChange row) {
        table = row.table();
        requireKnown(table);
      } else if (change instanceof Truncate truncate) {
        truncate.tables().forEach(this::requireKnown);
      }
      careful.hold(change);
      changes++;
      if (careful.replaying()) {
        applyCarefully(change);
      } else {
        try {
          applyFast(change);
        } catch (SQLException e) {
          replayOn(e);
        }
      }
    } catch (SQLException e) {
      throw fail(e, "cannot apply changes", table != null ? table : statements.queuedTable());
    }
  }

  /**
   * Alters the table in the open transaction, after writing what is held for it in its old shape;
   * the DDL is held like a change, so that a replay after a refused change alters it again.
   */
  @Override
  public void applyDdl(SchemaChange change) {
    try {
      requireKnown(change.table());
      careful.hold(change);
      if (!careful.replaying()) {
        try {
          flushNetChanges();
          statements.flush();
        } catch (SQLException e) {
          replayOn(e);
          return; // the replay applied the held DDL too
        }
      }
      alter(change);
    } catch (SQLException e) {
      throw fail(e, "cannot apply " + DdlApplier.describe(change), change.table());
    }
  }

  private void alter(SchemaChange change) throws SQLException {
    statements.flush();
    if (beforeDdl == null) {
      beforeDdl = new HashMap<>(tables);
    }
    TargetTable after = SchemaChangeStatements.apply(connection, tables.get(change.table()).table(), change);
    tables.put(change.table(), new ApplyStatements(after));
    statements.close(); // prepared statements of the old columns
    if (netChanges != null) {
      netChanges.forget(change.table());
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
          flushNetChanges();
          statements.flush();
        } catch (SQLException e) {
          replayOn(e);
        }
      }
      statements.flush();
      control.store(connection, request.taskId(), through.format(), commitTime);
      controlTables.committing(through.format(), commitTime, changes, bytes, progress);
      connection.commit();
      long written = changes;
      changes = 0;
      beforeDdl = null;
      careful.committed();
      return written;
    } catch (SQLException e) {
      TableId table = netChanges != null && netChanges.currentTable() != null
          ? netChanges.currentTable() : statements.queuedTable();
      throw fail(e, "cannot commit changes through " + through.format(), table);
    }
  }

  private void applyFast(DataChange change) throws SQLException {
    if (change instanceof RowChange row) {
      if (careful.isSuspended(row.table())) {
        return;
      }
      if (netChanges != null && netChanges.accepts(row)) {
        netChanges.add(row);
      } else {
        flushNetChanges();
        statements.apply(row);
      }
    } else {
      flushNetChanges();
      statements.flush();
      truncate((Truncate) change);
    }
  }

  private void applyCarefully(DataChange change) throws SQLException {
    if (change instanceof RowChange row) {
      careful.apply(row);
    } else if (change instanceof SchemaChange ddl) {
      alter(ddl);
    } else {
      statements.flush();
      truncate((Truncate) change);
    }
  }

  /**
   * The fast path failed: when because of the data, rolls back and replays the held changes one
   * by one; otherwise rethrows.
   */
  private void replayOn(SQLException e) throws SQLException {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    if (!(cause instanceof MissingRowException) && !PostgresErrors.isDataError(cause)) {
      throw e;
    }
    connection.rollback();
    statements.discard();
    if (netChanges != null) {
      netChanges.discard();
    }
    if (beforeDdl != null) {
      // the rollback undid the transaction's DDL: the replay applies it again
      tables.clear();
      tables.putAll(beforeDdl);
      statements.close();
      beforeDdl = null;
    }
    for (DataChange change : careful.startReplay()) {
      applyCarefully(change);
    }
  }

  private void truncate(Truncate truncate) throws SQLException {
    List<TableId> kept = truncate.tables().stream().filter(t -> !careful.isSuspended(t)).toList();
    if (kept.isEmpty()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE " + kept.stream().map(SqlNames::qualified)
          .collect(Collectors.joining(", ")) + (truncate.restartIdentity() ? " RESTART IDENTITY" : ""));
    }
  }

  private RuntimeException stopped(ApplyConflict conflict) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the stop being reported matters more
    }
    return new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "table " + conflict.change().table()
        + ": " + conflict.error() + "; the error policy stops the task (statement: "
        + conflict.statement() + ")");
  }

  @Override
  public Optional<ControlTableCommits> controlTableCommits() {
    return Optional.of(controlCommits);
  }

  @Override
  public void close() {
    statements.close();
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // closing the connection discards the transaction all the same
    }
    PostgresConnections.closeQuietly(connection);
  }

  private void flushNetChanges() throws SQLException {
    if (netChanges != null && netChanges.size() > 0) {
      netChanges.flush();
    }
  }

  private void requireKnown(TableId table) {
    if (!tables.containsKey(table)) {
      throw errors.failure("cannot apply changes", table, "the table is not one of the task's", null);
    }
  }

  private RuntimeException fail(SQLException e, String what, TableId table) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the failure being reported matters more
    }
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    return errors.translate(cause, what, table);
  }
}
