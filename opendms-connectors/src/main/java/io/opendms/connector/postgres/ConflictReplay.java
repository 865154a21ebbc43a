package io.opendms.connector.postgres;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflictHandler;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The slow, careful path of {@link PostgresChangeApplier}: applies one row change alone inside a
 * savepoint, so that a refused statement is undone without aborting the target transaction, and
 * carries out the engine's {@link ApplyResolution} for it. The fast path (JDBC batches, net
 * changes) runs without savepoints; only a transaction in which something failed is replayed
 * through here. Answers are remembered per change so that a second replay of the same changes
 * asks the policy nothing twice. Confined to the apply thread.
 */
final class ConflictReplay {

  private final Connection connection;
  private final StatementApply statements;
  private final ApplyExceptions exceptions;
  private final String taskId;
  private final ApplyConflictHandler handler;
  private final Function<ApplyConflict, RuntimeException> stop;
  private final Map<RowChange, ApplyResolution> answered = new IdentityHashMap<>();
  private final Set<TableId> suspended;
  private final SuspendListener onSuspend;

  /** Records a suspended table on the target, inside the open transaction. */
  @FunctionalInterface
  interface SuspendListener {
    void suspended(TableId table, String reason) throws SQLException;
  }

  /**
   * @param suspended tables whose changes are skipped; SUSPEND_TABLE answers add to it
   * @param stop the failure to throw for a STOP answer
   */
  ConflictReplay(Connection connection, StatementApply statements, ApplyExceptions exceptions,
      String taskId, ApplyConflictHandler handler, Set<TableId> suspended,
      Function<ApplyConflict, RuntimeException> stop, SuspendListener onSuspend) {
    this.onSuspend = onSuspend;
    this.connection = connection;
    this.statements = statements;
    this.exceptions = exceptions;
    this.taskId = taskId;
    this.handler = handler;
    this.suspended = suspended;
    this.stop = stop;
  }

  /**
   * Applies the change alone. Returns normally when it was applied or resolved; throws the
   * SQLException of a failure that is not about the data (the caller fails the transaction).
   */
  void apply(RowChange change) throws SQLException {
    if (suspended.contains(change.table())) {
      return;
    }
    statements.flush();
    ApplyConflict conflict;
    Savepoint savepoint = connection.setSavepoint();
    try {
      int rows = statements.applyNow(change);
      conflict = rows > 0 || change.operation() == RowChange.Operation.INSERT ? null
          : new ApplyConflict(change, ApplyConflict.Kind.ROW_NOT_FOUND, statements.render(change),
              change.operation() + " matched no row of " + change.table(), null);
    } catch (SQLException e) {
      connection.rollback(savepoint);
      conflict = classify(change, e);
      if (conflict == null) {
        throw e;
      }
    }
    if (conflict != null) {
      resolve(conflict);
    }
    connection.releaseSavepoint(savepoint);
  }

  /** Forgets the answers of a committed transaction. */
  void committed() {
    answered.clear();
  }

  private void resolve(ApplyConflict conflict) throws SQLException {
    ApplyResolution resolution = answered.computeIfAbsent(conflict.change(), c -> handler.resolve(conflict));
    switch (resolution) {
      case SKIP -> { }
      case LOG -> exceptions.record(connection, taskId, conflict);
      case SUSPEND_TABLE -> {
        exceptions.record(connection, taskId, conflict);
        if (suspended.add(conflict.change().table())) {
          onSuspend.suspended(conflict.change().table(), conflict.kind() + ": " + conflict.error());
        }
      }
      case UPSERT -> upsert(conflict);
      case STOP -> throw stop.apply(conflict);
    }
  }

  private void upsert(ApplyConflict conflict) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      if (statements.upsertNow(conflict.change())) {
        connection.releaseSavepoint(savepoint);
        return;
      }
      exceptions.record(connection, taskId, new ApplyConflict(conflict.change(), conflict.kind(),
          conflict.statement(), conflict.error() + "; not upserted: the change lacks the values of"
              + " unchanged columns, or the table has no key", conflict.column()));
    } catch (SQLException e) {
      connection.rollback(savepoint);
      ApplyConflict failed = classify(conflict.change(), e);
      if (failed == null) {
        throw e;
      }
      exceptions.record(connection, taskId, failed);
    }
  }

  /** The conflict a failed statement is, or null when the failure is not about the data. */
  private ApplyConflict classify(RowChange change, SQLException e) {
    String state = e.getSQLState();
    if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
      return null;
    }
    ApplyConflict.Kind kind = state.equals("23505") && change.operation() == RowChange.Operation.INSERT
        ? ApplyConflict.Kind.DUPLICATE_KEY
        : state.equals("22001") ? ApplyConflict.Kind.TRUNCATION : ApplyConflict.Kind.DATA_ERROR;
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String message = server != null && server.getMessage() != null
        ? server.getMessage() + (server.getDetail() != null ? " (" + server.getDetail() + ")" : "")
        : e.getMessage();
    return new ApplyConflict(change, kind, statements.render(change), message + " [SQLState " + state + "]",
        server == null ? null : server.getColumn());
  }
}
