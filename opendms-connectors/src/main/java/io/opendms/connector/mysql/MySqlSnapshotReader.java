package io.opendms.connector.mysql;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.ChunkedInputStream;
import io.opendms.spi.data.DeferredLob;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads partitions over a snapshot connection, streaming the result set (the driver fetches it in
 * chunks rather than buffering the table). Confined to one worker thread; holds the connection's
 * lock for each partition so that readers sharing a connection take turns.
 */
final class MySqlSnapshotReader implements SnapshotReader {

  /** Rows the driver fetches per round trip while streaming. */
  private static final int FETCH_SIZE = 4096;

  private final SnapshotConnection connection;
  private final MySqlErrors errors;

  MySqlSnapshotReader(SnapshotConnection connection, MySqlErrors errors) {
    this.connection = connection;
    this.errors = errors;
  }

  @Override
  public long read(TablePartition partition, List<Column> columns, RowConsumer consumer) {
    String sql = MySqlSelect.of(partition.table(), columns, partition.bounds(), partition.filter());
    return read(partition, columns, sql, List.of(), consumer);
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
    String sql = MySqlSelect.deferringLobs(partition.table(), columns, partition.bounds(),
        partition.filter(), inlineLobBytes);
    return read(partition, columns, sql, lobs, consumer);
  }

  @Override
  public InputStream openLob(TableId table, List<String> key, List<Object> keyValues,
      Column column, int chunkBytes) {
    String sql = MySqlSelect.lobChunk(table, column, RowFilter.keyEquals(key, keyValues),
        chunkBytes);
    boolean bytes = column.type().kind() == DmsType.BLOB;
    return new ChunkedInputStream(chunkBytes) {
      @Override
      protected byte[] nextChunk() throws IOException {
        if (ended()) {
          return null;
        }
        connection.lock().lock();
        try (PreparedStatement statement = connection.connection().prepareStatement(sql)) {
          statement.setLong(1, nextPosition());
          try (ResultSet result = statement.executeQuery()) {
            return advance(result.next() ? (bytes ? result.getBytes(1) : result.getString(1))
                : null);
          }
        } catch (SQLException e) {
          throw new IOException(errors.translate(e, "cannot read LOB column " + column.name()
              + " of the row " + keyValues, table));
        } finally {
          connection.lock().unlock();
        }
      }
    };
  }

  /**
   * @param lobs the LOB columns whose lengths follow the columns when their values were left
   *     out (empty: no such columns)
   */
  private long read(TablePartition partition, List<Column> columns, String sql,
      List<Integer> lobs, RowConsumer consumer) {
    MySqlValueReader decoder = new MySqlValueReader(columns);
    long rows = 0;
    connection.lock().lock();
    try (Statement statement = connection.connection().createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          Object[] values;
          try {
            values = decoder.read(result);
            for (int j = 0; j < lobs.size(); j++) {
              long length = result.getLong(columns.size() + j + 1);
              if (!result.wasNull()) {
                values[lobs.get(j)] = new DeferredLob(length);
              }
            }
          } catch (MySqlValueReader.ColumnException e) {
            throw errors.failure(
                "cannot read column " + columns.get(e.column()).name() + " of row " + (rows + 1)
                    + " of " + partition,
                partition.table(), e.getMessage(), e);
          }
          rows++;
          consumer.accept(values);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw errors.translate(e, "cannot read " + partition, partition.table());
    } finally {
      connection.lock().unlock();
    }
  }

  @Override
  public long export(
      TablePartition partition, List<Column> columns, NativeFormat format, ByteSink sink) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED,
        "the MySQL source exports no native format (asked for " + format + ")");
  }

  /** The snapshot connection stays open for other readers; the session closes it. */
  @Override
  public void close() {}
}
