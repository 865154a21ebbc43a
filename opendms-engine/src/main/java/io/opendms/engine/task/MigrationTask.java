package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcMetrics;
import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.fullload.FullLoadOptions;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.plan.TaskPlanner;
import io.opendms.engine.schema.SchemaObjects;
import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.engine.settings.FullLoadSettings;
import io.opendms.engine.settings.OpenDmsSettings;
import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.change.ChangeTargetConnector;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import java.nio.file.Path;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replication task in the calling thread: connects, plans, loads, and keeps the task's
 * state in the data directory so that a later run can resume it. {@link #stop()} and {@link
 * #status()} may be called from other threads.
 */
public final class MigrationTask {
  private static final Logger log = LoggerFactory.getLogger(MigrationTask.class);

  private final TaskDefinition definition;
  private final ConnectorRegistry connectors;
  private final Path dataDir;
  private volatile FullLoadRunner runner;
  private volatile boolean stopping;
  private volatile CdcTaskRun cdc;
  private final TaskValidation validation;
  private volatile CdcValidation cdcValidation;
  private volatile List<TableVerdict> lastCdcVerdicts = List.of();

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
        plans = new TaskPlanner(definition.tableMappings(), definition.settings().targetMetadata().targetSchema(),
            definition.settings().targetMetadata().supportLobs())
            .plan(source);
      } catch (OpenDmsException e) {
        if (e.code() != ErrorCode.NO_TABLES_SELECTED || definition.settings().errorBehavior().failOnNoTablesCaptured()
            || definition.migrationType().includesCdc()) {
          throw e;
        }
        // ErrorBehavior.FailOnNoTablesCaptured false: a full load of nothing completes
        log.warn("task {}: {}; nothing to load (FailOnNoTablesCaptured is false)", definition.taskId(), e.getMessage());
        return new TaskResult(List.of(), List.of(), false);
      }
      refuseToOverwriteTheSource(plans);
      Optional<TaskState> earlier = startMode == StartMode.RESUME_PROCESSING ? store.load() : Optional.empty();
      var state = new TaskStateKeeper(store, definition, plans, earlier);
      if (validation.validationOnly()) {
        log.info("task {}: ValidationOnly: validating {} table(s) without loading",
            definition.taskId(), plans.size());
        return new TaskResult(List.of(), List.of(), stopping, null,
            validation.run(source, plans, state));
      }
      SchemaObjects objects = schemaObjects(source, target, plans);
      if (definition.migrationType().includesCdc()) {
        CdcTaskRun run = new CdcTaskRun(definition, requireCdc(source), requireCdc(target), plans,
            state, store.directory(), objects);
        cdc = run;
        if (stopping) {
          run.stop();
        }
        if (!validation.enabled()) {
          return run.run(startMode, fullLoadOptions());
        }
        boolean fullLoadFirst = definition.migrationType().includesFullLoad()
            && startMode != StartMode.RESUME_PROCESSING;
        CdcValidation checking = new CdcValidation(definition, connectors, plans, state,
            () -> caughtUp(run, fullLoadFirst));
        cdcValidation = checking;
        checking.start(source);
        TaskResult result;
        try {
          result = run.run(startMode, fullLoadOptions());
        } finally {
          lastCdcVerdicts = checking.stop();
        }
        return new TaskResult(result.loaded(), result.keptFromEarlierRun(), result.stopped(),
            result.cdcStop(), lastCdcVerdicts);
      }
      List<TablePlan> toLoad = plans.stream().filter(p -> !state.completedEarlier(p)).toList();
      log.info("task {}: {} table(s) selected, {} to load ({})", definition.taskId(), plans.size(),
          toLoad.size(), startMode);
      FullLoadRunner fullLoad = new FullLoadRunner(source, objects.preparing(target, toLoad),
          fullLoadOptions(), toLoad, objects.afterEachTable(state::record));
      runner = fullLoad;
      if (stopping) {
        fullLoad.stop();
      }
      List<TableStatus> loaded = fullLoad.run();
      if (!stopping) {
        objects.fullLoadFinished(plans, loaded);
      }
      List<TableVerdict> verdicts = List.of();
      if (validation.enabled() && !stopping) {
        verdicts = validation.run(source, loaded.stream()
            .filter(t -> t.state() == TableState.TABLE_COMPLETED).map(TableStatus::plan).toList(),
            state);
      }
      return new TaskResult(loaded, state.keptFromEarlierRun(), stopping, null, verdicts);
    }
  }

  /** Asks a running task to stop; returns at once. */
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

  private ChangeSourceConnector requireCdc(SourceConnector source) {
    if (source instanceof ChangeSourceConnector capable) {
      return capable;
    }
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "source engine "
        + definition.source().engine() + " cannot capture changes in this build; migration type "
        + definition.migrationType() + " needs it (use full-load)");
  }

  private ChangeTargetConnector requireCdc(TargetConnector target) {
    if (target instanceof ChangeTargetConnector capable) {
      return capable;
    }
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "target engine "
        + definition.target().engine() + " cannot apply changes in this build; migration type "
        + definition.migrationType() + " needs it (use full-load)");
  }

  /**
   * The tables being loaded, with live progress, for full-load tasks and the full load of a
   * full-load-and-cdc task; empty until planning is done.
   */
  public List<TableStatus> status() {
    FullLoadRunner current = runner;
    if (current != null) {
      return current.status();
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
        definition.allowNativeFormats(), tableErrorsBeforeStop());
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
