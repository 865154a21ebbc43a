package io.opendms.connector.mysql;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
