package io.opendms.spi.source;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.table.Column;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads partitions inside a {@link SnapshotSession}'s view over one connection. Confined to one
 * thread; reads one partition at a time; blocks on the database.
 */
public interface SnapshotReader extends AutoCloseable {

  /**
   * Reads every row of the partition, decoded to canonical values of the given columns in the
   * given order, and passes each to {@code consumer} on this thread. Returns the row count.
   * Exceptions thrown by the consumer propagate unchanged.
   */
  long read(TablePartition partition, List<Column> columns, RowConsumer consumer);

  /**
   * Streams the partition's rows, for the given columns in order, in a native format from
   * {@link SnapshotSession#exportFormats()}, without decoding them. Returns the row count.
   */
  long export(TablePartition partition, List<Column> columns, NativeFormat format, ByteSink sink);

  /**
   * The length in bytes (text in UTF-8) of the longest value of the given columns among the
   * partition's rows, or empty when the source cannot tell without reading the values. The
   * engine asks before a native export of a table whose LOBs limited LOB mode would cut: when
   * none is too long, the rows may still travel undecoded. Blocks on the database.
   */
  default OptionalLong longestValue(TablePartition partition, List<Column> columns) {
    return OptionalLong.empty();
  }

  @Override
  void close();
}
