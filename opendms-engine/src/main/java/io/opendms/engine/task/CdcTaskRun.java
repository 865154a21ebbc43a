package io.opendms.engine.task;

import io.opendms.engine.cdc.ApplyErrorPolicy;
import io.opendms.engine.cdc.ApplyLoop;
import io.opendms.engine.cdc.CaptureThread;
import io.opendms.engine.cdc.CdcCounters;
import io.opendms.engine.cdc.CdcMetrics;
import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.cdc.ChangeBuffer;
import io.opendms.engine.cdc.TransformingRouting;
import io.opendms.engine.fullload.FullLoadOptions;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.schema.SchemaObjects;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.change.ChangeTargetConnector;
import io.opendms.spi.change.Commit;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task with CDC on the calling thread: for {@code full-load-and-cdc} the slot is created
 * with an exported snapshot, every table is loaded in that snapshot while capture buffers the
 * changes, then those and all later changes are applied; for {@code cdc} capture starts now or at
 * {@code CdcStartPosition}. Replication goes on until {@link #stop()} or a stop position. A
 * transient failure (a lost connection) restarts capture and apply from the position stored on
 * the target, waiting as ErrorBehavior's RecoverableError* settings say ({@link RecoveryBackoff}).
 */
final class CdcTaskRun {
  private static final Logger log = LoggerFactory.getLogger(CdcTaskRun.class);
  private static final Duration STATE_INTERVAL = Duration.ofSeconds(5);

  private final TaskDefinition definition;
  private final ChangeSourceConnector source;
  private final ChangeTargetConnector target;
  private final List<TablePlan> plans;
  private final TaskStateKeeper state;
  private final Path spillDirectory;
  private final CdcSetup setup;
  private final SchemaObjects schemaObjects;
  private final CdcCounters counters = new CdcCounters(Clock.systemUTC());
  private final ApplyErrorPolicy applyErrors;
  private final RecoveryBackoff backoff;
  private volatile boolean progressed;
  private volatile boolean stopping;
  private volatile FullLoadRunner fullLoad;
  private volatile ApplyLoop loop;
  private volatile ChangeBuffer buffer;
  private String startPosition = "";
  private long lastStateSave;

  CdcTaskRun(TaskDefinition definition, ChangeSourceConnector source, ChangeTargetConnector target,
      List<TablePlan> plans, TaskStateKeeper state, Path taskDirectory,
      SchemaObjects schemaObjects) {
    this.schemaObjects = schemaObjects;
    this.definition = definition;
    this.source = source;
    this.target = target;
    this.plans = plans;
    this.state = state;
    this.spillDirectory = taskDirectory.resolve("spill");
    this.setup = CdcSetup.of(definition, plans);
    this.applyErrors = new ApplyErrorPolicy(definition.taskId(), definition.settings().errorBehavior());
    this.backoff = new RecoveryBackoff(definition.settings().errorBehavior());
  }

  TaskResult run(StartMode mode, FullLoadOptions fullLoadOptions) {
    source.captureWarnings(setup.sourceTables()).forEach(w -> log.warn("task {}: {}", definition.taskId(), w));
    if (mode == StartMode.RESUME_PROCESSING) {
      CdcRecord earlier = state.cdc();
      if (earlier == null || earlier.phase() == CdcRecord.Phase.FULL_LOAD) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "task " + definition.taskId()
            + (earlier == null ? " never started change processing" : " stopped during its full load")
            + "; there is nothing to resume: start it with --start reload-target");
      }
      startPosition = earlier.startPosition();
      return finish(List.of(), replicate(this::resumeOnce));
    }
    if (mode == StartMode.RELOAD_TARGET) {
      source.dropCapture(definition.taskId());
    }
    return definition.migrationType().includesFullLoad()
        ? fullLoadThenReplicate(fullLoadOptions) : cdcOnly();
  }

  void stop() {
    stopping = true;
    FullLoadRunner runner = fullLoad;
    if (runner != null) {
      runner.stop();
    }
    ApplyLoop current = loop;
    if (current != null) {
      current.stop();
    }
  }

  /** The full load's tables as loaded, once it started; empty for cdc-only runs and before. */
  List<TableStatus> loadStatus() {
    FullLoadRunner runner = fullLoad;
    return runner == null ? List.of() : runner.status();
  }

  /**
   * The full load's tables, those the apply error policy suspended since in {@code Table error}
   * with the reason; empty for cdc-only runs and before.
   */
  List<TableStatus> tableStatus() {
    Map<TableId, String> suspended = applyErrors.suspended();
    return loadStatus().stream().map(t -> {
      String reason = suspended.get(t.plan().target().id());
      return reason == null ? t : new TableStatus(t.plan(), TableState.TABLE_ERROR, t.rows(),
          t.partitions(), t.path(), t.started(), t.finished(), "suspended during change processing: "
              + reason, t.bytes());
    }).toList();
  }

  Optional<CdcMetrics> metrics() {
    ChangeBuffer current = buffer;
    return current == null ? Optional.empty()
        : Optional.of(counters.snapshot(current).withSuspended(applyErrors.suspended()));
  }

  private TaskResult fullLoadThenReplicate(FullLoadOptions options) {
    ChangeCapture capture = source.openCapture(new CaptureRequest(definition.taskId(),
        setup.sourceTables(), CaptureRequest.Start.CREATE_WITH_SNAPSHOT, Optional.empty()));
    startPosition = capture.startPosition().format();
    state.record(new CdcRecord(CdcRecord.Phase.FULL_LOAD, startPosition, null, Instant.now()));
    ChangeBuffer changes = newBuffer();
    CaptureThread thread = new CaptureThread(capture, changes, counters);
    thread.start();
    List<TableStatus> loaded;
    try {
      FullLoadRunner runner = new FullLoadRunner(source, schemaObjects.preparing(target, plans),
          options, plans, schemaObjects.afterEachTable(state::record),
          () -> capture.takeSnapshot().orElseThrow());
      fullLoad = runner;
      if (stopping) {
        runner.stop();
      }
      loaded = runner.run();
    } catch (RuntimeException e) {
      closeAll(thread, capture, changes);
      dropUnusableSlot();
      throw e;
    }
    if (!loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED)) {
      closeAll(thread, capture, changes);
      dropUnusableSlot();
      return new TaskResult(loaded, state.keptFromEarlierRun(), true);
    }
    log.info("task {}: full load complete; applying the changes cached since {}", definition.taskId(), startPosition);
    applyErrors.fullLoadCompleted(Instant.now());
    return finish(loaded, replicate(() -> streamFrom(capture, thread, changes, true)));
  }

  /**
   * A full load that did not complete cannot be resumed (a reload takes a new slot), so its slot
   * would only hold WAL on the source: drop it.
   */
  private void dropUnusableSlot() {
    try {
      source.dropCapture(definition.taskId());
      log.info("task {}: full load incomplete; dropped its replication slot (restart with"
          + " --start reload-target)", definition.taskId());
    } catch (RuntimeException e) {
      log.warn("task {}: cannot drop the replication slot of the incomplete full load: {}",
          definition.taskId(), e.getMessage());
    }
  }

  private TaskResult cdcOnly() {
    plans.forEach(p -> target.prepare(p.target(), new TablePreparation(PrepMode.DO_NOTHING, false)));
    Optional<SourcePosition> from = definition.cdcPositions().startPosition().map(this::parseStart);
    CaptureRequest.Start start = from.isPresent() ? CaptureRequest.Start.EXISTING : CaptureRequest.Start.CREATE;
    return finish(List.of(), replicate(() -> {
      ChangeCapture capture = source.openCapture(
          new CaptureRequest(definition.taskId(), setup.sourceTables(), start, from));
      startPosition = capture.startPosition().format();
      ChangeBuffer changes = newBuffer();
      CaptureThread thread = new CaptureThread(capture, changes, counters);
      thread.start();
      return streamFrom(capture, thread, changes, true);
    }));
  }

  /** Restarts from the target's stored position: the slot still holds everything after it. */
  private CdcStop resumeOnce() {
    SourcePosition from;
    try (ChangeApplier applier = target.openApplier(applyRequest())) {
      from = applier.storedPosition().map(p -> source.parsePosition(p.position()))
          .orElseThrow(() -> new OpenDmsException(ErrorCode.INVALID_PARAMETER, "target "
              + definition.target().describe() + " holds no applied position for task "
              + definition.taskId() + "; start it with --start reload-target"));
    }
    log.info("task {}: resuming change processing from {}", definition.taskId(), from.format());
    ChangeCapture capture = source.openCapture(new CaptureRequest(definition.taskId(),
        setup.sourceTables(), CaptureRequest.Start.EXISTING, Optional.of(from)));
    ChangeBuffer changes = newBuffer();
    CaptureThread thread = new CaptureThread(capture, changes, counters);
    thread.start();
    return streamFrom(capture, thread, changes, false);
  }

  /**
   * Applies until stopped. With {@code storeStart} the capture's start position is committed first,
   * so that a crash before the first change still resumes from the right place.
   */
  private CdcStop streamFrom(ChangeCapture capture, CaptureThread thread, ChangeBuffer changes, boolean storeStart) {
    try (ChangeApplier applier = target.openApplier(applyRequest())) {
      if (storeStart) {
        applier.commit(capture.startPosition(), Instant.now());
      }
      state.record(new CdcRecord(CdcRecord.Phase.CHANGE_PROCESSING, startPosition,
          capture.startPosition().format(), Instant.now()));
      ApplyLoop current = new ApplyLoop(changes, applier, capture, counters, setup.options(),
          applyErrors.routing(new TransformingRouting(setup.transforms())),
          this::committed, Clock.systemUTC());
      loop = current;
      if (stopping) {
        current.stop();
      }
      return current.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CdcStop.STOPPED;
    } finally {
      closeAll(thread, capture, changes);
    }
  }

  /** The task's apply request, refused changes decided by the task's ErrorBehavior. */
  private ApplyRequest applyRequest() {
    ApplyRequest request = setup.applyRequest();
    return new ApplyRequest(request.taskId(), request.tables(), request.batchApply(),
        request.controlSchema(), applyErrors, request.controlTables());
  }

  private CdcStop replicate(Supplier<CdcStop> firstAttempt) {
    Supplier<CdcStop> attempt = firstAttempt;
    while (true) {
      try {
        return attempt.get();
      } catch (OpenDmsException e) {
        if (e.category() != ErrorCategory.TRANSIENT || stopping) {
          throw e;
        }
        if (progressed) {
          progressed = false;
          backoff.progressed();
        }
        Optional<Duration> wait = backoff.next();
        if (wait.isEmpty()) {
          log.error("task {}: {}; no restart left after {} (RecoverableErrorCount,"
              + " RecoverableErrorStopRetryAfterThrottlingMax)", definition.taskId(), e.getMessage(),
              backoff.restarts());
          throw e;
        }
        log.warn("task {}: {}; restarting change processing in {} s (restart {})", definition.taskId(),
            e.getMessage(), wait.get().toSeconds(), backoff.restarts());
        if (!sleep(wait.get())) {
          return CdcStop.STOPPED;
        }
        attempt = this::resumeOnce;
      }
    }
  }

  private void committed(Commit commit) {
    progressed = true;
    applyErrors.committed();
    long now = System.nanoTime();
    if (now - lastStateSave >= STATE_INTERVAL.toNanos()) {
      lastStateSave = now;
      state.record(new CdcRecord(CdcRecord.Phase.CHANGE_PROCESSING, startPosition,
          commit.position().format(), Instant.now()));
    }
  }

  private TaskResult finish(List<TableStatus> loaded, CdcStop stop) {
    CdcRecord.Phase phase = stop == CdcStop.STOPPED
        ? CdcRecord.Phase.CHANGE_PROCESSING : CdcRecord.Phase.STOPPED_AT_POSITION;
    String applied = metrics().map(CdcMetrics::appliedPosition).filter(p -> !p.isEmpty()).orElse(null);
    state.record(new CdcRecord(phase, startPosition, applied, Instant.now()));
    log.info("task {}: change processing ended ({}), applied through {}", definition.taskId(), stop,
        applied == null ? "-" : applied);
    schemaObjects.changeProcessingStopped(stop != CdcStop.STOPPED);
    return new TaskResult(loaded, state.keptFromEarlierRun(), stop == CdcStop.STOPPED, stop);
  }

  private ChangeBuffer newBuffer() {
    ChangeBuffer changes = new ChangeBuffer(setup.memoryLimitBytes(), spillDirectory);
    buffer = changes;
    return changes;
  }

  private SourcePosition parseStart(String text) {
    try {
      return source.parsePosition(text);
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "CdcStartPosition: " + e.getMessage());
    }
  }

  private boolean sleep(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      if (stopping) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static void closeAll(CaptureThread thread, ChangeCapture capture, ChangeBuffer changes) {
    thread.close();
    capture.close();
    changes.close();
  }
}
