package io.opendms.engine.delivery;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMS {@code ParallelApplyThreads} for a streaming target: one {@link ChangeDelivery} as the
 * engine sees it, spreading the row changes over several deliveries of the target, each driven by
 * a thread of its own ({@link DeliveryWorker}). The guarantees stay those of one delivery:
 *
 * <ul>
 *   <li>every change of one key (target table and primary key values; a table without a key:
 *       the table) goes to the same thread, which delivers them in source order ({@link
 *       KeyRouting}); changes of different keys may reach the target in another order;
 *   <li>a truncation and a DDL wait until every thread has delivered and flushed what it was
 *       given, then run alone on one thread and are flushed: no change of any key can overtake
 *       them or be overtaken by them; the other threads' deliveries learn a DDL ({@link
 *       ChangeDelivery#followDdl}) so that they write the table's later rows with its new
 *       columns;
 *   <li>an update that moves a row to another key goes to the new key's thread; when the old
 *       key's thread is another, that one is flushed first and the update is flushed before
 *       anything else is handed out, so neither key's changes overtake it;
 *   <li>{@link #flush()} returns only once every thread flushed its delivery (the target
 *       acknowledged all it was given), so the position the engine stores after it covers only
 *       acknowledged changes;
 *   <li>the first failure of any thread is thrown on the apply thread, from the next call (at
 *       the latest from {@link #flush()}) with its own code and message (naming the table); the
 *       delivery is then unusable, and the engine restarts from its stored position.
 * </ul>
 *
 * <p>Confined to the engine's apply thread, like any delivery. Each thread tells its delivery of
 * the source transaction of its changes ({@link ChangeDelivery#begin}) before the first one, so a
 * target's transaction details hold the right transaction id; a record number within the
 * transaction counts the changes that one thread delivered.
 */
public final class ParallelDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(ParallelDelivery.class);
  /** How long close() lets delivery calls in progress end before it interrupts them. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final List<DeliveryWorker> workers;
  private final KeyRouting routing;
  /** The first failure of any thread or of waiting for them; once set, every call throws it. */
  private final AtomicReference<RuntimeException> firstFailure;
  private Begin begin;
  /** Rows counted by the flushes of barriers since the last {@link #flush()}. */
  private long barrierRows;

  /**
   * Opens {@code settings.threads()} deliveries with {@code open} (each on its own connection)
   * and starts a thread for each; closes those already opened when one fails to open.
   */
  public static ParallelDelivery open(ApplyRequest request, ParallelApply settings,
      Supplier<ChangeDelivery> open) {
    if (settings.threads() < 1) {
      throw new IllegalArgumentException("parallel apply needs at least one thread");
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<DeliveryWorker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < settings.threads(); i++) {
        workers.add(new DeliveryWorker(open.get(), "apply-" + request.taskId() + "-" + (i + 1),
            settings.bufferSize(), settings.queuesPerThread(), failure));
      }
    } catch (RuntimeException e) {
      workers.forEach(DeliveryWorker::requestStop); // none started: each closes its delivery
      throw e;
    }
    ParallelDelivery delivery =
        new ParallelDelivery(workers, new KeyRouting(request.tables(), workers.size()), failure);
    workers.forEach(DeliveryWorker::start);
    log.info("task {}: delivering changes on {} parallel apply threads (ParallelApplyThreads),"
        + " in buffers of {} changes, at most {} waiting per thread", request.taskId(),
        settings.threads(), settings.bufferSize(), settings.queuesPerThread());
    return delivery;
  }

  private ParallelDelivery(List<DeliveryWorker> workers, KeyRouting routing,
      AtomicReference<RuntimeException> failure) {
    this.workers = workers;
    this.routing = routing;
    this.firstFailure = failure;
  }

  @Override
  public void begin(Begin begin) {
    requireUsable();
    this.begin = begin;
  }

  @Override
  public void deliver(DataChange change) {
    requireUsable();
    if (change instanceof RowChange row) {
      int lane = routing.lane(row);
      int previous = routing.changesKey(row) ? routing.previousLane(row) : lane;
      if (previous == lane) {
        workers.get(lane).add(new DeliveryWorker.Item(begin, row));
      } else {
        moveKey(row, previous, lane);
      }
      return;
    }
    alone(change);
  }

  /**
   * An update that moves a row to a key of another lane: after the old key's lane flushed (its
   * earlier changes are on the target), on the new key's lane, flushed before anything else is
   * handed out (a later change of the old key, in the old lane, cannot overtake it). The other
   * lanes hold neither key and go on.
   */
  private void moveKey(RowChange row, int previous, int lane) {
    barrierRows += await(List.of(workers.get(previous).requestFlush()));
    workers.get(lane).add(new DeliveryWorker.Item(begin, row));
    barrierRows += await(List.of(workers.get(lane).requestFlush()));
  }

  /** Applied by the first thread's delivery, learnt by the others' ({@link ChangeDelivery#followDdl}). */
  @Override
  public void applyDdl(SchemaChange change) {
    requireUsable();
    barrierRows += flushAll();
    for (int i = 0; i < workers.size(); i++) {
      workers.get(i).add(new DeliveryWorker.Item(begin, change, i > 0));
    }
    barrierRows += flushAll();
    routing.follow(change);
  }

  /** A change no other may overtake: after every thread flushed, on the first one, flushed. */
  private void alone(DataChange change) {
    barrierRows += flushAll();
    DeliveryWorker first = workers.get(0);
    first.add(new DeliveryWorker.Item(begin, change));
    barrierRows += await(List.of(first.requestFlush()));
  }

  @Override
  public long flush() {
    requireUsable();
    long rows = barrierRows + flushAll();
    barrierRows = 0;
    return rows;
  }

  private long flushAll() {
    List<CompletableFuture<Long>> flushes = new ArrayList<>();
    for (DeliveryWorker worker : workers) {
      flushes.add(worker.requestFlush());
    }
    return await(flushes);
  }

  private long await(List<CompletableFuture<Long>> flushes) {
    long rows = 0;
    try {
      for (CompletableFuture<Long> flush : flushes) {
        rows += flush.get();
      }
    } catch (ExecutionException e) {
      throw rethrown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      firstFailure.compareAndSet(null, new OpenDmsException(ErrorCode.INTERNAL, "interrupted"
          + " while waiting for " + workers.size() + " parallel apply threads to flush", e));
      throw rethrown();
    }
    return rows;
  }

  private void requireUsable() {
    if (firstFailure.get() != null) {
      throw rethrown();
    }
  }

  /** The first failure, thrown here with its code and message, the original as the cause. */
  private RuntimeException rethrown() {
    RuntimeException first = firstFailure.get();
    if (first instanceof OpenDmsException known) {
      return new OpenDmsException(known.code(), known.getMessage(), known);
    }
    return new OpenDmsException(ErrorCode.INTERNAL, "a parallel apply thread failed: " + first,
        first);
  }

  /** Stops the threads (each closes its delivery), dropping what was not flushed. */
  @Override
  public void close() {
    workers.forEach(DeliveryWorker::requestStop);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    workers.forEach(worker -> worker.awaitStopped(deadline));
  }
}
