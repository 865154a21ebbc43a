package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.CarefulApply;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * MySQL's side of the careful path ({@link CarefulApply}) of {@link MySqlChangeApplier}: applies
 * one row change alone, tells data errors from other failures, and writes the control-table rows.
 * No savepoint is needed: InnoDB undoes a refused statement and nothing else, and the
 * transaction stays open (unlike PostgreSQL, which aborts it). Confined to the apply thread.
 */
final class MySqlConflictReplay implements CarefulApply.Target<SQLException> {

  private final Connection connection;
  private final MySqlStatementApply statements;
  private final Map<TableId, MySqlApplySql> tables;
  private final MySqlApplyExceptions exceptions;
  private final ControlTableWrites<SQLException> controlTables;
  private final String taskId;

  MySqlConflictReplay(Connection connection, MySqlStatementApply statements,
      Map<TableId, MySqlApplySql> tables, MySqlApplyExceptions exceptions,
      ControlTableWrites<SQLException> controlTables, String taskId) {
    this.connection = connection;
    this.statements = statements;
    this.tables = tables;
    this.exceptions = exceptions;
    this.controlTables = controlTables;
    this.taskId = taskId;
  }

  @Override
  public ApplyConflict applyAlone(RowChange change) throws SQLException {
    statements.flush();
    try {
      int rows = statements.applyNow(change);
      return rows > 0 || change.operation() == RowChange.Operation.INSERT ? null
          : new ApplyConflict(change, ApplyConflict.Kind.ROW_NOT_FOUND, statements.render(change),
              change.operation() + " matched no row of " + tables.get(change.table()).id(), null);
    } catch (SQLException e) {
      return classify(change, e);
    } catch (IllegalArgumentException e) {
      return unrepresentable(change, e);
    }
  }

  @Override
  public ApplyConflict upsertAlone(RowChange change) throws SQLException {
    try {
      if (statements.upsertNow(change)) {
        return null;
      }
      return new ApplyConflict(change, ApplyConflict.Kind.DUPLICATE_KEY, statements.render(change),
          "not upserted: " + tables.get(change.table()).id() + " has no primary key", null);
    } catch (SQLException e) {
      return classify(change, e);
    } catch (IllegalArgumentException e) {
      return unrepresentable(change, e);
    }
  }

  @Override
  public void recordException(ApplyConflict conflict) throws SQLException {
    exceptions.record(connection, taskId, tables.get(conflict.change().table()).id(), conflict);
  }

  @Override
  public void recordSuspended(TableId table, String reason) throws SQLException {
    controlTables.suspended(tables.get(table).id(), reason);
  }

  /** The conflict a refused statement is; rethrows a failure that is not about the data. */
  private ApplyConflict classify(RowChange change, SQLException e) throws SQLException {
    if (!MySqlErrors.isDataError(e)) {
      throw e;
    }
    ApplyConflict.Kind kind = MySqlErrors.refusalKind(e.getErrorCode());
    if (kind == ApplyConflict.Kind.DUPLICATE_KEY && change.operation() != RowChange.Operation.INSERT) {
      kind = ApplyConflict.Kind.DATA_ERROR; // a unique constraint hit by an UPDATE
    }
    return new ApplyConflict(change, kind, statements.render(change), MySqlErrors.describe(e),
        MySqlErrors.blamedColumn(e));
  }

  /** A value MySQL cannot hold at all (NaN in DECIMAL, a year past 9999): a data error. */
  private ApplyConflict unrepresentable(RowChange change, IllegalArgumentException e) {
    return new ApplyConflict(change, ApplyConflict.Kind.DATA_ERROR, statements.render(change),
        e.getMessage(), null);
  }
}
