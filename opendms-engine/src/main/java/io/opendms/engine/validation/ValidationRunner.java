package io.opendms.engine.validation;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.KeyList;
import io.opendms.spi.validation.KeySpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates tables: plans each (columns, digest), cuts it into key ranges of PartitionSize rows
 * at the source's keys, and compares the ranges on ThreadCount worker threads, each with its own
 * source and target session. A table whose failed rows exceed TableFailureMaxCount, or every
 * table once all failures exceed FailureMaxCount, is suspended: its remaining ranges are skipped.
 *
 * <p>{@link #validate} blocks the calling thread; {@link #stop} may be called from any thread.
 */
public final class ValidationRunner {
  private static final Logger log = LoggerFactory.getLogger(ValidationRunner.class);

  /** A source table and the target table it was migrated to, empty when that is missing. */
  public record TablePair(TableDefinition source, Optional<TableDefinition> target) {}

  /**
   * What a re-check compares of a table instead of all of it: whole key ranges (by digest first)
   * and single keys.
   *
   * @param spans key ranges on the source
   * @param keys keys as canonical source values
   */
  public record Recheck(List<KeySpan> spans, List<List<Object>> keys) {
    public Recheck {
      spans = List.copyOf(spans);
      keys = List.copyOf(keys);
    }

    public boolean isEmpty() {
      return spans.isEmpty() && keys.isEmpty();
    }
  }

  /** Keys read by one query per side in a re-check. */
  private static final int KEYS_PER_QUERY = 200;
  /**
   * Consecutive key ranges of a table digested in one pass per side: bounds the time of one
   * query (10,000,000 rows at the default PartitionSize), and lets ThreadCount workers share a
   * larger table.
   */
  private static final int SPANS_PER_PASS = 1000;

  /**
   * One unit of a worker's work: key ranges (several: their digests in one pass per side, the
   * ranges whose digests differ queued again; one: its digests, then its rows when they differ,
   * or its rows at once when {@code digestsDiffer}), or a list of keys.
   */
  private record Work(TableRun table, List<KeySpan> spans, KeyList keys, boolean digestsDiffer) {
    static Work of(TableRun table, List<KeySpan> spans) {
      return new Work(table, List.copyOf(spans), null, false);
    }

    /** How many of the table's units this is: one per range, one for a list of keys. */
    int units() {
      return keys != null ? 1 : spans.size();
    }
  }

  private final ComparableEndpoint source;
  private final ComparableEndpoint target;
  private final ValidationOptions options;
  private final Map<TableId, TableComparison> comparisons = new ConcurrentHashMap<>();
  private final Map<TableId, List<KeySpan>> spansCut = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean stopping;
  private boolean quiet;
  /** Set once FailureMaxCount is passed: why every table's remaining ranges are skipped. */
  private volatile String suspendAll;

  public ValidationRunner(ComparableEndpoint source, ComparableEndpoint target,
      ValidationOptions options) {
    this.source = source;
    this.target = target;
    this.options = options;
  }

  /**
   * Logs each table's plan and verdict at debug rather than info level: for callers that
   * validate again and again (validation during CDC), which log changes themselves.
   */
  public ValidationRunner quietly() {
    quiet = true;
    return this;
  }

  /** Asks a running validation to stop; unfinished tables end suspended. Returns at once. */
  public void stop() {
    stopping = true;
  }

  /** Compares every table; returns a verdict per table, in the given order. */
  public List<TableVerdict> validate(List<TablePair> tables) {
    return validate(tables, Map.of());
  }

  /**
   * Compares the given tables, each entirely unless {@code rechecks} names what to compare of
   * it; returns a verdict per table, in the given order, whose mismatches are those found in
   * what was compared.
   */
  public List<TableVerdict> validate(List<TablePair> tables, Map<TableId, Recheck> rechecks) {
    var verdicts = new ArrayList<TableVerdict>();
    var runs = new ArrayList<TableRun>();
    var queue = new WorkQueue<Work>();
    try (ComparisonSession sourceSession = source.openComparison();
        ComparisonSession targetSession = target.openComparison()) {
      var planner = new ComparisonPlanner(options.skipLobColumns(), options.handleCollationDiff());
      for (TablePair pair : tables) {
        TableId id = pair.source().id();
        TableId targetId = pair.target().map(TableDefinition::id).orElse(id);
        long planStart = System.nanoTime();
        try {
          ComparisonPlanner.Planned planned =
              planner.plan(pair.source(), pair.target(), sourceSession, targetSession);
          if (planned.comparison() == null) {
            verdicts.add(TableVerdict.refused(id, targetId, planned.refused(), planned.reason()));
            continue;
          }
          TableComparison comparison = planned.comparison();
          List<Work> work = new ArrayList<>();
          TableRun run = plannedWork(comparison, rechecks.get(id), sourceSession, work,
              Duration.ofNanos(System.nanoTime() - planStart));
          if (!quiet) {
            log.info("{}: validating {} key range(s), {}", comparison,
                work.stream().mapToInt(Work::units).sum(), comparison.method());
          }
          comparisons.put(id, comparison);
          runs.add(run);
          verdicts.add(null); // filled in when its ranges are done
          work.forEach(queue::add);
        } catch (OpenDmsException e) {
          verdicts.add(TableVerdict.refused(id, targetId, ValidationState.ERROR, e.getMessage()));
        }
      }
    }
    runWorkers(queue);
    var finished = runs.iterator();
    for (int i = 0; i < verdicts.size(); i++) {
      if (verdicts.get(i) == null) {
        TableVerdict verdict = finished.next().verdict();
        if (!quiet) {
          log.info("{}: {} ({} rows, {} failed)", verdict.source(), verdict.state(),
              verdict.rowsCompared(), verdict.failedRecords());
        }
        verdicts.set(i, verdict);
      }
    }
    return verdicts;
  }

  /** The comparison plan of a table validated by this runner; empty for refused tables. */
  Optional<TableComparison> comparison(TableId source) {
    return Optional.ofNullable(comparisons.get(source));
  }

  /**
   * The key ranges this runner cut a table into, to re-check some of them later; empty for
   * tables it did not cut (refused, or re-checked only in part).
   */
  public List<KeySpan> spans(TableId source) {
    return spansCut.getOrDefault(source, List.of());
  }

  /** Adds the table's units of work to {@code work}; returns the table's run to count them. */
  private TableRun plannedWork(TableComparison comparison, Recheck recheck,
      ComparisonSession sourceSession, List<Work> work, Duration planning) {
    List<KeySpan> spans;
    List<List<Object>> keys = List.of();
    if (recheck == null) {
      spans = spans(comparison, sourceSession);
      spansCut.put(comparison.source(), spans);
    } else {
      spans = recheck.spans().stream()
          .map(span -> span.on(comparison.source(), comparison.sourceKey())).toList();
      keys = recheck.keys();
    }
    int units = spans.size() + (keys.size() + KEYS_PER_QUERY - 1) / KEYS_PER_QUERY;
    TableRun run = new TableRun(comparison, units, options.partitionSize(),
        options.tableFailureMaxCount(), planning);
    // a whole table's ranges are consecutive: digested a pass of many at a time
    int perPass = recheck == null && comparison.digest() != null ? SPANS_PER_PASS : 1;
    for (int from = 0; from < spans.size(); from += perPass) {
      work.add(Work.of(run, spans.subList(from, Math.min(spans.size(), from + perPass))));
    }
    for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
      work.add(new Work(run, null, new KeyList(comparison.source(), comparison.sourceKey(),
          keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))), false));
    }
    return run;
  }

  private List<KeySpan> spans(TableComparison comparison, ComparisonSession session) {
    List<List<Object>> cuts =
        session.splitKeys(comparison.source(), comparison.sourceKey(), options.partitionSize());
    var spans = new ArrayList<KeySpan>();
    List<Object> lower = null;
    for (List<Object> cut : cuts) {
      spans.add(new KeySpan(comparison.source(), comparison.sourceKey(), lower, cut));
      lower = cut;
    }
    spans.add(new KeySpan(comparison.source(), comparison.sourceKey(), lower, null));
    return spans;
  }

  private void runWorkers(WorkQueue<Work> queue) {
    ExecutorService targetThreads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "validate-target");
      thread.setDaemon(true);
      return thread;
    });
    try {
      var workers = new Workers(queue, targetThreads);
      workers.grow();
      workers.join();
    } finally {
      targetThreads.shutdown();
    }
    // what no worker could take (every connection failed) ends the tables as errors
    for (Work left = queue.poll(); left != null; left = queue.poll()) {
      for (int i = 0; i < left.units(); i++) {
        left.table().failed("no comparison connection could be opened");
      }
    }
  }

  /** The worker threads, started as units of work wait for them, at most ThreadCount. */
  private final class Workers {
    private final WorkQueue<Work> queue;
    private final Executor targetThreads;
    private final List<Thread> threads = new ArrayList<>();

    Workers(WorkQueue<Work> queue, Executor targetThreads) {
      this.queue = queue;
      this.targetThreads = targetThreads;
    }

    synchronized void grow() {
      int wanted = Math.min(options.threadCount(), queue.unfinished());
      while (threads.size() < wanted) {
        Thread worker = new Thread(() -> work(this), "validate-" + (threads.size() + 1));
        worker.setDaemon(true);
        threads.add(worker);
        worker.start();
      }
    }

    /** Waits for every worker, also those started while waiting. */
    void join() {
      for (int i = 0; ; i++) {
        Thread worker;
        synchronized (this) {
          if (i >= threads.size()) {
            return;
          }
          worker = threads.get(i);
        }
        try {
          worker.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }

  private void work(Workers workers) {
    ComparisonSession sourceSession = null;
    ComparisonSession targetSession = null;
    try {
      sourceSession = source.openComparison();
      targetSession = target.openComparison();
      for (Work work = workers.queue.next(); work != null; work = workers.queue.next()) {
        try {
          compare(work, sourceSession, targetSession, workers);
        } finally {
          workers.queue.done();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    } catch (OpenDmsException e) {
      log.error("validation worker cannot connect: {}", e.getMessage());
    } finally {
      if (sourceSession != null) {
        sourceSession.close();
      }
      if (targetSession != null) {
        targetSession.close();
      }
    }
  }

  private void compare(Work work, ComparisonSession sourceSession, ComparisonSession targetSession,
      Workers workers) {
    TableRun table = work.table();
    if (stopping) {
      table.suspend("the task was stopped");
    } else if (suspendAll != null) {
      table.suspend(suspendAll);
    }
    if (!table.active()) {
      for (int i = 0; i < work.units(); i++) {
        table.skipped();
      }
      return;
    }
    try {
      table.starting();
      if (work.units() > 1) {
        compareDigests(work, sourceSession, targetSession, workers);
        return;
      }
      int found = table.add(work.keys() != null
          ? PartitionComparer.compareKeys(table.comparison(), work.keys(), sourceSession,
              targetSession)
          : work.digestsDiffer()
          ? PartitionComparer.compareRows(table.comparison(), work.spans().get(0), sourceSession,
              targetSession)
          : PartitionComparer.compare(table.comparison(), work.spans().get(0), sourceSession,
              targetSession));
      if (failures.addAndGet(found) > options.failureMaxCount()) {
        suspendAll = "more than FailureMaxCount (" + options.failureMaxCount()
            + ") failed records in the task";
        table.suspend(suspendAll);
      }
    } catch (OpenDmsException e) {
      log.error("{}: {}", work.keys() != null ? work.keys() : work.spans().get(0), e.getMessage());
      for (int i = 0; i < work.units(); i++) {
        table.failed(e.getMessage());
      }
    }
  }

  /** Counts the ranges whose digests match; queues the others to be compared row by row. */
  private void compareDigests(Work work, ComparisonSession sourceSession,
      ComparisonSession targetSession, Workers workers) {
    List<PartitionComparer.Result> matched = PartitionComparer.matchDigests(
        work.table().comparison(), work.spans(), sourceSession, targetSession,
        workers.targetThreads);
    for (int i = 0; i < matched.size(); i++) {
      if (matched.get(i) != null) {
        work.table().add(matched.get(i));
      } else {
        workers.queue.add(new Work(work.table(), List.of(work.spans().get(i)), null, true));
      }
    }
    workers.grow();
  }
}
