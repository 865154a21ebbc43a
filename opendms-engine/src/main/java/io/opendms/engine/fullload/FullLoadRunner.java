package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads tables from a source to a target: prepares every target table, opens one consistent
 * snapshot of the source, splits tables into partitions and copies up to {@code maxSubTasks}
 * partitions at once, each in its own target transaction, then finishes each table when its last
 * partition is committed.
 *
 * <p>{@link #run} blocks the calling (coordinating) thread, which alone calls the connectors' own
 * methods; worker threads use only their readers and sessions. {@link #stop} may be called from
 * any thread: no new partition starts, running ones are rolled back, unfinished tables end as
 * cancelled.
 *
 * <p>With a {@link RangeLedger}, each committed partition is recorded, and a table of which an
 * earlier run committed some partitions loads only the others when it splits into the same
 * key-span partitions again (see {@link ResumableRanges}).
 */
public final class FullLoadRunner {
  private static final Logger log = LoggerFactory.getLogger(FullLoadRunner.class);

  private final SourceConnector source;
  private final TargetConnector target;
  private final FullLoadOptions options;
  private final Consumer<TableStatus> onTableFinished;
  private final Supplier<SnapshotSession> snapshots;
  private final RangeLedger ledger;
  private final List<TableLoadProgress> tables = new ArrayList<>();
  private final RefusedRows refusedRows;
  private final Set<TableLoadProgress> resumeCandidates = new HashSet<>();
  private final Set<TablePlan> resumedByRanges = ConcurrentHashMap.newKeySet();
  private final Set<TableLoadProgress> replacing = new HashSet<>();
  private boolean changesReplayed;
  private volatile boolean stopping;
  private int failedTables;

  /**
   * @param onTableFinished called on the coordinating thread each time a table completes, fails
   *     or is cancelled: where the caller records durable state
   */
  public FullLoadRunner(
      SourceConnector source,
      TargetConnector target,
      FullLoadOptions options,
      List<TablePlan> plans,
      Consumer<TableStatus> onTableFinished) {
    this(source, target, options, plans, onTableFinished,
        () -> source.openSnapshot(options.maxSubTasks()));
  }

  /**
   * @param ledger records committed partitions and tells those of earlier runs
   */
  public FullLoadRunner(
      SourceConnector source,
      TargetConnector target,
      FullLoadOptions options,
      List<TablePlan> plans,
      Consumer<TableStatus> onTableFinished,
      RangeLedger ledger) {
    this(source, target, options, plans, onTableFinished,
        () -> source.openSnapshot(options.maxSubTasks()), ledger);
  }

  /**
   * @param snapshots opens the snapshot every table is read in, once; the runner closes it (for
   *     full load followed by CDC: the snapshot of the replication slot's start point)
   */
  public FullLoadRunner(
      SourceConnector source,
      TargetConnector target,
      FullLoadOptions options,
      List<TablePlan> plans,
      Consumer<TableStatus> onTableFinished,
      Supplier<SnapshotSession> snapshots) {
    this(source, target, options, plans, onTableFinished, snapshots, RangeLedger.NONE);
  }

  /**
   * @param ledger records committed partitions and tells those of earlier runs
   */
  public FullLoadRunner(
      SourceConnector source,
      TargetConnector target,
      FullLoadOptions options,
      List<TablePlan> plans,
      Consumer<TableStatus> onTableFinished,
      Supplier<SnapshotSession> snapshots,
      RangeLedger ledger) {
    this.snapshots = snapshots;
    this.ledger = ledger;
    this.source = source;
    this.target = target;
    this.options = options;
    this.refusedRows = options.refusedRows().map(RefusedRows::new).orElse(null);
    this.onTableFinished = onTableFinished;
    plans.forEach(plan -> tables.add(new TableLoadProgress(plan)));
  }

  /** Current status of every table, in plan order; safe from any thread. */
  public List<TableStatus> status() {
    return tables.stream().map(TableLoadProgress::status).toList();
  }

  /**
   * The tables that kept the partitions an earlier run committed and loaded only the others;
   * their rows are of two snapshots until the changes between them are replayed.
   */
  public Set<TablePlan> resumedByRanges() {
    return Set.copyOf(resumedByRanges);
  }

  /**
   * Tells the runner that the changes since an earlier run's snapshot are replayed after this load
   * ({@link #resumedByRanges()}): block-range partitions of that run may then be kept. Before
   * {@link #run}.
   */
  public FullLoadRunner replayingChanges() {
    changesReplayed = true;
    return this;
  }

  /** Asks the load to stop; returns at once. */
  public void stop() {
    stopping = true;
  }

  /** Runs the full load to its end; returns the final status of every table. */
  public List<TableStatus> run() {
    List<TableLoadProgress> prepared = prepareTargets();
    if (!prepared.isEmpty() && !stopping) {
      try (SnapshotSession snapshot = snapshots.get()) {
        log.info("full load snapshot opened at {}", snapshot.position().map(Object::toString).orElse("(position unknown)"));
        List<PartitionJob> jobs = planPartitions(snapshot, prepared);
        runJobs(snapshot, jobs);
      }
    }
    for (TableLoadProgress table : tables) {
      if (!table.status().state().isFinal()) {
        table.cancelled();
        onTableFinished.accept(table.status());
      }
    }
    return status();
  }

  private List<TableLoadProgress> prepareTargets() {
    var prepared = new ArrayList<TableLoadProgress>();
    for (TableLoadProgress table : tables) {
      if (stopping) {
        break;
      }
      try {
        if (ledger.completed(table.plan()).isEmpty()) {
          ledger.restarted(table.plan());
          target.prepare(table.plan().target(), options.preparation());
        } else {
          // its committed partitions stay; prepared in planPartitions if they cannot
          resumeCandidates.add(table);
        }
        prepared.add(table);
      } catch (RuntimeException e) {
        fail(table, "cannot prepare target table: " + message(e), e);
      }
    }
    return prepared;
  }

  private List<PartitionJob> planPartitions(SnapshotSession snapshot, List<TableLoadProgress> prepared) {
    var jobs = new ArrayList<PartitionJob>();
    Set<NativeFormat> exportable = snapshot.exportFormats();
    for (TableLoadProgress table : prepared) {
      try {
        List<TablePartition> partitions =
            TablePartitions.of(table.plan(), snapshot, options.maxPartitionsPerTable());
        LoadPath path = choosePath(table.plan(), exportable);
        if (resumeCandidates.contains(table)) {
          partitions = resumeOrRestart(table, partitions);
        }
        table.planned(partitions.size(), path);
        log.info("{}: {} partition(s), {}", table.plan(), partitions.size(), path);
        boolean replaces = replacing.contains(table);
        partitions.forEach(partition -> jobs.add(new PartitionJob(table, partition, replaces)));
        if (partitions.isEmpty()) {
          finish(table); // every partition committed before, only the table's end was not recorded
        }
      } catch (RuntimeException e) {
        fail(table, "cannot plan the load: " + message(e), e);
      }
    }
    return jobs;
  }

  /**
   * The partitions left to load of a table an earlier run loaded in part, their key spans cleared
   * on the target (a partition may have committed without being recorded) or, for block ranges,
   * loaded replacing rows by key; or, when its partitions cannot be kept, all of them, the table
   * prepared to load whole.
   */
  private List<TablePartition> resumeOrRestart(TableLoadProgress table, List<TablePartition> planned) {
    TablePlan plan = table.plan();
    List<CompletedRange> completed = ledger.completed(plan);
    try (TargetSession session = target.openSession()) {
      ResumableRanges ranges = ResumableRanges.of(plan, planned, completed,
          new BlockRangeResume.Context(changesReplayed, session.replacesRowsByKey()));
      if (ranges.whyNot().isPresent()) {
        log.info("{}: loads whole again ({} of its partitions committed before): {}", plan,
            completed.size(), ranges.whyNot().get());
        ledger.restarted(plan);
        target.prepare(plan.target(), options.preparation());
        return planned;
      }
      String cleared;
      if (ranges.replacing()) {
        replacing.add(table);
        cleared = "replacing rows of the same key on the target";
      } else {
        long deleted = 0;
        for (TablePartition partition : ranges.remaining()) {
          deleted += session.deleteKeySpan(plan.target(), partition.bounds());
        }
        cleared = deleted + " row(s) of them cleared on the target";
      }
      table.addRows(ranges.keptRows());
      resumedByRanges.add(plan);
      log.info("{}: resumes range by range: {} of {} partition(s) committed before and kept ({} rows),"
          + " {} to load ({})", plan, completed.size(), completed.size() + ranges.remaining().size(),
          ranges.keptRows(), ranges.remaining().size(), cleared);
      return ranges.remaining();
    }
  }

  private LoadPath choosePath(TablePlan plan, Set<NativeFormat> exportable) {
    if (!options.allowNativeFormats() || !plan.columnsUnchanged()) {
      return LoadPath.decoded();
    }
    return target.importFormats(plan.target()).stream()
        .filter(exportable::contains)
        .findFirst()
        .map(LoadPath::of)
        .orElse(LoadPath.decoded());
  }

  private void runJobs(SnapshotSession snapshot, List<PartitionJob> jobs) {
    var queue = new ConcurrentLinkedQueue<>(jobs);
    var outcomes = new LinkedBlockingQueue<JobOutcome>();
    int workerCount = Math.min(options.maxSubTasks(), jobs.size());
    var workers = new ArrayList<Thread>();
    for (int i = 0; i < workerCount; i++) {
      Thread worker = new Thread(new PartitionWorker(snapshot,
          () -> target.openSession(options.rowsPerRequest()), queue, outcomes, () -> stopping,
          this::stop, refusedRows), "load-" + (i + 1));
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    for (int done = 0; done < jobs.size(); done++) {
      handle(takeOutcome(outcomes));
    }
    for (Thread worker : workers) {
      joinQuietly(worker);
    }
  }

  private void handle(JobOutcome outcome) {
    TableLoadProgress table = outcome.job().table();
    if (outcome.failure() != null) {
      fail(table, outcome.job() + ": " + message(outcome.failure()), outcome.failure());
      if (outcome.failure() instanceof RefusedRows.TableStopped stopped && stopped.stopTask()) {
        log.error("stopping the full load: a refused row's ErrorBehavior policy is STOP_TASK");
        stop();
      }
    } else if (!outcome.skipped() && !table.hasFailed()) {
      ledger.committed(table.plan(), outcome.job().partition(), outcome.rows());
      if (table.partitionCommitted()) {
        finish(table);
      }
    }
  }

  /** Every partition of the table is committed: the target table is finished. */
  private void finish(TableLoadProgress table) {
    try {
      target.complete(table.plan().target(), options.preparation());
      table.completed();
      log.info("{}: completed, {} rows in {} s", table.plan(), table.status().rows(),
          table.status().elapsed().toMillis() / 1000.0);
      long truncated = table.plan().transform().truncatedLobs();
      if (truncated > 0) {
        log.warn("{}: {} LOB value(s) truncated so far (limited LOB mode, {})", table.plan(),
            truncated, table.plan().transform().lobMode().origin());
      }
      onTableFinished.accept(table.status());
    } catch (RuntimeException e) {
      fail(table, "cannot finish target table: " + message(e), e);
    }
  }

  /** An exception's message, or its class when it has none (a bug's NullPointerException). */
  private static String message(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private void fail(TableLoadProgress table, String reason, Throwable cause) {
    if (table.hasFailed()) {
      return;
    }
    log.error("{}: table failed: {}", table.plan(), reason);
    if (cause != null && cause.getMessage() == null) {
      log.error("{}: the failure had no message; its trace:", table.plan(), cause);
    } else {
      log.debug("{}: failure detail", table.plan(), cause);
    }
    table.failed(reason);
    onTableFinished.accept(table.status());
    failedTables++;
    int limit = options.tableErrorsBeforeStop();
    if (limit > 0 && failedTables >= limit && !stopping) {
      log.error("{} table(s) failed: stopping the full load (ErrorBehavior TableErrorPolicy STOP_TASK"
          + " or TableErrorEscalationCount {})", failedTables, limit);
      stop();
    }
  }

  private static JobOutcome takeOutcome(LinkedBlockingQueue<JobOutcome> outcomes) {
    try {
      return outcomes.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the full load", e);
    }
  }

  private static void joinQuietly(Thread worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
