package io.opendms.spi.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The control-table writes a SQL target's applier commits on their own, outside any batch of
 * changes, over its JDBC connection: the full load's progress ({@link
 * ChangeApplier#recordFullLoad}), that the task runs ({@link ChangeApplier#recordRunning}) and
 * that it stopped ({@link ChangeApplier#recordStopped}). Confined to the applier's thread.
 */
public final class ControlTableCommits {

  /** Turns a failed write into the applier's own exception, which names the target. */
  @FunctionalInterface
  public interface Failure {
    RuntimeException of(SQLException cause, String what);
  }

  /** One of the control tables' writes. */
  @FunctionalInterface
  private interface Write {
    void to(ControlTableWrites<SQLException> tables) throws SQLException;
  }

  private final ControlTableWrites<SQLException> tables;
  private final Connection connection;
  private final Failure failure;

  public ControlTableCommits(ControlTableWrites<SQLException> tables, Connection connection, Failure failure) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.connection = Objects.requireNonNull(connection, "connection");
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public void fullLoad(long rows, long bytes, StoredPosition restart, TaskProgress progress) {
    commit(t -> t.loading(rows, bytes, restart, progress), "cannot record the full load in the control tables");
  }

  public void running(TaskProgress progress) {
    commit(t -> t.running(progress), "cannot refresh the task's status in the control tables");
  }

  public void stopped() {
    commit(ControlTableWrites::stopped, "cannot record the task's stop in the control tables");
  }

  private void commit(Write write, String what) {
    try {
      write.to(tables);
      connection.commit();
    } catch (SQLException e) {
      throw failure.of(e, what);
    }
  }
}
