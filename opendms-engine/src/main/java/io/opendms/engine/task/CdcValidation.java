package io.opendms.engine.task;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.ValidationSection;
import io.opendms.engine.validation.ChangedKeys;
import io.opendms.engine.validation.MismatchWriter;
import io.opendms.engine.validation.PendingMismatches;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationOptions;
import io.opendms.engine.validation.ValidationRunner;
import io.opendms.engine.validation.ValidationState;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.engine.validation.ValidationTables;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation of a task with CDC, on a thread of its own while changes are applied. Once the apply
 * has caught up (the full load done, no captured change waiting), every table is compared whole;
 * from then on only what changed is compared again: the keys the apply path applied since their
 * rows were compared ({@link ChangedKeys}, or the key ranges holding them when too many piled up),
 * once the target committed them, ValidationQueryCdcDelaySeconds passed and the apply caught up
 * again, plus the rows still pending. A row that differs is pending until a later check finds it
 * equal; one that still differs after RecordFailureDelayLimitInMinutes (or, when that is 0,
 * RecordFailureDelayInMinutes) is a failure, recorded once in awsdms_validation_failures_v1.
 */
final class CdcValidation {
  private static final Logger log = LoggerFactory.getLogger(CdcValidation.class);
  /** Pause between passes; a system property shortens it for tests. */
  private static final Duration INTERVAL =
      Duration.ofMillis(Long.getLong("opendms.validation.cdc.interval.millis", 5000));
  private static final Duration POLL = Duration.ofMillis(250);
  /**
   * Changed keys remembered per table before falling back to key ranges: about 100 bytes each,
   * so at most some 10 MB per table.
   */
  private static final int MAX_KEYS_PER_TABLE =
      Integer.getInteger("opendms.validation.cdc.max.keys", 100_000);

  private final TaskDefinition definition;
  private final ConnectorRegistry connectors;
  private final List<TablePlan> plans;
  private final TaskStateKeeper state;
  private final BooleanSupplier caughtUp;
  private final Map<TableId, ValidationStatus> live = new ConcurrentHashMap<>();
  private final Map<TableId, TableVerdict> last = new ConcurrentHashMap<>();
  private final PendingMismatches pending;
  private final ChangedKeys changed;
  private final Duration queryDelay;
  private volatile boolean stopping;
  private volatile ValidationRunner runner;
  private Thread thread;

  /**
   * @param caughtUp whether the target holds every change captured so far, so that a difference
   *     is more than a change in flight
   */
  CdcValidation(TaskDefinition definition, ConnectorRegistry connectors, List<TablePlan> plans,
      TaskStateKeeper state, BooleanSupplier caughtUp) {
    this.definition = definition;
    this.connectors = connectors;
    this.plans = plans;
    this.state = state;
    this.caughtUp = caughtUp;
    SettingValues settings = definition.settings().section(ValidationSection.GROUP.name());
    this.pending = new PendingMismatches(failureDelay(settings), Clock.systemUTC());
    this.queryDelay =
        Duration.ofSeconds(settings.get(ValidationSection.VALIDATION_QUERY_CDC_DELAY_SECONDS));
    this.changed = new ChangedKeys(keyPositions(plans), MAX_KEYS_PER_TABLE, Clock.systemUTC());
  }

  /** Where the apply path reports the changes it applied and committed. */
  ChangedKeys changedKeys() {
    return changed;
  }

  private static Map<TableId, int[]> keyPositions(List<TablePlan> plans) {
    var positions = new HashMap<TableId, int[]>();
    for (TablePlan plan : plans) {
      TableDefinition table = plan.source();
      if (table.hasPrimaryKey()) {
        List<String> names = table.columns().stream().map(Column::name).toList();
        positions.put(table.id(),
            table.primaryKey().stream().mapToInt(names::indexOf).toArray());
      }
    }
    return positions;
  }

  private static Duration failureDelay(SettingValues settings) {
    int limit = settings.get(ValidationSection.RECORD_FAILURE_DELAY_LIMIT_IN_MINUTES);
    return Duration.ofMinutes(limit > 0 ? limit
        : settings.get(ValidationSection.RECORD_FAILURE_DELAY_IN_MINUTES));
  }

