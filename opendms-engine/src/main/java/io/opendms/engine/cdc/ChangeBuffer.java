package io.opendms.engine.cdc;

import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.RowChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-off between the capture thread and the apply thread: a FIFO held in memory up to
 * {@code ChangeProcessingTuning.MemoryLimitTotal}, and while its oldest event has waited less than
 * {@code MemoryKeepTime}, beyond which events go to {@link SpillSegments}; once spilling, every
 * newer event goes to disk until the disk part is read, so order holds and memory stays bounded
 * however far the target lags. {@link #put} never blocks on
 * the consumer. A capture failure is parked here and rethrown to the apply thread. Thread-safe.
 */
public final class ChangeBuffer implements AutoCloseable {

  private final long memoryLimitBytes;
  private final long keepNanos;
  private final SpillSegments disk;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<Held> memory = new ArrayDeque<>();
  private long memoryBytes;
  /** Row changes put and not yet taken, in memory or on disk. */
  private long rowChanges;
  private RuntimeException failure;

  private record Held(ChangeEvent event, long bytes, long putNanos) {}

  /** A buffer that keeps events in memory however long they wait, up to its size. */
  public ChangeBuffer(long memoryLimitBytes, Path spillDirectory) {
    this(memoryLimitBytes, Duration.ZERO, spillDirectory);
  }

  /**
   * @param memoryLimitBytes most estimated bytes held in memory
   * @param keepTime how long the oldest event may wait in memory before newer ones go to disk;
   *     zero for no limit
   * @param spillDirectory where segment files go; emptied now and on close
   */
  public ChangeBuffer(long memoryLimitBytes, Duration keepTime, Path spillDirectory) {
    this.memoryLimitBytes = memoryLimitBytes;
    this.keepNanos = keepTime.isZero() ? Long.MAX_VALUE : keepTime.toNanos();
    this.disk = new SpillSegments(spillDirectory);
    SpillDirectory.clear(spillDirectory);
  }

  /** Adds an event (capture thread). */
  public void put(ChangeEvent event) {
    long bytes = estimate(event);
    long now = System.nanoTime();
    lock.lock();
    try {
      if (event instanceof RowChange) {
        rowChanges++;
      }
      if (disk.size() == 0 && memoryBytes + bytes <= memoryLimitBytes && !keptTooLong(now)) {
        memory.addLast(new Held(event, bytes, now));
        memoryBytes += bytes;
      } else {
        disk.append(event);
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  private boolean keptTooLong(long now) {
    Held oldest = memory.peekFirst();
    return oldest != null && now - oldest.putNanos() > keepNanos;
  }

  /** Parks the capture's failure; the next {@link #poll} throws it once the events before it are taken. */
  public void fail(RuntimeException error) {
    lock.lock();
    try {
      failure = error;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The oldest event, waiting up to {@code timeout}; null when none came (apply thread). Throws the
   * parked capture failure when nothing is left before it.
   */
  public ChangeEvent poll(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (memory.isEmpty() && disk.size() == 0) {
        if (failure != null) {
          throw failure;
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      ChangeEvent event;
      if (!memory.isEmpty()) {
        Held held = memory.pollFirst();
        memoryBytes -= held.bytes();
        event = held.event();
      } else {
        event = disk.next();
      }
      if (event instanceof RowChange) {
        rowChanges--;
      }
      return event;
    } finally {
      lock.unlock();
    }
  }

  /** Whether an event is waiting. */
  public boolean isEmpty() {
    lock.lock();
    try {
      return memory.isEmpty() && disk.size() == 0;
    } finally {
      lock.unlock();
    }
  }

  public long memoryEvents() {
    lock.lock();
    try {
      return memory.size();
    } finally {
      lock.unlock();
    }
  }

  public long diskEvents() {
    lock.lock();
    try {
      return disk.size();
    } finally {
      lock.unlock();
    }
  }

  /** Row changes waiting, in memory or on disk: captured and not yet taken to be applied. */
  public long waitingRowChanges() {
    lock.lock();
    try {
      return rowChanges;
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of the events spilled to disk and not yet read back. */
  public long diskBytes() {
    lock.lock();
    try {
      return disk.bytes();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      memory.clear();
      memoryBytes = 0;
      rowChanges = 0;
      disk.close();
    } finally {
      lock.unlock();
    }
  }

  /** A rough heap size: object headers, references and the values' payloads. */
  static long estimate(ChangeEvent event) {
    if (!(event instanceof RowChange row)) {
      return 64;
    }
    return 96 + estimate(row.before()) + estimate(row.after());
  }

  private static long estimate(List<Object> row) {
    if (row == null) {
      return 0;
    }
    long bytes = 32 + 8L * row.size();
    for (Object value : row) {
      if (value instanceof String text) {
        bytes += 48 + text.length();
      } else if (value instanceof byte[] data) {
        bytes += 16 + data.length;
      } else if (value != null) {
        bytes += 24;
      }
    }
    return bytes;
  }

}
