package io.opendms.connector.postgres;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.Truncate;
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
import java.util.stream.Collectors;

/**
 * Applies changes to a PostgreSQL target over one connection of its own, row by row in source
 * order or, with batch apply, as net changes per key ({@link NetChangeApply}); either way the
 * position goes into {@link ControlTable} in the same transaction. Confined to the apply thread.
 */
final class PostgresChangeApplier implements ChangeApplier {

  private final PostgresErrors errors;
  private final ApplyRequest request;
  private final Connection connection;
  private final ControlTable control;
  private final Map<TableId, ApplyStatements> tables = new HashMap<>();
  private final StatementApply statements;
  private final NetChangeApply netChanges;
  private long changes;

  private PostgresChangeApplier(PostgresErrors errors, ApplyRequest request, Connection connection)
      throws SQLException {
    this.errors = errors;
    this.request = request;
    this.connection = connection;
    this.control = new ControlTable(request.controlSchema());
    for (TargetTable table : request.tables()) {
      tables.put(table.id(), new ApplyStatements(table));
    }
    this.statements = new StatementApply(connection, tables);
    this.netChanges = request.batchApply() ? new NetChangeApply(connection, tables) : null;
  }

  static PostgresChangeApplier open(PostgresErrors errors, ApplyRequest request) {
    Connection connection = null;
    try {
      connection = PostgresConnections.open(errors.endpoint());
      new ControlTable(request.controlSchema()).create(connection, request.controlSchema());
      connection.setAutoCommit(false);
      return new PostgresChangeApplier(errors, request, connection);
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
        if (netChanges != null && netChanges.accepts(row)) {
          netChanges.add(row);
        } else {
          flushNetChanges();
          statements.apply(row);
        }
        changes++;
      } else if (change instanceof Truncate truncate) {
        truncate.tables().forEach(this::requireKnown);
        flushNetChanges();
        statements.flush();
        try (Statement statement = connection.createStatement()) {
          statement.execute("TRUNCATE " + truncate.tables().stream().map(SqlNames::qualified)
              .collect(Collectors.joining(", ")) + (truncate.restartIdentity() ? " RESTART IDENTITY" : ""));
        }
        changes++;
      }
    } catch (SQLException e) {
      throw fail(e, "cannot apply changes", table != null ? table : statements.queuedTable());
    }
  }

  @Override
  public long commit(SourcePosition through, Instant commitTime) {
    try {
      flushNetChanges();
      statements.flush();
      control.store(connection, request.taskId(), through.format(), commitTime);
      connection.commit();
      long written = changes;
      changes = 0;
      return written;
    } catch (SQLException e) {
      TableId table = netChanges != null && netChanges.currentTable() != null
          ? netChanges.currentTable() : statements.queuedTable();
      throw fail(e, "cannot commit changes through " + through.format(), table);
    }
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
