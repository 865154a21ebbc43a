package io.opendms.engine.validation;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import io.opendms.spi.validation.ComparisonSession;
import io.opendms.spi.validation.KeySpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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

  private record Work(TableRun table, KeySpan span) {}

  private final ComparableEndpoint source;
  private final ComparableEndpoint target;
  private final ValidationOptions options;
  private final Map<TableId, TableComparison> comparisons = new ConcurrentHashMap<>();
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
    var verdicts = new ArrayList<TableVerdict>();
    var runs = new ArrayList<TableRun>();
    var queue = new ConcurrentLinkedQueue<Work>();
    try (ComparisonSession sourceSession = source.openComparison();
        ComparisonSession targetSession = target.openComparison()) {
      var planner = new ComparisonPlanner(options.skipLobColumns());
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
          List<KeySpan> spans = spans(comparison, sourceSession);
          TableRun run = new TableRun(comparison, spans.size(), options.partitionSize(),
              options.tableFailureMaxCount(), Duration.ofNanos(System.nanoTime() - planStart));
          if (!quiet) {
            log.info("{}: validating {} key range(s), {}", comparison, spans.size(),
                comparison.method());
          }
          comparisons.put(id, comparison);
          runs.add(run);
          verdicts.add(null); // filled in when its ranges are done
          spans.forEach(span -> queue.add(new Work(run, span)));
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

  private void runWorkers(ConcurrentLinkedQueue<Work> queue) {
    int count = Math.min(options.threadCount(), queue.size());
    var workers = new ArrayList<Thread>();
    for (int i = 0; i < count; i++) {
      Thread worker = new Thread(() -> work(queue), "validate-" + (i + 1));
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
    // what no worker could take (every connection failed) ends the tables as errors
    for (Work left = queue.poll(); left != null; left = queue.poll()) {
      left.table().failed("no comparison connection could be opened");
    }
  }

  private void work(ConcurrentLinkedQueue<Work> queue) {
    ComparisonSession sourceSession = null;
    ComparisonSession targetSession = null;
    try {
      sourceSession = source.openComparison();
      targetSession = target.openComparison();
      for (Work work = queue.poll(); work != null; work = queue.poll()) {
        compare(work, sourceSession, targetSession);
      }
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

  private void compare(Work work, ComparisonSession sourceSession, ComparisonSession targetSession) {
    TableRun table = work.table();
    if (stopping) {
      table.suspend("the task was stopped");
    } else if (suspendAll != null) {
      table.suspend(suspendAll);
    }
    if (!table.active()) {
      table.skipped();
      return;
    }
    try {
      table.starting();
      int found = table.add(PartitionComparer.compare(table.comparison(), work.span(),
          sourceSession, targetSession));
      if (failures.addAndGet(found) > options.failureMaxCount()) {
        suspendAll = "more than FailureMaxCount (" + options.failureMaxCount()
            + ") failed records in the task";
        table.suspend(suspendAll);
      }
    } catch (OpenDmsException e) {
      log.error("{}: {}", work.span(), e.getMessage());
      table.failed(e.getMessage());
    }
  }
}
