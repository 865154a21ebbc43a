package io.opendms.engine.validation;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The units of work of one validation, to which a unit being worked on may add more (the ranges
 * whose digests differ, to be compared row by row): a worker asking for the next unit waits while
 * the queue is empty but some unit is still being worked on. Thread-safe.
 *
 * @param <T> a unit of work
 */
final class WorkQueue<T> {
  private final Queue<T> waiting = new ArrayDeque<>();
  /** Units added and not yet {@link #done}: waiting or being worked on. */
  private int unfinished;

  synchronized void add(T unit) {
    waiting.add(unit);
    unfinished++;
    notifyAll();
  }

  /**
   * The next unit, or null once every unit is done. Each unit returned must be passed to {@link
   * #done} once worked on, after the units it adds.
   */
  synchronized T next() throws InterruptedException {
    while (waiting.isEmpty() && unfinished > 0) {
      wait();
    }
    return waiting.poll();
  }

  synchronized void done() {
    unfinished--;
    notifyAll();
  }

  /** Units waiting or being worked on. */
  synchronized int unfinished() {
    return unfinished;
  }

  /** Takes a waiting unit without waiting (to end what no worker took); null when none. */
  synchronized T poll() {
    T unit = waiting.poll();
    if (unit != null) {
      done();
    }
    return unit;
  }
}
