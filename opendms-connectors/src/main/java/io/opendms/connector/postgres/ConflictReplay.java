package io.opendms.connector.postgres;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.CarefulApply;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's side of the careful path ({@link CarefulApply}) of {@link PostgresChangeApplier}:
 * applies one row change alone inside a savepoint, so that a refused statement is undone without
 * aborting the target transaction, tells data errors (SQLSTATE 22xxx/23xxx) from other failures,
 * and writes the control-table rows. Confined to the apply thread.
 */
final class ConflictReplay implements CarefulApply.Target<SQLException> {

  private final Connection connection;
  private final StatementApply statements;
  private final ApplyExceptions exceptions;
  private final ControlTableWrites<SQLException> controlTables;
  private final String taskId;

  ConflictReplay(Connection connection, StatementApply statements, ApplyExceptions exceptions,
      ControlTableWrites<SQLException> controlTables, String taskId) {
    this.connection = connection;
    this.statements = statements;
    this.exceptions = exceptions;
    this.controlTables = controlTables;
    this.taskId = taskId;
  }

  @Override
  public ApplyConflict applyAlone(RowChange change) throws SQLException {
    statements.flush();
    Savepoint savepoint = connection.setSavepoint();
    ApplyConflict conflict;
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
      return conflict;
    }
    connection.releaseSavepoint(savepoint);
    return conflict;
  }

  @Override
  public ApplyConflict upsertAlone(RowChange change) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      if (statements.upsertNow(change)) {
        connection.releaseSavepoint(savepoint);
        return null;
      }
      connection.releaseSavepoint(savepoint);
      return new ApplyConflict(change, ApplyConflict.Kind.DUPLICATE_KEY, statements.render(change),
          "not upserted: " + change.table() + " has no key", null);
    } catch (SQLException e) {
      connection.rollback(savepoint);
      ApplyConflict failed = classify(change, e);
      if (failed == null) {
        throw e;
      }
      return failed;
    }
  }

  @Override
  public void recordException(ApplyConflict conflict) throws SQLException {
    exceptions.record(connection, taskId, conflict);
  }

  @Override
  public void recordSuspended(TableId table, String reason) throws SQLException {
    controlTables.suspended(table, reason);
  }

  /** The conflict a failed statement is, or null when the failure is not about the data. */
  private ApplyConflict classify(RowChange change, SQLException e) {
    String state = e.getSQLState();
    if (!PostgresErrors.isDataError(e)) {
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
