package io.opendms.connector.postgres;

import io.opendms.spi.target.BulkLoad;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY ... FROM STDIN} inside one transaction of a {@link PostgresTargetSession}'s
 * connection. Nothing is visible until {@link #commit()}; {@link #close()} without a commit cancels
 * the COPY and rolls back. Confined to the session's thread.
 */
abstract class CopyInLoad implements BulkLoad {

  protected final TargetTable table;
  protected final PostgresErrors errors;
  private final Connection connection;
  private final CopyIn copyIn;
  private final CopyInBuffer buffer;
  private final Runnable onClose;
  private final StagedReplace.Step beforeCommit;
  private boolean committed;
  private boolean closed;

  CopyInLoad(
      TargetTable table,
      PostgresErrors errors,
      Connection connection,
      CopyIn copyIn,
      Runnable onClose,
      StagedReplace.Step beforeCommit) {
    this.table = table;
    this.beforeCommit = beforeCommit;
    this.errors = errors;
    this.connection = connection;
    this.copyIn = copyIn;
    this.buffer = new CopyInBuffer(copyIn);
    this.onClose = onClose;
  }

  /** Queues bytes of the COPY stream; they reach the server in chunks. */
  protected final void send(byte[] bytes, int offset, int length) {
    requireOpen();
    try {
      buffer.write(bytes, offset, length);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot load rows", table.id());
    }
  }

  @Override
  public final long commit() {
    requireOpen();
    try {
      buffer.flush();
      long rows = copyIn.endCopy();
      beforeCommit.run();
      connection.commit();
      committed = true;
      return rows;
    } catch (SQLException e) {
      throw errors.translate(e, "cannot commit the load", table.id());
    }
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      abort();
    }
    onClose.run();
  }

  private void abort() {
    try {
      if (copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    } catch (SQLException ignored) {
      // the rollback below, or the connection's end, discards the rows all the same
    }
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // a broken connection has no transaction left to roll back
    }
  }

  /** Whether the load is committed or closed: its connection is free for the next one. */
  final boolean finished() {
    return closed || committed;
  }

  private void requireOpen() {
    if (finished()) {
      throw new IllegalStateException("the load into " + table.id() + " is already finished");
    }
  }
}
