package io.opendms.spi.source;

import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.io.InputStream;
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
   * Like {@link #read(TablePartition, List, RowConsumer)}, but a value of a LOB column (CLOB,
   * NCLOB, BLOB) longer than {@code inlineLobBytes} comes as a {@link
   * io.opendms.spi.data.DeferredLob} rather than read: full LOB mode then reads it with {@link
   * #openLob}, so that no whole large value is ever held. A source that cannot leave values out
   * reads them all (the default).
   */
  default long read(TablePartition partition, List<Column> columns, long inlineLobBytes,
      RowConsumer consumer) {
    return read(partition, columns, consumer);
  }

  /**
   * One LOB value of the row whose {@code key} columns equal {@code keyValues} (canonical
   * values), in this reader's view, as a stream that reads it from the source in pieces of about
   * {@code chunkBytes}: bytes for a BLOB, UTF-8 for text. Called between partition reads, on this
   * reader's thread; the caller closes the stream.
   *
   * @throws io.opendms.spi.error.OpenDmsException UNSUPPORTED when the source defers no values
   */
  default InputStream openLob(TableId table, List<String> key, List<Object> keyValues,
      Column column, int chunkBytes) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "this source reads no LOB by lookup");
  }

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
