package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcMetrics;
import io.opendms.engine.cdc.TableChanges;
import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.delivery.ParallelApply;
import io.opendms.engine.fullload.FullLoadOptions;
import io.opendms.engine.fullload.RefusedRowSettings;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.mapping.LobMode;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.plan.TaskPlanner;
import io.opendms.engine.schema.SchemaObjects;
import io.opendms.engine.settings.ChangeProcessingSections;
import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.engine.settings.FullLoadSettings;
import io.opendms.engine.settings.OpenDmsSettings;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.table.TableId;
import java.nio.file.Path;
import java.time.Duration;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replication task in the calling thread: connects, plans, loads, and keeps the task's
 * state in the data directory so that a later run can resume it. {@link #stop()} and {@link
 * #status()} may be called from other threads.
 */
public final class MigrationTask {
  private static final Logger log = LoggerFactory.getLogger(MigrationTask.class);
  /** How often a CDC task without tables looks for them again; a property shortens it for tests. */
  private static final Duration NO_TABLES_POLL =
      Duration.ofMillis(Long.getLong("opendms.no.tables.poll.millis", 5000));

  private final TaskDefinition definition;
  private final ConnectorRegistry connectors;
  private final Path dataDir;
  private volatile FullLoadRunner runner;
  private volatile boolean stopping;
  private volatile CdcTaskRun cdc;
  private final TaskValidation validation;
  private volatile CdcValidation cdcValidation;
  private volatile List<TableVerdict> lastCdcVerdicts = List.of();
  private volatile TaskStateKeeper state;
  private volatile List<TablePlan> plans;
  private final Set<TableId> reloading = ConcurrentHashMap.newKeySet();
  private volatile Consumer<String> warnings = message -> { };

  public MigrationTask(TaskDefinition definition, ConnectorRegistry connectors, Path dataDir) {
    this.definition = definition;
    this.connectors = connectors;
    this.dataDir = dataDir;
    this.validation = new TaskValidation(definition, connectors);
  }

  /**
   * Runs the task to its end (or until stopped).
   *
   * @throws OpenDmsException before any data moved: bad settings, unreachable endpoints, no
   *     table selected, an engine that cannot do the migration type's CDC
   */
  public TaskResult run(StartMode startMode) {
    try (TaskStateStore store = TaskStateStore.open(dataDir, definition.taskId());
        SourceConnector source = connectors.source(definition.source().engine()).open(definition.source());
        TargetConnector target = connectors.target(definition.target().engine()).open(definition.target())) {
      List<TablePlan> plans;
      try {
        plans = plan(source);
      } catch (OpenDmsException e) {
        if (e.code() != ErrorCode.NO_TABLES_SELECTED || definition.settings().errorBehavior().failOnNoTablesCaptured()) {
          throw e;
        }
        if (!definition.migrationType().includesCdc()) {
          // ErrorBehavior.FailOnNoTablesCaptured false: a full load of nothing completes
          log.warn("task {}: {}; nothing to load (FailOnNoTablesCaptured is false)", definition.taskId(), e.getMessage());
          return new TaskResult(List.of(), List.of(), false);
        }
        plans = awaitTables(source, e);
        if (plans == null) {
          return new TaskResult(List.of(), List.of(), true);
        }
      }
      refuseToOverwriteTheSource(plans);
      Optional<TaskState> earlier = startMode == StartMode.RESUME_PROCESSING ? store.load() : Optional.empty();
      TaskStateKeeper keeper = new TaskStateKeeper(store, definition, plans, earlier);
      if (validation.validationOnly()) {
        log.info("task {}: ValidationOnly: validating {} table(s) without loading",
            definition.taskId(), plans.size());
        return new TaskResult(List.of(), List.of(), stopping, null,
            validation.run(source, plans, keeper));
      }
      SchemaObjects objects = schemaObjects(source, target, plans);
      if (definition.migrationType().includesCdc()) {
        CdcTaskRun run = new CdcTaskRun(definition, requireCdc(source), target,
            requireCdc(target, store), plans, keeper, store.directory(), objects, fullLoadOptions(),
            message -> warnings.accept(message));
        cdc = run;
        publish(keeper, plans);
        if (stopping) {
          run.stop();
        }
        if (!validation.enabled()) {
          return run.run(startMode);
        }
        boolean fullLoadFirst = definition.migrationType().includesFullLoad()
            && startMode != StartMode.RESUME_PROCESSING;
        CdcValidation checking = new CdcValidation(definition, connectors, plans, keeper,
            () -> caughtUp(run, fullLoadFirst));
        cdcValidation = checking;
        run.reportChangesTo(checking.changedKeys());
        checking.start(source);
        TaskResult result;
        try {
          result = run.run(startMode);
        } finally {
          lastCdcVerdicts = checking.stop();
        }
        return new TaskResult(result.loaded(), result.keptFromEarlierRun(), result.stopped(),
            result.cdcStop(), lastCdcVerdicts);
      }
      publish(keeper, plans);
      List<TablePlan> toLoad = plans.stream().filter(p -> !keeper.completedEarlier(p)).toList();
      log.info("task {}: {} table(s) selected, {} to load ({})", definition.taskId(), plans.size(),
          toLoad.size(), startMode);
      List<TableStatus> loaded = new ArrayList<>(load(source, target, toLoad, objects));
      while (!stopping && !pendingReloads().isEmpty()) {
        // ReloadTables while this full load ran: load those tables once more, at once
        List<TablePlan> again = pendingReloads();
        loaded.removeIf(s -> again.contains(s.plan()));
        loaded.addAll(load(source, target, again, objects));
      }
      if (!stopping) {
        objects.fullLoadFinished(plans, loaded);
      }
      List<TableVerdict> verdicts = List.of();
      if (validation.enabled() && !stopping) {
        verdicts = validation.run(source, loaded.stream()
            .filter(t -> t.state() == TableState.TABLE_COMPLETED).map(TableStatus::plan).toList(),
            keeper);
      }
      return new TaskResult(loaded, keeper.keptFromEarlierRun(), stopping, null, verdicts);
    }
  }

  private void publish(TaskStateKeeper keeper, List<TablePlan> planned) {
    state = keeper;
    plans = planned;
  }

  /** Loads tables of a full-load task; tables asked to reload have their rows replaced. */
  private List<TableStatus> load(SourceConnector source, TargetConnector target, List<TablePlan> tables,
      SchemaObjects objects) {
    List<TablePlan> reloads = pendingReloads().stream().filter(tables::contains).toList();
    reloading.clear();
    reloads.forEach(p -> reloading.add(p.source().id()));
    FullLoadOptions options = fullLoadOptions();
    if (!reloads.isEmpty() && options.forReload() != options) {
      reloads.forEach(p -> target.prepare(p.target(), options.forReload().preparation()));
    }
    // a table that keeps partitions of an earlier run must not be dropped ahead of the load
    List<TablePlan> mayDrop = tables.stream().filter(p -> state.completed(p).isEmpty()).toList();
    FullLoadRunner fullLoad = new FullLoadRunner(source, objects.preparing(target, mayDrop), options,
        tables, objects.afterEachTable(status -> {
          state.record(status);
          if (status.state() == TableState.TABLE_COMPLETED
              && reloading.contains(status.plan().source().id())) {
            state.reloadDone(List.of(status.plan().source().id()));
          }
        }), state);
    runner = fullLoad;
    if (stopping) {
      fullLoad.stop();
    }
    return fullLoad.run().stream()
        .map(s -> reloading.contains(s.plan().source().id()) ? s.asReload() : s).toList();
  }
  private List<TablePlan> pendingReloads() {
    List<TableId> pending = state.pendingReloads();
    return plans.stream().filter(p -> pending.contains(p.source().id())).toList();
  }

  /**
   * Loads {@code sources} again (DMS ReloadTables). A task with CDC reloads them while changes
   * go on, once it replicates; a full-load task loads them once more before it ends. The request
   * is durable at once. Any thread.
   *
   * @throws OpenDmsException INVALID_PARAMETER naming a table the task does not select
   * @throws IllegalStateException while the task is still planning which tables it has
   */
  public void reloadTables(List<TableId> sources) {
    TaskStateKeeper keeper = state;
    List<TablePlan> planned = plans;
    if (keeper == null || planned == null) {
      throw new IllegalStateException("task " + definition.taskId()
          + " is still starting; ask again once it runs");
    }
    for (TableId source : sources) {
      if (planned.stream().noneMatch(p -> p.source().id().equals(source))) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "table " + source
            + " is not selected by task " + definition.taskId());
      }
    }
    CdcTaskRun currentCdc = cdc;
    if (currentCdc != null) {
      currentCdc.reload(sources);
    } else {
      keeper.reloadRequested(sources);
    }
  }

  /** The tables the mappings select on the source, with their transforms and LOB mode. */
  private List<TablePlan> plan(SourceConnector source) {
    return new TaskPlanner(definition.tableMappings(), definition.settings().targetMetadata().targetSchema(),
        LobMode.of(definition.settings().targetMetadata()))
        .plan(source);
  }

  /**
   * FailOnNoTablesCaptured false with CDC: the task runs without a table, as DMS's does, and
   * starts replicating as soon as a table the mappings select exists; null when stopped first.
   */
  private List<TablePlan> awaitTables(SourceConnector source, OpenDmsException none) {
    log.warn("task {}: {}; waiting for a table the mappings select to appear (FailOnNoTablesCaptured"
        + " is false)", definition.taskId(), none.getMessage());
    while (!stopping) {
      try {
        Thread.sleep(NO_TABLES_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      try {
        List<TablePlan> found = plan(source);
        log.info("task {}: {} table(s) to capture appeared", definition.taskId(), found.size());
        return found;
      } catch (OpenDmsException e) {
        if (e.code() != ErrorCode.NO_TABLES_SELECTED) {
          throw e;
        }
      }
    }
    return null;
  }

  public void stop() {
    stopping = true;
    FullLoadRunner current = runner;
    if (current != null) {
      current.stop();
    }
    CdcTaskRun currentCdc = cdc;
    if (currentCdc != null) {
      currentCdc.stop();
    }
    validation.stop();
  }

  /**
   * Each validated table's counters (Pending records while it waits), for progress and
   * DescribeTableStatistics; empty when validation is not enabled or has not started.
   */
  public Map<TableId, ValidationStatus> validationStatus() {
    CdcValidation checking = cdcValidation;
    return checking != null ? checking.status() : validation.status();
  }

  /**
   * Whether the target holds every change captured so far: the full load (if any) is complete
   * and no captured change waits to be applied.
   */
  private static boolean caughtUp(CdcTaskRun run, boolean fullLoadFirst) {
    List<TableStatus> tables = run.loadStatus();
    return run.metrics().map(m -> m.incomingChanges() == 0).orElse(false)
        && (!fullLoadFirst || !tables.isEmpty())
        && tables.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
  }

  /** CDC metrics once change capture has started; empty before and for full-load tasks. */
  public Optional<CdcMetrics> cdcMetrics() {
    CdcTaskRun current = cdc;
    return current == null ? Optional.empty() : current.metrics();
  }

  /**
   * Where warnings that need a person's attention go besides the task log (the server: its
   * events); called on task threads. Set before {@link #run}.
   */
  public void onWarning(Consumer<String> listener) {
    warnings = listener;
  }

  /** The source position CDC last committed on the target in this run, if any. */
  public Optional<String> appliedPosition() {
    CdcTaskRun current = cdc;
    return current == null ? Optional.empty()
        : Optional.of(current.appliedPosition()).filter(p -> !p.isEmpty());
  }

  /** The WAL the source keeps for the task's replication slot, as last measured. */
  public OptionalLong retainedBytes() {
    CdcTaskRun current = cdc;
    return current == null ? OptionalLong.empty() : current.retainedBytes();
  }

  /** Changes CDC committed per target table since the task started; empty without CDC. */
  public Map<TableId, TableChanges> cdcTableChanges() {
    CdcTaskRun current = cdc;
    return current == null ? Map.of() : current.tableChanges();
  }

  private ChangeSourceConnector requireCdc(SourceConnector source) {
    if (source instanceof ChangeSourceConnector capable) {
      return capable;
    }
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "source engine "
        + definition.source().engine() + " cannot capture changes in this build; migration type "
        + definition.migrationType() + " needs it (use full-load)");
  }

  private ChangeAppliers requireCdc(TargetConnector target, TaskStateStore store) {
    return ChangeAppliers.of(target, store,
        ParallelApply.of(definition.settings().targetMetadata())).orElseThrow(() -> new OpenDmsException(
        ErrorCode.UNSUPPORTED, "target engine "
        + definition.target().engine() + " cannot apply changes in this build; migration type "
        + definition.migrationType() + " needs it (use full-load)"));
  }

  /**
   * The tables being loaded, with live progress, for full-load tasks and the full load of a
   * full-load-and-cdc task; empty until planning is done.
   */
  public List<TableStatus> status() {
    FullLoadRunner current = runner;
    if (current != null) {
      return current.status().stream()
          .map(s -> reloading.contains(s.plan().source().id()) ? s.asReload() : s).toList();
    }
    CdcTaskRun currentCdc = cdc;
    return currentCdc == null ? List.of() : currentCdc.tableStatus();
  }

  /** {@code OpenDmsSettings}, with {@code auto} resolved by the endpoints' engine family. */
  private SchemaObjects schemaObjects(SourceConnector source, TargetConnector target,
      List<TablePlan> plans) {
    OpenDmsSettings settings = definition.settings().openDms();
    boolean sameFamily = connectors.source(definition.source().engine()).engineNames()
        .contains(definition.target().engine().toLowerCase(Locale.ROOT));
    // a cdc task creates no tables (it prepares them DO_NOTHING), so it adds nothing to them
    PrepMode prepMode = definition.migrationType().includesFullLoad()
        ? definition.settings().fullLoad().targetTablePrepMode() : PrepMode.DO_NOTHING;
    return SchemaObjects.forTask(definition.taskId(), source, target, plans, prepMode,
        settings.schemaObjects().enabled(sameFamily), settings.syncSequences().enabled(sameFamily),
        definition.migrationType().includesCdc()
            && definition.settings().targetMetadata().batchApplyEnabled());
  }

  /** Loading a table onto itself would drop or truncate the data being copied. */
  private void refuseToOverwriteTheSource(List<TablePlan> plans) {
    if (!definition.source().describe().equals(definition.target().describe())) {
      return;
    }
    for (TablePlan plan : plans) {
      if (plan.source().id().equals(plan.target().id())) {
        throw new OpenDmsException(
            ErrorCode.INVALID_PARAMETER,
            "target table " + plan.target().id() + " is the source table itself ("
                + definition.target().describe() + "); choose another target database or set"
                + " TargetMetadata.TargetSchema");
      }
    }
  }

  private FullLoadOptions fullLoadOptions() {
    FullLoadSettings settings = definition.settings().fullLoad();
    return new FullLoadOptions(
        new TablePreparation(settings.targetTablePrepMode(), settings.createPkAfterFullLoad()),
        settings.maxFullLoadSubTasks(),
        Math.min(settings.maxFullLoadSubTasks(), partitionsPerTable()),
        definition.allowNativeFormats(), tableErrorsBeforeStop(),
        Optional.of(RefusedRowSettings.of(definition.taskId(),
            definition.settings().section(ChangeProcessingSections.CONTROL_TABLES.name())
                .get(ChangeProcessingSections.CONTROL_SCHEMA),
            definition.settings().errorBehavior(), settings.commitRate())),
        definition.settings().targetMetadata().parallelLoadBufferSize());
  }

  /** ErrorBehavior: STOP_TASK stops at the first failed table, else at the escalation count. */
  private int tableErrorsBeforeStop() {
    ErrorBehaviorSettings errors = definition.settings().errorBehavior();
    return errors.tableErrorPolicy() == ErrorPolicy.STOP_TASK ? 1 : errors.tableErrorEscalationCount();
  }

  /**
   * How many ranges one table is split into: {@code TargetMetadata.ParallelLoadThreads} when
   * set, else half this machine's cores. Splitting pays when spare cores can run more COPY
   * streams; on 2 cores, where both databases share the machine, the benchmark loaded one
   * 1M-row table fastest as one stream (8 streams: 0.65 of the speed).
   */
  private int partitionsPerTable() {
    int configured = definition.settings().targetMetadata().parallelLoadThreads();
    return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }
}
