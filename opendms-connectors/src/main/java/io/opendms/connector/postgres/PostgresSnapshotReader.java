package io.opendms.connector.postgres;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.ChunkedInputStream;
import io.opendms.spi.data.DeferredLob;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Reads partitions over its own connection inside a repeatable-read, read-only transaction that
 * imported the session's snapshot. Each partition is one {@code COPY (SELECT ...) TO STDOUT}: the
 * bytes go to a {@link ByteSink} untouched ({@link #export}) or are decoded ({@link #read}). A
 * failed or abandoned read rolls back to a savepoint taken before it, so the reader, and its
 * snapshot, stay usable. Confined to one worker thread.
 */
final class PostgresSnapshotReader implements SnapshotReader {

  private static final String RELKIND =
      "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relname = ?";

  private final PostgresErrors errors;
  private final Connection connection;
  private final CopyManager copy;
  private final Map<TableId, Boolean> partitioned = new HashMap<>();
  private final CopyTextDecoder decoder = new CopyTextDecoder();

  private PostgresSnapshotReader(PostgresErrors errors, Connection connection, CopyManager copy) {
    this.errors = errors;
    this.connection = connection;
    this.copy = copy;
  }

  static PostgresSnapshotReader open(PostgresErrors errors, String snapshotId) {
    Connection connection = null;
    try {
      connection = PostgresConnections.openInSnapshot(errors.endpoint(), snapshotId);
      return new PostgresSnapshotReader(
          errors, connection, PostgresConnections.copyManager(connection));
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open a snapshot reader", null);
    }
  }

  /**
   * Reads binary COPY when every column has a binary form {@link CopyBinaryDecoder} reads, which
   * costs the source less; text otherwise. Both give the same values.
   */
  @Override
  public long read(TablePartition partition, List<Column> columns, RowConsumer consumer) {
    CopyBinaryDecoder binary = CopyBinaryDecoder.forColumns(columns);
    if (binary != null) {
      long[] rows = {0};
      List<Object[]> decoded = new ArrayList<>(1);
      copyOut(partition, query(partition, columns, true), "cannot read", message -> {
        rows[0] += decoding(partition, columns, () -> binary.decode(message, decoded));
        decoded.forEach(consumer::accept);
        decoded.clear();
      });
      return rows[0];
    }
    String sql = query(partition, columns, false);
    ValueKind[] kinds = columns.stream().map(ValueKind::of).toArray(ValueKind[]::new);
    long[] rows = {0};
    copyOut(
        partition,
        sql,
        "cannot read",
        line -> {
          Object[] values = decode(partition, columns, kinds, line);
          rows[0]++;
          consumer.accept(values);
        });
    return rows[0];
  }

  @Override
  public long read(TablePartition partition, List<Column> columns, long inlineLobBytes,
      RowConsumer consumer) {
    List<Integer> lobs = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).type().kind().isLob()) {
        lobs.add(i);
      }
    }
    if (lobs.isEmpty() || partition.bounds() instanceof PartitionBounds.SourcePartitions) {
      return read(partition, columns, consumer);
    }
    String sql = CopyOutQuery.deferringLobs(partition.table(), isPartitioned(partition.table()),
        columns, partition.bounds(), partition.filter(), inlineLobBytes);
    List<Column> withLengths = new ArrayList<>(columns);
    lobs.forEach(i -> withLengths.add(new Column(columns.get(i).name() + " length",
        DataType.of(DmsType.INT8), true, "bigint")));
    ValueKind[] kinds = withLengths.stream().map(ValueKind::of).toArray(ValueKind[]::new);
    long[] rows = {0};
    copyOut(partition, sql, "cannot read", line -> {
      Object[] decoded = decode(partition, withLengths, kinds, line);
      Object[] values = Arrays.copyOf(decoded, columns.size());
      for (int j = 0; j < lobs.size(); j++) {
        if (decoded[columns.size() + j] instanceof Long length) {
          values[lobs.get(j)] = new DeferredLob(length);
        }
      }
      rows[0]++;
      consumer.accept(values);
    });
    return rows[0];
  }

  @Override
  public InputStream openLob(TableId table, List<String> key, List<Object> keyValues,
      Column column, int chunkBytes) {
    // text is sliced by characters: a piece is at most 4 bytes a character in UTF-8
    String sql = CopyOutQuery.lobChunk(table, column, RowFilter.keyEquals(key, keyValues),
        chunkBytes);
    boolean bytes = column.nativeType().equals("bytea");
    return new ChunkedInputStream(chunkBytes) {
      @Override
      protected byte[] nextChunk() throws IOException {
        if (ended()) {
          return null;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setLong(1, nextPosition());
          try (ResultSet result = statement.executeQuery()) {
            return advance(result.next() ? (bytes ? result.getBytes(1) : result.getString(1))
                : null);
          }
        } catch (SQLException e) {
          throw new IOException(errors.translate(e, "cannot read LOB column " + column.name()
              + " of the row " + keyValues, table));
        }
      }
    };
  }

  @Override
  public long export(
      TablePartition partition, List<Column> columns, NativeFormat format, ByteSink sink) {
    boolean binary = PostgresEngine.copyFormatOption(format).equals("binary");
    String sql = query(partition, columns, binary);
    ExportProgress progress = new ExportProgress(sink);
    long rows = copyOut(partition, sql, "cannot export", progress::write);
    progress.finish(rows);
    return rows;
  }

  @Override
  public OptionalLong longestValue(TablePartition partition, List<Column> columns) {
    if (partition.bounds() instanceof PartitionBounds.SourcePartitions) {
      return OptionalLong.empty();
    }
    String sql = CopyOutQuery.longest(partition.table(), isPartitioned(partition.table()),
        columns, partition.bounds(), partition.filter());
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      // lengths in another server encoding are not the UTF-8 lengths the engine cuts at
      if (!"UTF8".equals(result.getString(1))) {
        return OptionalLong.empty();
      }
      long longest = result.getLong(2);
      return OptionalLong.of(result.wasNull() ? 0 : longest);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot measure the LOBs of " + partition, partition.table());
    }
  }

  /** Rolls back and disconnects. Never throws. */
  @Override
  public void close() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // closing ends the transaction all the same
    }
    PostgresConnections.closeQuietly(connection);
  }

  private interface LineHandler {
    void accept(byte[] line);
  }

  /** Runs one COPY TO STDOUT, passing each message to {@code handler}; returns the row count. */
  private long copyOut(TablePartition partition, String sql, String what, LineHandler handler) {
    TableId table = partition.table();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SAVEPOINT opendms_read");
      CopyOut out = null;
      try {
        out = copy.copyOut(sql);
        for (byte[] line = out.readFromCopy(); line != null; line = out.readFromCopy()) {
          handler.accept(line);
        }
      } catch (SQLException | RuntimeException | Error e) {
        abandon(out, statement);
        throw e;
      }
      statement.execute("RELEASE SAVEPOINT opendms_read");
      return out.getHandledRowCount();
    } catch (SQLException e) {
      throw errors.translate(e, what + " " + partition, table);
    }
  }

  /**
   * Stops a COPY midway (if it started: {@code out} may be null) and returns to the savepoint, so
   * the snapshot stays usable. pgjdbc's own {@code CopyOut.cancelCopy()} only sends the cancel
   * request and leaves the rest of the COPY on the wire, which desynchronises the connection; so we
   * send the cancel ourselves and read on until the server ends the COPY (with the cancel error, or
   * normally if it had finished).
   */
  private void abandon(CopyOut out, Statement statement) {
    try {
      if (out != null && out.isActive()) {
        connection.unwrap(PGConnection.class).cancelQuery();
        drain(out);
      }
      statement.execute("ROLLBACK TO SAVEPOINT opendms_read");
    } catch (SQLException ignored) {
      // the failure being propagated is the one to report; a dead connection fails the next read
    }
  }

  private static void drain(CopyOut out) {
    try {
      while (out.readFromCopy() != null) {
        // discard: the rows were not wanted any more
      }
    } catch (SQLException expected) {
      // 57014 query_canceled: the server ended the COPY and the protocol is in sync again
    }
  }

  private Object[] decode(
      TablePartition partition, List<Column> columns, ValueKind[] kinds, byte[] line) {
    return decoding(partition, columns, () -> decoder.decode(line, kinds));
  }

  /** Runs {@code decoding}, naming the column or the partition in its failure. */
  private <T> T decoding(TablePartition partition, List<Column> columns, Supplier<T> decoding) {
    try {
      return decoding.get();
    } catch (CopyFieldException e) {
      Column column = columns.get(e.field());
      throw errors.failure("cannot decode column " + column.name() + " (" + column.nativeType() + ") of "
          + partition, partition.table(), e.getMessage(), e.getCause());
    } catch (IllegalArgumentException e) {
      throw errors.failure(
          "cannot decode a row of " + partition, partition.table(), e.getMessage(), e);
    }
  }

  private static final String PARTITION_SCHEMAS =
      "SELECT c.relname, n.nspname FROM pg_partition_tree(format('%I.%I', ?, ?)::regclass) t"
          + " JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE t.level > 0";

  private String query(TablePartition partition, List<Column> columns, boolean binary) {
    if (partition.bounds() instanceof PartitionBounds.SourcePartitions named) {
      return CopyOutQuery.partitions(partitionTables(partition.table(), named.names()), columns,
          partition.filter(), binary);
    }
    return CopyOutQuery.build(
        partition.table(), isPartitioned(partition.table()), columns, partition.bounds(),
        partition.filter(), binary);
  }

  /** The tables of the named partitions, which may live in other schemas than their parent. */
  private List<TableId> partitionTables(TableId parent, List<String> names) {
    Map<String, TableId> byName = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(PARTITION_SCHEMAS)) {
      statement.setString(1, parent.schema());
      statement.setString(2, parent.name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byName.put(rows.getString(1), new TableId(rows.getString(2), rows.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot find the partitions", parent);
    }
    List<TableId> tables = new java.util.ArrayList<>();
    for (String name : names) {
      TableId table = byName.get(name);
      if (table == null) {
        throw errors.failure("cannot read", parent, "it has no partition " + name, null);
      }
      tables.add(table);
    }
    return tables;
  }

  private boolean isPartitioned(TableId table) {
    Boolean known = partitioned.get(table);
    if (known != null) {
      return known;
    }
    try (PreparedStatement statement = connection.prepareStatement(RELKIND)) {
      statement.setString(1, table.schema());
      statement.setString(2, table.name());
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw errors.failure("cannot read", table, "the table is not in the snapshot", null);
        }
        boolean result = row.getString(1).equals("p");
        partitioned.put(table, result);
        return result;
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read", table);
    }
  }
}
