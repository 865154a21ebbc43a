package io.opendms.engine.delivery;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of a {@link ParallelDelivery}, driving one {@link ChangeDelivery} of the target: the
 * apply thread fills a buffer of changes ({@code ParallelApplyBufferSize} of them) and hands it
 * over into a queue of at most {@code ParallelApplyQueuesPerThread} buffers, blocking while the
 * queue is full. The thread hands each change to its delivery in the order received, telling it
 * first of the source transaction the change belongs to. After a failure it drops whatever comes
 * and answers every flush with the first failure of the whole parallel delivery.
 */
final class DeliveryWorker {
  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

  /**
   * A change and the transaction it belongs to (null when no transaction was begun); with {@code
   * followOnly} a DDL the delivery only learns ({@link ChangeDelivery#followDdl}).
   */
  record Item(Begin begin, DataChange change, boolean followOnly) {
    Item(Begin begin, DataChange change) {
      this(begin, change, false);
    }
  }

  /** What the thread takes from its queue. */
  private sealed interface Step permits Changes, Flush, Stop {}

  private record Changes(List<Item> items) implements Step {}

  private record Flush(CompletableFuture<Long> done) implements Step {}

  private record Stop() implements Step {}

  private final ChangeDelivery delivery;
  private final int bufferSize;
  private final BlockingQueue<Step> queue;
  private final AtomicReference<RuntimeException> firstFailure;
  private final Thread thread;
  private List<Item> filling;
  /** The transaction the delivery was last told of; the worker thread's. */
  private Begin told;
  private volatile boolean failed;
  private boolean started;

  DeliveryWorker(ChangeDelivery delivery, String name, int bufferSize, int queuedBuffers,
      AtomicReference<RuntimeException> firstFailure) {
    this.delivery = delivery;
    this.bufferSize = bufferSize;
    this.queue = new ArrayBlockingQueue<>(queuedBuffers + 1); // + 1: room for a flush or stop
    this.firstFailure = firstFailure;
    this.filling = new ArrayList<>(bufferSize);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    started = true;
    thread.start();
  }

  /** Apply thread: adds a change to the buffer, handing the buffer over when it is full. */
  void add(Item item) {
    filling.add(item);
    if (filling.size() >= bufferSize) {
      handOver();
    }
  }

  /**
   * Apply thread: hands over what is buffered and asks the delivery to flush once it has
   * delivered it; the future completes with the rows the flush counted, or the first failure.
   */
  CompletableFuture<Long> requestFlush() {
    handOver();
    CompletableFuture<Long> done = new CompletableFuture<>();
    put(new Flush(done));
    return done;
  }

  private void handOver() {
    if (!filling.isEmpty()) {
      put(new Changes(filling));
      filling = new ArrayList<>(bufferSize);
    }
  }

  private void put(Step step) {
    try {
      queue.put(step);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenDmsException(ErrorCode.INTERNAL, "interrupted while handing changes to "
          + thread.getName(), e);
    }
  }

  private void run() {
    try {
      while (true) {
        Step step = queue.take();
        if (step instanceof Stop) {
          return;
        }
        if (step instanceof Flush flush) {
          flush(flush.done());
        } else if (!failed) { // else dropped: the engine restarts from the stored position
          deliver(((Changes) step).items());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      delivery.close();
    }
  }

  private void flush(CompletableFuture<Long> done) {
    if (!failed) {
      try {
        done.complete(delivery.flush());
        return;
      } catch (Throwable e) {
        fail(e);
      }
    }
    done.completeExceptionally(firstFailure.get());
  }

  private void deliver(List<Item> items) {
    try {
      for (Item item : items) {
        if (item.begin() != null && item.begin() != told) {
          delivery.begin(item.begin());
          told = item.begin();
        }
        if (item.change() instanceof SchemaChange ddl && item.followOnly()) {
          delivery.followDdl(ddl);
        } else if (item.change() instanceof SchemaChange ddl) {
          delivery.applyDdl(ddl);
        } else {
          delivery.deliver(item.change());
        }
      }
    } catch (Throwable e) {
      fail(e);
    }
  }

  /** Any failure, even an Error, is kept for the apply thread: a thread that died would hang it. */
  private void fail(Throwable e) {
    RuntimeException failure = e instanceof RuntimeException runtime ? runtime
        : new OpenDmsException(ErrorCode.INTERNAL, thread.getName() + " failed: " + e, e);
    failed = true;
    if (!firstFailure.compareAndSet(null, failure)) {
      log.warn("{}: delivery failed after another thread's failure: {}", thread.getName(),
          e.toString());
    }
  }

  /** Apply thread: drops what is queued and tells the thread to stop and close its delivery. */
  void requestStop() {
    filling = new ArrayList<>();
    if (!started) {
      delivery.close();
      return;
    }
    queue.clear();
    if (!queue.offer(new Stop())) {
      thread.interrupt();
    }
  }

  /**
   * Apply thread, after {@link #requestStop()}: waits until {@code deadline} ({@link
   * System#nanoTime()}) for a delivery call in progress to end, then interrupts it. Never throws.
   */
  void awaitStopped(long deadline) {
    try {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("{} did not stop; left to end as a daemon thread", thread.getName());
    }
  }
}
