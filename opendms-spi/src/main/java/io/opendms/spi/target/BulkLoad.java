package io.opendms.spi.target;

/**
 * One bulk write into one target table inside one target transaction. Nothing is visible on the
 * target until {@link #commit()}; {@link #close()} without commit rolls back. Confined to the
 * thread of the {@link TargetSession} that opened it.
 */
public interface BulkLoad extends AutoCloseable {

  /** Finishes the write and commits it; returns the number of rows the target stored. */
  long commit();

  /** Rolls back unless committed. Never throws. */
  @Override
  void close();
}
