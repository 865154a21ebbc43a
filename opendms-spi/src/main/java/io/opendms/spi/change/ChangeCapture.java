package io.opendms.spi.change;

import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source's change stream for one task run. Opened by the engine's coordinating thread; {@link
 * #stream} then runs on one capture thread, while {@link #acknowledge} and {@link #stop} may be
 * called from any thread.
 *
 * <p>Contract of positions: the source may discard (PostgreSQL: recycle WAL for) a change only
 * after the engine acknowledged a position past it, which the engine does only after the target
 * committed that change.
 */
public interface ChangeCapture extends AutoCloseable {

  /** Where streaming starts: the slot's consistent point or the requested position. Never null. */
  SourcePosition startPosition();

  /**
   * The snapshot taken exactly at {@link #startPosition()} when the capture was opened with
   * {@link CaptureRequest.Start#CREATE_WITH_SNAPSHOT}; empty otherwise. Returned once: the caller
   * owns and closes it. It stays valid while {@link #stream} runs.
   */
  Optional<SnapshotSession> takeSnapshot();

  /**
   * Streams changes committed after {@link #startPosition()} to {@code consumer} on the calling
   * thread, blocking until {@link #stop()} is called (then it returns normally) or streaming fails
   * (then it throws {@link io.opendms.spi.error.OpenDmsException} naming the slot). Called once.
   */
  void stream(ChangeConsumer consumer);

  /**
   * Tells the source that every change up to {@code position} (a {@link Commit#position()}) is
   * committed on the target and need not be kept. Thread-safe, non-blocking; older positions than
   * one already acknowledged are ignored. Takes effect with the next status message to the source.
   */
  void acknowledge(SourcePosition position);

  /**
   * How many bytes of change log the source keeps for this capture now (PostgreSQL: WAL from the
   * slot's restart LSN to the server's current WAL position), as last measured while {@link
   * #stream} runs; empty before the first measurement or when the source cannot tell.
   * Thread-safe, non-blocking. Sources that keep no such log for a reader answer empty.
   */
  default OptionalLong retainedBytes() {
    return OptionalLong.empty();
  }

  /** Asks {@link #stream} to return; thread-safe, returns at once. */
  void stop();

  /** Releases connections; keeps the slot. Idempotent; never throws. */
  @Override
  void close();
}
