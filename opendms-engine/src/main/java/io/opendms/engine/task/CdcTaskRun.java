package io.opendms.engine.task;

import io.opendms.engine.cdc.ApplyErrorPolicy;
import io.opendms.engine.cdc.ApplyLoop;
import io.opendms.engine.cdc.CaptureThread;
import io.opendms.engine.cdc.CdcCounters;
import io.opendms.engine.cdc.CdcMetrics;
import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.cdc.ChangeBuffer;
import io.opendms.engine.cdc.TransformingRouting;
import io.opendms.engine.cdc.SlotWatch;
import io.opendms.engine.settings.OpenDmsSettings;
import io.opendms.engine.cdc.TableChanges;
import io.opendms.engine.fullload.FullLoadOptions;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.schema.SchemaObjects;
import io.opendms.engine.validation.ChangedKeys;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.change.Commit;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task with CDC on the calling thread: for {@code full-load-and-cdc} the slot is created
 * with an exported snapshot, every table is loaded in that snapshot while capture buffers the
 * changes, then those and all later changes are applied; for {@code cdc} capture starts now or at
 * {@code CdcStartPosition}. Replication goes on until {@link #stop()} or a stop position. A
 * transient failure (a lost connection) restarts capture and apply from the position stored on
 * the target, waiting as ErrorBehavior's RecoverableError* settings say ({@link ChangeProcessingRestarts}).
 */
final class CdcTaskRun {
  private static final Logger log = LoggerFactory.getLogger(CdcTaskRun.class);
  private static final Duration STATE_INTERVAL = Duration.ofSeconds(5);

  private final TaskDefinition definition;
  private final ChangeSourceConnector source;
  private final TargetConnector target;
  private final ChangeAppliers appliers;
  private final List<TablePlan> plans;
  private final TaskStateKeeper state;
  private final Path spillDirectory;
  private final CdcSetup setup;
  private final SchemaObjects schemaObjects;
  private final CdcCounters counters = new CdcCounters(Clock.systemUTC());
  private final FullLoadOptions fullLoadOptions;
  private final LiveReloads reloads;
  private final ApplyErrorPolicy applyErrors;
  private final ChangeProcessingRestarts restarts;
  private volatile boolean stopping;
  private volatile FullLoadRunner fullLoad;
  /** When the full load ended, with StopTaskCachedChangesApplied; null otherwise. */
  private Instant cachedChangesEnd;
  private volatile ApplyLoop loop;
  private volatile ChangeBuffer buffer;
  private volatile ChangeCapture streaming;
  private final Consumer<String> warnings;
  private String startPosition = "";
  /** Whether the target holds a position of this task: only then can a later run resume. */
  private volatile boolean positionStored;
  /** Whether this run created the slot; a slot the user named and made is never dropped. */
  private volatile boolean slotCreated;
  private long lastStateSave;
  /** Told of every change applied and committed, when validation runs during CDC; else null. */
  private volatile ChangedKeys changedKeys;

  CdcTaskRun(TaskDefinition definition, ChangeSourceConnector source, TargetConnector target,
      ChangeAppliers appliers, List<TablePlan> plans, TaskStateKeeper state, Path taskDirectory,
      SchemaObjects schemaObjects, FullLoadOptions fullLoadOptions, Consumer<String> warnings) {
    this.schemaObjects = schemaObjects;
    this.warnings = warnings;
    this.definition = definition;
    this.source = source;
    this.target = target;
    this.appliers = appliers;
    this.plans = plans;
    this.state = state;
    this.spillDirectory = taskDirectory.resolve("spill");
    this.setup = CdcSetup.of(definition, plans);
    this.fullLoadOptions = fullLoadOptions;
    this.applyErrors = new ApplyErrorPolicy(definition.taskId(), definition.settings().errorBehavior());
    // held changes of reloaded tables get a quarter of the memory the change buffer gets
    this.reloads = new LiveReloads(definition.taskId(), source, target, fullLoadOptions, state,
        counters, applyErrors, plans, Math.max(1 << 20, setup.memoryLimitBytes() / 4), taskDirectory);
    // a table suspended before stays suspended when the task resumes, until it is reloaded
    Map<TableId, String> earlier = state.suspended();
    if (!earlier.isEmpty()) {
      log.info("task {}: tables suspended by an earlier run stay suspended: {}",
          definition.taskId(), earlier.keySet());
    }
    applyErrors.remember(earlier, state::suspended);
    this.restarts = new ChangeProcessingRestarts(definition.taskId(), definition.settings().errorBehavior());
  }

  TaskResult run(StartMode mode) {
    source.captureWarnings(setup.sourceTables()).forEach(w -> log.warn("task {}: {}", definition.taskId(), w));
    if (mode == StartMode.RESUME_PROCESSING) {
      CdcRecord earlier = state.cdc();
      if (earlier == null) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "task " + definition.taskId()
            + " never started change processing; there is nothing to resume: start it with"
            + " --start reload-target");
      }
      startPosition = earlier.startPosition();
      if (earlier.phase() == CdcRecord.Phase.FULL_LOAD) {
        return finish(List.of(), replicate(this::resumeFullLoad));
      }
      positionStored = true;
      state.forgetKeptPartitions(definition.taskId());
      return finish(List.of(), replicate(this::resumeOnce));
    }
    if (mode == StartMode.RELOAD_TARGET) {
      source.dropCapture(definition.taskId());
    }
    try {
      return definition.migrationType().includesFullLoad()
          ? fullLoadThenReplicate(fullLoadOptions) : cdcOnly();
    } catch (RuntimeException e) {
      if (!positionStored && slotCreated) {
        dropUnusableSlot("it failed before change processing stored a position on the target");
      }
      throw e;
    }
  }

  /** Reports the changes applied from now on to validation during CDC. Before {@link #run}. */
  void reportChangesTo(ChangedKeys keys) {
    this.changedKeys = keys;
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

  /**
   * Every table of the task: as the reload or the full load of this run shows it, else as the
   * task state recorded it.
   */
  List<TableStatus> loadStatus() {
    FullLoadRunner runner = fullLoad;
    Map<TableId, TableStatus> shown = new HashMap<>();
    if (runner != null) {
      runner.status().forEach(s -> shown.put(s.plan().source().id(), s));
    }
    shown.putAll(reloads.statuses());
    List<TableStatus> all = new ArrayList<>();
    for (TablePlan plan : plans) {
      TableStatus status = shown.get(plan.source().id());
      if (status == null) {
        TableRecord r = state.recorded(plan);
        status = new TableStatus(plan, r.state(), r.rows(), 0, null, r.started(), r.finished(), r.error(), 0);
      }
      all.add(status);
    }
    return all;
  }

  /**
   * Loads the tables again while changes go on (ReloadTables); durable at once, started when
   * change processing runs. Any thread.
   */
  void reload(List<TableId> sources) {
    List<TableId> targets = plans.stream().filter(p -> sources.contains(p.source().id()))
        .map(p -> p.target().id()).toList();
    applyErrors.release(targets); // before the reload holds their changes: none may be dropped
    state.resumed(targets);
    reloads.request(sources);
  }

  /** Changes committed per target table; reading it does not disturb the metrics' rates. */
  Map<TableId, TableChanges> tableChanges() {
    return counters.tables();
  }

  /**
   * The full load's tables, those the apply error policy suspended since in {@code Table error}
   * with the reason; empty for cdc-only runs and before.
   */
  List<TableStatus> tableStatus() {
    Map<TableId, String> suspended = applyErrors.suspended();
    return loadStatus().stream().map(t -> {
      String reason = suspended.get(t.plan().target().id());
      return reason == null ? t : t.failed("suspended during change processing: " + reason);
    }).toList();
  }

  Optional<CdcMetrics> metrics() {
    ChangeBuffer current = buffer;
    return current == null ? Optional.empty()
        : Optional.of(counters.snapshot(current, retainedBytes()).withSuspended(applyErrors.suspended()));
  }

  /** The position stored with the last target commit of this run; empty before. */
  String appliedPosition() {
    return counters.appliedPosition();
  }

  /** The WAL (change log) the source keeps for this task's capture, as last measured. */
  OptionalLong retainedBytes() {
    ChangeCapture capture = streaming;
    return capture == null ? OptionalLong.empty() : capture.retainedBytes();
  }

  private TaskResult fullLoadThenReplicate(FullLoadOptions options) {
    ChangeCapture capture = source.openCapture(new CaptureRequest(definition.taskId(),
        setup.sourceTables(), CaptureRequest.Start.CREATE_WITH_SNAPSHOT, Optional.empty()));
    slotCreated = true;
    startPosition = capture.startPosition().format();
    state.record(new CdcRecord(CdcRecord.Phase.FULL_LOAD, startPosition, null, Instant.now()));
    ChangeBuffer changes = newBuffer();
    CaptureThread thread = captureThread(capture, changes);
    List<TableStatus> loaded;
    try (FullLoadRecorder recorder = FullLoadRecorder.start(appliers, applyRequest(), () -> fullLoad,
        counters, changes, startPosition)) {
      FullLoadRunner runner = new FullLoadRunner(source, schemaObjects.preparing(target, plans),
          options, plans, schemaObjects.afterEachTable(state::record),
          () -> capture.takeSnapshot().orElseThrow(), state);
      fullLoad = runner;
      if (stopping) {
        runner.stop();
      }
      loaded = runner.run();
    } catch (RuntimeException e) {
      closeAll(thread, capture, changes);
      throw e; // run() drops the slot: nothing was stored to resume from
    }
    if (!loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED)) {
      closeAll(thread, capture, changes);
      log.info("task {}: full load incomplete; replication slot kept at {} for resume-processing,"
          + " which keeps the completed tables (reload-target or deleting the task drops it)",
          definition.taskId(), startPosition);
      return new TaskResult(loaded, state.keptFromEarlierRun(), true);
    }
    applyErrors.fullLoadCompleted(Instant.now());
    if (definition.settings().fullLoad().stopTaskCachedChangesNotApplied()) {
      return finish(loaded, stopBeforeCachedChanges(capture, thread, changes));
    }
    boolean thenStop = definition.settings().fullLoad().stopTaskCachedChangesApplied();
    cachedChangesEnd = thenStop ? Instant.now() : null;
    log.info("task {}: full load complete; applying the changes cached since {}{}", definition.taskId(),
        startPosition, thenStop ? ", then stopping (StopTaskCachedChangesApplied)" : "");
    return finish(loaded, replicate(() -> streamFrom(capture, thread, changes, true)));
  }

  /**
   * StopTaskCachedChangesNotApplied: stores the capture's start, the snapshot's point, as the
   * applied position and stops, so that {@code resume-processing} applies the cached changes.
   */
  private CdcStop stopBeforeCachedChanges(ChangeCapture capture, CaptureThread thread, ChangeBuffer changes) {
    try (ChangeApplier applier = appliers.open(applyRequest())) {
      applier.commit(capture.startPosition(), Instant.now(), 0, counters.progress(changes));
      positionStored = true;
      recordStopped(applier);
    } finally {
      closeAll(thread, capture, changes);
    }
    log.info("task {}: full load complete; stopping before the changes cached since {} are applied"
        + " (StopTaskCachedChangesNotApplied): resume-processing applies them", definition.taskId(),
        startPosition);
    return CdcStop.STOPPED_AFTER_FULL_LOAD;
  }

  /**
   * A slot is kept only while the target holds a position of the task to resume from: a run
   * that ends before (a full load that did not complete, a failure before the first stored
   * position) could never use it again, and it would only pin WAL on the source.
   */
  private void dropUnusableSlot(String why) {
    try {
      source.dropCapture(definition.taskId());
      log.info("task {}: dropped its capture state, such as a replication slot, since {} (start it again with"
          + " reload-target)", definition.taskId(), why);
    } catch (RuntimeException e) {
      log.warn("task {}: cannot drop its replication slot, which {}: {}", definition.taskId(),
          why, e.getMessage());
    }
  }

  private TaskResult cdcOnly() {
    plans.forEach(p -> target.prepare(p.target(), new TablePreparation(PrepMode.DO_NOTHING, false)));
    Optional<SourcePosition> from = definition.cdcPositions().startPosition()
        .map(text -> CdcPositions.resolveStart(text, source, definition.taskId()));
    CaptureRequest.Start start = from.isPresent() ? CaptureRequest.Start.EXISTING : CaptureRequest.Start.CREATE;
    return finish(List.of(), replicate(() -> {
      ChangeCapture capture = source.openCapture(
          new CaptureRequest(definition.taskId(), setup.sourceTables(), start, from));
      slotCreated = start == CaptureRequest.Start.CREATE;
      startPosition = capture.startPosition().format();
      return bufferAndStream(capture, true);
    }));
  }

  /** Restarts from the target's stored position: the source still holds everything after it. */
  private CdcStop resumeOnce() {
    SourcePosition from;
    try (ChangeApplier applier = appliers.open(applyRequest())) {
      from = applier.storedPosition().map(p -> source.parsePosition(p.position()))
          .orElseThrow(() -> new OpenDmsException(ErrorCode.INVALID_PARAMETER, "target "
              + definition.target().describe() + " holds no applied position for task "
              + definition.taskId() + "; start it with --start reload-target"));
    }
    log.info("task {}: resuming change processing from {}", definition.taskId(), from.format());
    return bufferAndStream(source.openCapture(new CaptureRequest(definition.taskId(),
        setup.sourceTables(), CaptureRequest.Start.EXISTING, Optional.of(from))), false);
  }

  /**
   * Resumes a full load that a stop or a crash interrupted. The target holds every completed
   * table as of the slot's consistent point, and the slot confirmed nothing past that point, so
   * those tables take every change from there on, exactly, and are not read again. The other
   * tables load again as a reload does: held from the first change, loaded from a new snapshot
   * lined up with the stream, then given the held changes committed after that snapshot.
   */
  private CdcStop resumeFullLoad() {
    List<TableId> incomplete = plans.stream().filter(p -> !state.completedEarlier(p))
        .map(p -> p.source().id()).toList();
    log.info("task {}: resuming its interrupted full load: {} completed table(s) kept, {} to load"
        + " again {}, changes applied from {}", definition.taskId(), plans.size() - incomplete.size(),
        incomplete.size(), incomplete, startPosition);
    if (!incomplete.isEmpty()) {
      state.resumeRequested(incomplete);
    }
    return restartBeforeStored();
  }

  /**
   * Streams the slot again from where this run's capture started, when the target failed before
   * it stored the start: the slot was acknowledged nowhere past it, so nothing is lost.
   */
  private CdcStop restartBeforeStored() {
    return bufferAndStream(source.openCapture(new CaptureRequest(definition.taskId(), setup.sourceTables(),
        CaptureRequest.Start.EXISTING, Optional.of(source.parsePosition(startPosition)))), true);
  }

  /** Buffers what {@code capture} reads on a thread of its own, and applies it until stopped. */
  private CdcStop bufferAndStream(ChangeCapture capture, boolean storeStart) {
    ChangeBuffer changes = newBuffer();
    return streamFrom(capture, captureThread(capture, changes), changes, storeStart);
  }

  private CaptureThread captureThread(ChangeCapture capture, ChangeBuffer changes) {
    CaptureThread thread = new CaptureThread(capture, changes, counters);
    thread.start();
    return thread;
  }

  /**
   * Applies until stopped. With {@code storeStart} the capture's start position is committed first,
   * so that a crash before the first change still resumes from the right place.
   */
  private CdcStop streamFrom(ChangeCapture capture, CaptureThread thread, ChangeBuffer changes, boolean storeStart) {
    streaming = capture;
    long budget = (long) definition.settings().section(OpenDmsSettings.GROUP.name())
        .get(OpenDmsSettings.SLOT_RETAINED_WAL_WARNING_MB) << 20;
    try (ChangeApplier applier = appliers.open(applyRequest());
        SlotWatch watch = new SlotWatch(definition.taskId(), capture, budget, warnings).start()) {
      if (storeStart) {
        applier.commit(capture.startPosition(), Instant.now(), 0, counters.progress(changes));
      }
      positionStored = true;
      state.record(new CdcRecord(CdcRecord.Phase.CHANGE_PROCESSING, startPosition,
          capture.startPosition().format(), Instant.now()));
      ApplyLoop current = new ApplyLoop(changes, applier, capture, counters,
          setup.options().holdingAtLeast(appliers.minimumFlushInterval()),
          applyErrors.routing(new TransformingRouting(setup.transforms(), setup.ddlPolicy(),
              setup.retransform())),
          this::committed, Clock.systemUTC());
      ChangedKeys keys = changedKeys;
      if (keys != null) {
        current.observingApplied(keys::applied);
      }
      if (cachedChangesEnd != null) {
        current.stoppingAfterChangesCommittedBy(cachedChangesEnd);
      }
      loop = current;
      if (stopping) {
        current.stop();
      }
      reloads.attach(current);
      try {
        CdcStop stop = current.run();
        recordStopped(applier);
        return stop;
      } finally {
        reloads.detach();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CdcStop.STOPPED;
    } finally {
      closeAll(thread, capture, changes);
    }
  }

  /**
   * DMS's status table says {@code NOT RUNNING} once the task stopped as asked; a target that
   * cannot take that write now fails no stop over it: the task's position is already stored.
   */
  private void recordStopped(ChangeApplier applier) {
    try {
      applier.recordStopped();
    } catch (OpenDmsException e) {
      log.warn("task {}: cannot mark it NOT RUNNING in the target's awsdms_status: {}",
          definition.taskId(), e.getMessage());
    }
  }

  /** The task's apply request, refused changes decided by the task's ErrorBehavior. */
  private ApplyRequest applyRequest() {
    return setup.applyRequest().withConflicts(applyErrors);
  }

  private CdcStop replicate(Supplier<CdcStop> firstAttempt) {
    return restarts.run(firstAttempt, () -> positionStored ? this::resumeOnce
        : startPosition.isEmpty() ? firstAttempt : this::restartBeforeStored, () -> stopping);
  }

  private void committed(Commit commit) {
    ChangedKeys keys = changedKeys;
    if (keys != null) {
      keys.committed();
    }
    restarts.progressed();
    applyErrors.committed();
    long now = System.nanoTime();
    if (now - lastStateSave >= STATE_INTERVAL.toNanos()) {
      lastStateSave = now;
      state.record(new CdcRecord(CdcRecord.Phase.CHANGE_PROCESSING, startPosition,
          commit.position().format(), Instant.now()));
    }
  }

  private TaskResult finish(List<TableStatus> loaded, CdcStop stop) {
    CdcRecord.Phase phase = stop.atStopPosition()
        ? CdcRecord.Phase.STOPPED_AT_POSITION : CdcRecord.Phase.CHANGE_PROCESSING;
    String applied = metrics().map(CdcMetrics::appliedPosition).filter(p -> !p.isEmpty()).orElse(null);
    state.record(new CdcRecord(phase, startPosition, applied, Instant.now()));
    log.info("task {}: change processing ended ({}), applied through {}", definition.taskId(), stop,
        applied == null ? "-" : applied);
    schemaObjects.changeProcessingStopped(stop.atStopPosition());
    return new TaskResult(loaded, state.keptFromEarlierRun(), !stop.atStopPosition(), stop);
  }

  private ChangeBuffer newBuffer() {
    ChangeBuffer changes = new ChangeBuffer(setup.memoryLimitBytes(), setup.memoryKeepTime(),
        spillDirectory);
    buffer = changes;
    return changes;
  }

  private static void closeAll(CaptureThread thread, ChangeCapture capture, ChangeBuffer changes) {
    thread.close();
    capture.close();
    changes.close();
  }
}
