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
}
