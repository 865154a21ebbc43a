package io.opendms.engine.task;

import io.opendms.engine.cdc.ApplyErrorPolicy;
import io.opendms.engine.cdc.ApplyLoop;
import io.opendms.engine.cdc.CdcCounters;
import io.opendms.engine.cdc.TableHold;
import io.opendms.engine.fullload.FullLoadOptions;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.table.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReloadTables on a task that replicates: loads the asked tables again from a snapshot lined up
 * with the change stream while changes of the other tables go on being applied. The apply loop
 * holds the reloaded tables' changes ({@link TableHold}); a reloading thread takes the snapshot,
 * empties and loads the tables, and hands the hold back to the loop, which applies the held
 * changes committed after the snapshot's point. Requests are durable in the task state before
 * anything happens, and leave it only once the reload and its held changes are committed, so a
 * stop or crash midway reloads those tables again at the next start.
 */
final class LiveReloads {
  private static final Logger log = LoggerFactory.getLogger(LiveReloads.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String taskId;
  private final ChangeSourceConnector source;
  private final TargetConnector target;
  private final FullLoadOptions options;
  private final TaskStateKeeper state;
  private final CdcCounters counters;
  private final ApplyErrorPolicy applyErrors;
  private final Map<TableId, TablePlan> plans = new LinkedHashMap<>();
  private final long holdMemoryBytes;
  private final Path spillDirectory;
  private final Map<TableId, TableStatus> statuses = new ConcurrentHashMap<>();
  private final Set<TableId> suspended = ConcurrentHashMap.newKeySet();
  private volatile ApplyLoop loop;
  private volatile Thread worker;
  private volatile FullLoadRunner runner;
  private volatile boolean detaching;
  private int sequence;

  LiveReloads(String taskId, ChangeSourceConnector source, TargetConnector target,
      FullLoadOptions options, TaskStateKeeper state, CdcCounters counters,
      ApplyErrorPolicy applyErrors, List<TablePlan> plans, long holdMemoryBytes, Path spillDirectory) {
    this.applyErrors = applyErrors;
    this.taskId = taskId;
    this.source = source;
    this.target = target;
    this.options = options.forReload();
    this.state = state;
    this.counters = counters;
    plans.forEach(p -> this.plans.put(p.source().id(), p));
    this.holdMemoryBytes = holdMemoryBytes;
    this.spillDirectory = spillDirectory;
  }

  /**
   * Records the request durably; the tables load once the task applies changes (at once when it
   * does already). Any thread.
   */
  void request(List<TableId> sources) {
    state.reloadRequested(sources);
    log.info("task {}: reload of {} requested", taskId, sources);
  }

  /** The reload status of each table reloaded or reloading in this run, by source table. */
  Map<TableId, TableStatus> statuses() {
    Map<TableId, TableStatus> now = new LinkedHashMap<>(statuses);
    FullLoadRunner current = runner;
    if (current != null) {
      current.status().forEach(s -> now.put(s.plan().source().id(), s.asReload()));
    }
    return now;
  }

  /**
   * Starts serving reloads for an apply loop that has not run yet (coordinating thread). Tables
   * pending from before are held from the loop's first event: an earlier, interrupted reload may
   * have left them holding rows the replayed changes would collide with.
   */
  void attach(ApplyLoop applyLoop) {
    loop = applyLoop;
    detaching = false;
    TableHold first = null;
    List<TablePlan> pending = pendingPlans();
    if (!pending.isEmpty()) {
      first = newHold(pending);
      applyLoop.hold(first);
    }
    TableHold initial = first;
    Thread thread = new Thread(() -> serve(initial, pending), "reload-" + taskId);
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  /** Stops the reload in progress and the thread (coordinating thread, after the loop ended). */
  void detach() {
    detaching = true;
    FullLoadRunner current = runner;
    if (current != null) {
      current.stop();
    }
    Thread thread = worker;
    if (thread != null) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker = null;
  }

  private void serve(TableHold first, List<TablePlan> firstPlans) {
    TableHold hold = first;
    List<TablePlan> batch = firstPlans;
    try {
      while (!detaching) {
        if (hold == null) {
          batch = pendingPlans();
          if (batch.isEmpty()) {
            Thread.sleep(POLL.toMillis());
            continue;
          }
          hold = newHold(batch);
          loop.hold(hold);
        }
        try {
          if (!reload(hold, batch)) {
            suspend(batch, "it did not complete");
          }
        } catch (RuntimeException e) {
          hold.abandon();
          suspend(batch, e.getMessage());
          log.debug("reload failure", e);
        }
        hold.close();
        hold = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (hold != null) {
        hold.abandon();
        hold.close();
      }
    }
  }

  /** A failed reload leaves its tables suspended for the rest of this run, still pending. */
  private void suspend(List<TablePlan> batch, String reason) {
    List<TableId> sources = batch.stream().map(p -> p.source().id()).toList();
    suspended.addAll(sources);
    if (!detaching) {
      log.error("task {}: reload of {} failed: {}; their changes are not applied and they load"
          + " again when the task starts again", taskId, sources, reason);
    }
  }

  /** Loads one batch; true when it and its held changes are committed. */
  private boolean reload(TableHold hold, List<TablePlan> batch) throws InterruptedException {
    while (!hold.awaitHolding(POLL)) {
      if (detaching) {
        hold.abandon();
        return false;
      }
    }
    Set<TableId> sources = batch.stream().map(p -> p.source().id()).collect(Collectors.toSet());
    SnapshotSession snapshot = source.openStreamAlignedSnapshot();
    SourcePosition point = snapshot.position().orElseThrow(() -> new IllegalStateException(
        "the source gave a reload snapshot without position"));
    log.info("task {}: reloading {} from a snapshot at {}", taskId, sources, point.format());
    counters.forget(hold.targets());
    // the held changes of the stream's start are replayed to tables resumed range by range
    FullLoadRunner load = new FullLoadRunner(source, target, options, batch, state::record,
        () -> snapshot, state).replayingChanges();
    runner = load;
    if (detaching) {
      load.stop();
    }
    List<TableStatus> loaded;
    try {
      loaded = load.run();
    } finally {
      snapshot.close(); // the runner closes it only when it got as far as reading
    }
    loaded.forEach(s -> statuses.put(s.plan().source().id(), s.asReload()));
    runner = null;
    if (!loaded.stream().allMatch(s -> s.state() == TableState.TABLE_COMPLETED)) {
      hold.abandon();
      return false;
    }
    // tables resumed range by range hold partitions of the stream's start: replay from there
    Set<TableId> reconciled = load.resumedByRanges().stream().map(p -> p.target().id())
        .collect(Collectors.toSet());
    applyErrors.reconciling(reconciled);
    try {
      hold.loaded(point, reconciled);
      while (!hold.isReleased()) {
        if (detaching) {
          return false;
        }
        Thread.sleep(POLL.toMillis() / 4);
      }
    } finally {
      applyErrors.reconciled(reconciled);
    }
    state.reloadDone(sources);
    log.info("task {}: reload of {} complete; their changes since {} applied{}", taskId, sources,
        point.format(), reconciled.isEmpty() ? "" : ", and those before it replayed idempotently to "
        + reconciled + ", which kept partitions loaded before");
    reloadWhereRowsWereNotRebuilt(applyErrors.takeUnrebuilt(reconciled));
    return true;
  }

  /**
   * A table whose replay met rows it could not rebuild (an update lacking unchanged TOASTed values
   * found no row: an update may have moved the row into a partition kept) loads again, whole: its
   * target may miss rows. Rarely needed, and a false alarm (the row was deleted later) only costs
   * the reload.
   */
  private void reloadWhereRowsWereNotRebuilt(Map<TableId, Long> unrebuilt) {
    if (unrebuilt.isEmpty()) {
      return;
    }
    List<TableId> sources = plans.values().stream()
        .filter(p -> unrebuilt.containsKey(p.target().id())).map(p -> p.source().id()).toList();
    log.warn("task {}: {} replayed update(s) without their unchanged TOASTed values found no row"
        + " ({}): the row may be missing, so {} load(s) again whole", taskId,
        unrebuilt.values().stream().mapToLong(Long::longValue).sum(), unrebuilt, sources);
    request(sources);
  }

  private List<TablePlan> pendingPlans() {
    List<TablePlan> pending = new ArrayList<>();
    for (TableId id : state.pendingReloads()) {
      TablePlan plan = plans.get(id);
      if (plan != null && !suspended.contains(id)) {
        pending.add(plan);
      }
    }
    return pending;
  }

  private TableHold newHold(List<TablePlan> batch) {
    Set<TableId> targets = batch.stream().map(p -> p.target().id()).collect(Collectors.toSet());
    return new TableHold(targets, holdMemoryBytes, spillDirectory.resolve("reload-" + (++sequence)));
  }
}
