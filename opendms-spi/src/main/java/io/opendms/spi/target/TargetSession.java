package io.opendms.spi.target;

import io.opendms.spi.data.NativeFormat;
import java.util.List;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.PartitionBounds;

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

  /**
   * Whether {@link #openReplacingRowLoad} and {@link #openReplacingNativeLoad} work here: a full
   * load resumed range by range reads block-range partitions again whose rows may be on the
   * target already (an update moved them there from a partition kept), so it must write them
   * by key rather than add them.
   */
  default boolean replacesRowsByKey() {
    return false;
  }

  /**
   * As {@link #openRowLoad}, but each row replaces a target row with the same primary key
   * ({@link TargetTable#primaryKey()}) instead of failing on it or doubling it. Slower than a
   * plain load: only for partitions read again after a resume.
   *
   * @throws OpenDmsException UNSUPPORTED when {@link #replacesRowsByKey()} is false
   */
  default RowLoad openReplacingRowLoad(TargetTable table) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "this target cannot replace rows of "
        + table.id() + " by key while loading");
  }

  /**
   * As {@link #openNativeLoad}, replacing rows by key as {@link #openReplacingRowLoad} does.
   *
   * @throws OpenDmsException UNSUPPORTED when {@link #replacesRowsByKey()} is false
   */
  default NativeLoad openReplacingNativeLoad(TargetTable table, NativeFormat format) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "this target cannot replace rows of "
        + table.id() + " by key while loading");
  }

  /** Whether {@link #writeLob} works here: full LOB mode writes long LOBs after their rows. */
  default boolean writesLobs() {
    return false;
  }

  /**
   * Sets one LOB column of a row already committed (it holds NULL there) to a value streamed
   * from {@code value}, without holding it whole, and commits. Not while a load is open.
   *
   * @param key the values of the table's primary key columns, in their order
   * @param length the value's length in bytes (text: UTF-8, which {@code value} gives)
   * @throws io.opendms.spi.error.OpenDmsException naming the table when the write fails, or
   *     UNSUPPORTED when {@link #writesLobs()} is false
   */
  default void writeLob(TargetTable table, List<Object> key, String column, long length,
      java.io.InputStream value) {
    throw new io.opendms.spi.error.OpenDmsException(io.opendms.spi.error.ErrorCode.UNSUPPORTED,
        "this target writes no LOB by key");
  }

  /**
   * Deletes, in a transaction of its own, the target rows of a key-span partition ({@link
   * PartitionBounds#isKeySpan()}; its column names are the target's): what a
   * load of that partition may have committed before a crash, so that it can load again.
   *
   * @return the rows deleted
   * @throws OpenDmsException UNSUPPORTED when the target cannot
   */
  default long deleteKeySpan(TargetTable table, PartitionBounds span) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED,
        "this target cannot delete the rows of a key range of " + table.id());
  }

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
