package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads decoded rows with {@code LOAD DATA LOCAL INFILE}, fed from memory in chunks of a few
 * megabytes (never a file of the whole table), all in one transaction. With LOCAL, MySQL turns
 * data errors into warnings and goes on with a changed value or a skipped row; so after each
 * chunk any warning fails the load, with the server's words and the row number within the
 * partition, and the transaction rolls back: nothing is silently changed. Each chunk loads on a
 * helper thread while the caller encodes the next, so reading the source and writing the target
 * overlap; at most one chunk is loading and one filling. Used by the session's thread only; the
 * helper touches the connection only between a submit and the wait for it.
 */
final class LoadDataRowLoad implements RowLoad {

  /** Bytes per LOAD DATA statement: large enough to amortise the round trip, small in memory. */
  static final int CHUNK_BYTES = 8 << 20;

  private static final Pattern AT_ROW = Pattern.compile("at row (\\d+)");

  private final TargetTable table;
  private final TableId id;
  private final MySqlErrors errors;
  private final Connection connection;
  private final LoadDataStatement statement;
  private final LoadDataEncoder encoder;
  private long rows;
  private long rowsInChunk;
  private long stored;
  private boolean committed;
  private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, Thread.currentThread().getName() + "-load-data");
    thread.setDaemon(true);
    return thread;
  });
  private Future<Long> pending;

  LoadDataRowLoad(TargetTable table, TableId id, MySqlErrors errors, Connection connection)
      throws SQLException {
    this.table = table;
    this.id = id;
    this.errors = errors;
    this.connection = connection;
    this.statement = LoadDataStatement.of(id, table);
    this.encoder = new LoadDataEncoder(statement.columns());
    connection.setAutoCommit(false);
  }

  @Override
  public void accept(Object[] values) {
    if (values.length != table.columns().size()) {
      throw new IllegalArgumentException("row of " + values.length + " values for "
          + table.columns().size() + " columns of " + table.id());
    }
    try {
      encoder.append(values);
    } catch (LoadDataEncoder.FieldException e) {
      String column = table.columns().get(e.field()).name();
      throw errors.refused(ApplyConflict.Kind.DATA_ERROR, "cannot write column " + column
          + " of row " + (rows + 1), id, e.getMessage(), e);
    }
    rows++;
    rowsInChunk++;
    if (encoder.size() >= CHUNK_BYTES) {
      flush();
    }
  }

  @Override
  public long commit() {
    flush();
    awaitPending();
    try {
      connection.commit();
      committed = true;
      return stored;
    } catch (SQLException e) {
      throw errors.translate(e, "cannot commit the load", id);
    }
  }

  @Override
  public void close() {
    try {
      awaitPending();
    } catch (RuntimeException alreadyReported) {
      // a failed chunk: its error reached the caller or the load is being abandoned anyway
    } finally {
      loader.shutdownNow();
    }
    try {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // a broken connection: the session reopens one; the failure was already reported
    }
  }

  /** Hands the filled chunk to the loader thread once the one before it has loaded. */
  private void flush() {
    if (rowsInChunk == 0) {
      return;
    }
    awaitPending();
    long firstRow = rows - rowsInChunk + 1;
    long lastRow = rows;
    LoadDataEncoder.Chunk chunk = encoder.take();
    rowsInChunk = 0;
    pending = loader.submit(() -> load(chunk, firstRow, lastRow));
  }

  private void awaitPending() {
    if (pending == null) {
      return;
    }
    Future<Long> waiting = pending;
    pending = null;
    try {
      stored += waiting.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw errors.failure("cannot load rows", id, String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.failure("cannot load rows", id, "interrupted", e);
    }
  }

  /** Runs on the loader thread: one LOAD DATA statement for one chunk. */
  private long load(LoadDataEncoder.Chunk chunk, long firstRow, long lastRow) {
    try (Statement load = connection.createStatement()) {
      load.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
          new ByteArrayInputStream(chunk.bytes(), 0, chunk.size()));
      long affected = load.executeLargeUpdate(statement.sql());
      Warnings warnings = warnings(load, firstRow);
      if (!warnings.text().isEmpty()) {
        // LOAD DATA LOCAL turns data errors into warnings (the server cannot stop the stream)
        throw errors.refused(MySqlErrors.refusalKind(warnings.firstCode()), "cannot load rows "
            + firstRow + "-" + lastRow, id, "MySQL would change or skip values: " + warnings.text(), null);
      }
      return affected;
    } catch (SQLException e) {
      throw errors.translate(e, "cannot load rows " + firstRow + "-" + lastRow, id);
    }
  }

  /** The first few warnings of a load and the first one's error number. */
  private record Warnings(String text, int firstCode) {}

  /** The first few warnings, row numbers made relative to the partition; empty when none. */
  private static Warnings warnings(Statement load, long firstRow) throws SQLException {
    StringJoiner text = new StringJoiner("; ");
    text.setEmptyValue("");
    int firstCode = 0;
    try (ResultSet rows = load.executeQuery("SHOW WARNINGS LIMIT 5")) {
      while (rows.next()) {
        Matcher row = AT_ROW.matcher(rows.getString(3));
        StringBuilder message = new StringBuilder();
        while (row.find()) {
          row.appendReplacement(message, "at row " + (firstRow - 1 + Long.parseLong(row.group(1))));
        }
        row.appendTail(message);
        text.add(rows.getString(1) + " " + rows.getInt(2) + ": " + message);
        firstCode = firstCode == 0 ? rows.getInt(2) : firstCode;
      }
    }
    return new Warnings(text.toString(), firstCode);
  }
}