  void start(SourceConnector source) {
    plans.forEach(plan -> live.put(plan.source().id(), ValidationStatus.pending(
        plan.source().estimatedRows())));
    thread = new Thread(() -> loop(source), "validate-cdc-" + definition.taskId());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after the pass under way; returns the last pass's verdicts with their counters. */
  List<TableVerdict> stop() {
    stopping = true;
    ValidationRunner current = runner;
    if (current != null) {
      current.stop();
    }
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return plans.stream().map(plan -> last.get(plan.source().id())).filter(v -> v != null)
        .toList();
  }

  Map<TableId, ValidationStatus> status() {
    return Map.copyOf(live);
  }

  private void loop(SourceConnector source) {
    try (SourceConnector target =
        connectors.source(definition.target().engine()).open(definition.target())) {
      ValidationOptions options = ValidationOptions.from(definition.settings());
      var logged = new HashMap<TableId, ValidationState>();
      boolean compared = false;
      while (!stopping) {
        if (!caughtUp.getAsBoolean()) {
          pause(POLL);
          continue;
        }
        // looked up on each pass: the target tables appear with the full load
        ValidationTables tables = ValidationTables.of(source, target, plans);
        ValidationRunner current =
            new ValidationRunner(tables.source(), tables.target(), options).quietly();
        runner = current;
        List<TableVerdict> verdicts;
        if (!compared) {
          changed.startWholeComparison();
          verdicts = current.validate(tables.pairs());
        } else {
          Map<TableId, ValidationRunner.Recheck> rechecks = new HashMap<>();
          List<ValidationRunner.TablePair> due = due(tables.pairs(), rechecks);
          if (due.isEmpty()) {
            pause(INTERVAL);
            continue;
          }
          verdicts = current.validate(due, rechecks);
        }
        if (stopping) {
          break; // a stopped pass skipped ranges: its verdicts say nothing
        }
        compared = true;
        tables.pairs().forEach(pair ->
            changed.ranges(pair.source().id(), current.spans(pair.source().id())));
        PendingMismatches.Update update = pending.update(verdicts);
        // failures first: once the task state says a table mismatches, its rows are in the table
        if (!update.newlyFailed().isEmpty()) {
          new MismatchWriter(current, tables.target())
              .recordFailures(definition.taskId(), options.controlSchema(), update.newlyFailed());
        }
        verdicts.stream().map(v -> v.with(pending.status(v.source()))).forEach(verdict -> {
          last.put(verdict.source(), verdict);
          ValidationStatus status = ValidationStatus.of(verdict);
          live.put(verdict.source(), status);
          if (logged.put(verdict.source(), status.state()) != status.state()) {
            log.info("{}: validation during CDC: {} ({} rows, {} pending, {} failed)",
                verdict.source(), status.state(), verdict.rowsCompared(), status.pending(),
                status.failed());
          }
          state.record(verdict.source(), status);
        });
        pause(INTERVAL);
      }
    } catch (OpenDmsException e) {
      log.error("task {}: validation during CDC stopped: {}", definition.taskId(), e.getMessage());
      plans.forEach(plan -> live.put(plan.source().id(),
          new ValidationStatus(ValidationState.ERROR, 0, 0, 0,
              e.getMessage())));
    }
  }

  /**
   * The tables with something to compare again, each with what ({@code rechecks}; none: the
   * whole table): the keys and ranges changed and due, and the keys still pending.
   */
  private List<ValidationRunner.TablePair> due(List<ValidationRunner.TablePair> pairs,
      Map<TableId, ValidationRunner.Recheck> rechecks) {
    var due = new ArrayList<ValidationRunner.TablePair>();
    for (ValidationRunner.TablePair pair : pairs) {
      TableId id = pair.source().id();
      ValidationRunner.Recheck recheck = changed.takeDue(id, queryDelay);
      TableVerdict previous = last.get(id);
      boolean failedBefore = previous != null && (previous.state() == ValidationState.ERROR
          || previous.state() == ValidationState.TABLE_ERROR);
      if (recheck == null || failedBefore) { // compared whole (again)
        due.add(pair);
        continue;
      }
      var keys = new LinkedHashSet<List<Object>>(recheck.keys());
      keys.addAll(pending.keys(id));
      if (!recheck.spans().isEmpty() || !keys.isEmpty()) {
        rechecks.put(id, new ValidationRunner.Recheck(recheck.spans(), new ArrayList<>(keys)));
        due.add(pair);
      }
    }
    return due;
  }

  private void pause(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (!stopping && System.nanoTime() < end) {
      try {
        Thread.sleep(Math.min(POLL.toMillis(), duration.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
