package io.opendms.engine.task;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.ValidationSection;
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
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation of a task with CDC, on a thread of its own while changes are applied: whenever the
 * apply has caught up (the full load done, no captured change waiting), every table is validated
 * again; a pass is cheap where the ranges' digests match, so the ranges holding rows changed since
 * the last pass are the ones compared row by row. A row that differs is pending until a later pass
 * finds it equal; one that still differs after RecordFailureDelayLimitInMinutes (or, when that is
 * 0, RecordFailureDelayInMinutes) is a failure, recorded once in awsdms_validation_failures_v1.
 */
final class CdcValidation {
  private static final Logger log = LoggerFactory.getLogger(CdcValidation.class);
  /** Pause between passes; a system property shortens it for tests. */
  private static final Duration INTERVAL =
      Duration.ofMillis(Long.getLong("opendms.validation.cdc.interval.millis", 5000));
  private static final Duration POLL = Duration.ofMillis(250);

  private final TaskDefinition definition;
  private final ConnectorRegistry connectors;
  private final List<TablePlan> plans;
  private final TaskStateKeeper state;
  private final BooleanSupplier caughtUp;
  private final Map<TableId, ValidationStatus> live = new ConcurrentHashMap<>();
  private final PendingMismatches pending;
  private volatile List<TableVerdict> last = List.of();
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
    this.pending = new PendingMismatches(failureDelay(
        definition.settings().section(ValidationSection.GROUP.name())), Clock.systemUTC());
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
    return last;
  }

  Map<TableId, ValidationStatus> status() {
    return Map.copyOf(live);
  }

  private void loop(SourceConnector source) {
    try (SourceConnector target =
        connectors.source(definition.target().engine()).open(definition.target())) {
      ValidationOptions options = ValidationOptions.from(definition.settings());
      var logged = new HashMap<TableId, ValidationState>();
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
        List<TableVerdict> verdicts = current.validate(tables.pairs());
        if (stopping) {
          break; // a stopped pass skipped ranges: its verdicts say nothing
        }
        PendingMismatches.Update update = pending.update(verdicts);
        last = verdicts.stream().map(v -> v.with(pending.status(v.source()))).toList();
        last.forEach(verdict -> {
          ValidationStatus status = ValidationStatus.of(verdict);
          live.put(verdict.source(), status);
          if (logged.put(verdict.source(), status.state()) != status.state()) {
            log.info("{}: validation during CDC: {} ({} rows, {} pending, {} failed)",
                verdict.source(), status.state(), verdict.rowsCompared(), status.pending(),
                status.failed());
          }
          state.record(verdict.source(), status);
        });
        if (!update.newlyFailed().isEmpty()) {
          new MismatchWriter(current, tables.target())
              .recordFailures(definition.taskId(), options.controlSchema(), update.newlyFailed());
        }
        pause(INTERVAL);
      }
    } catch (OpenDmsException e) {
      log.error("task {}: validation during CDC stopped: {}", definition.taskId(), e.getMessage());
      plans.forEach(plan -> live.put(plan.source().id(),
          new ValidationStatus(ValidationState.ERROR, 0, 0, 0,
              e.getMessage())));
    }
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
