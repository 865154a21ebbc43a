package io.opendms.spi.target;

import io.opendms.spi.data.NativeFormat;

/**
 * One connection to the target, confined to one worker thread, running one {@link BulkLoad} at a
 * time.
 */
public interface TargetSession extends AutoCloseable {

  /** Starts a transaction that loads decoded rows into the table. */
  RowLoad openRowLoad(TargetTable table);

  /**
   * Starts a transaction that loads the table from a native format that {@link
   * TargetConnector#importFormats} offered for it.
   */
  NativeLoad openNativeLoad(TargetTable table, NativeFormat format);

  @Override
  void close();

  /**
   * A session of a target that loads decoded rows only and holds no connection of its own per
   * thread (a broker's or object store's client is shared): {@code rowLoads} opens each load,
   * native loads are refused.
   */
  static TargetSession ofRowLoads(String engine, java.util.function.Function<TargetTable, RowLoad> rowLoads) {
    return new TargetSession() {
      @Override
      public RowLoad openRowLoad(TargetTable table) {
        return rowLoads.apply(table);
      }

      @Override
      public NativeLoad openNativeLoad(TargetTable table, io.opendms.spi.data.NativeFormat format) {
        throw new io.opendms.spi.error.OpenDmsException(io.opendms.spi.error.ErrorCode.UNSUPPORTED,
            engine + " takes no native load format");
      }

      @Override
      public void close() {}
    };
  }
}
