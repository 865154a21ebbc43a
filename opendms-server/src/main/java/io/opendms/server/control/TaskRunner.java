package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.cdc.TableChanges;
import io.opendms.engine.task.CdcPositions;
import io.opendms.engine.task.MigrationTask;
import io.opendms.engine.task.StartMode;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.engine.task.TaskResult;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import io.opendms.server.dms.Json;
import io.opendms.server.tasklog.TaskLogLevels;
import io.opendms.server.tasklog.TaskLogs;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.server.store.MetadataStore;
import io.opendms.engine.connector.ConnectorRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each started task on a thread of its own and moves its status: starting, running, then
 * stopped (with StopReason) or failed (with LastFailureMessage). A failing task never takes the
 * server down. On shutdown, tasks are stopped but stay {@code running} in the store, so the
 * next start resumes them.
 */
final class TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  private final MetadataStore store;
  private final TaskRecords records;
  private final Events events;
  private final ConnectorRegistry connectors;
  private final Path dataDir;
  private final Clock clock;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private volatile boolean shuttingDown;

  TaskRunner(ServerContext context, TaskRecords records, Events events) {
    this.store = context.store();
    this.records = records;
    this.events = events;
    this.connectors = context.connectors();
    this.dataDir = context.dataDir();
    this.clock = context.clock();
  }

  private static final class Run {
    final MigrationTask migration;
    final String identifier;
    final TaskLogLevels logLevels;
    volatile Thread thread;

    Run(MigrationTask migration, String identifier, TaskLogLevels logLevels) {
      this.migration = migration;
      this.identifier = identifier;
      this.logLevels = logLevels;
    }
  }

  boolean isActive(String arn) {
    return runs.containsKey(arn);
  }

  /** The tasks running now. */
  List<LiveTask> live() {
    return runs.entrySet().stream()
        .map(e -> new LiveTask(e.getKey(), e.getValue().identifier, e.getValue().migration))
        .toList();
  }

  /** Live table progress of a running task. */
  Optional<List<TableProgress>> progress(String arn) {
    Run run = runs.get(arn);
    return run == null ? Optional.empty() : Optional.of(live(run.migration));
  }

  /**
   * Asks a running task to load tables again.
   *
   * @return false when the task is not running here
   * @throws io.opendms.spi.error.OpenDmsException naming a table the task does not select
   * @throws IllegalStateException while the task is still starting
   */
  boolean reload(String arn, List<TableId> tables) {
    Run run = runs.get(arn);
    if (run == null) {
      return false;
    }
    run.migration.reloadTables(tables);
    return true;
  }

  /** The running task's CDC position last committed on the target. */
  Optional<String> appliedPosition(String arn) {
    Run run = runs.get(arn);
    return run == null ? Optional.empty() : run.migration.appliedPosition();
  }

  /** The WAL the running task's slot keeps on the source, as last measured. */
  java.util.OptionalLong retainedBytes(String arn) {
    Run run = runs.get(arn);
    return run == null ? java.util.OptionalLong.empty() : run.migration.retainedBytes();
  }

  synchronized void start(String arn, String identifier, TaskDefinition definition, StartMode mode) {
    MigrationTask migration = new MigrationTask(definition, connectors, dataDir);
    migration.onWarning(message -> events.task(identifier, message, "State Change"));
    Run run = new Run(migration, identifier, TaskLogLevels.of(definition.settings()));
    runs.put(arn, run);
    Thread thread = new Thread(() -> execute(arn, run, mode), "opendms-task-" + definition.taskId());
    thread.setDaemon(true);
    run.thread = thread;
    thread.start();
  }

  void stop(String arn) {
    Run run = runs.get(arn);
    if (run != null) {
      run.migration.stop();
    }
  }

  private void execute(String arn, Run run, StartMode mode) {
    AutoCloseable taskLog = () -> {};
    try {
      taskLog = TaskLogs.open(dataDir, Arns.engineTaskId(arn), run.logLevels);
    } catch (RuntimeException e) {
      // Without its log file the task still runs; the server log has everything.
      log.warn("task {} runs without a task log: {}", run.identifier, e.getMessage());
    }
    try {
      log.info("Task {} ({}) starting with flag {}", run.identifier, arn, mode.dmsName());
      executeLogged(arn, run, mode);
    } finally {
      try {
        taskLog.close();
      } catch (Exception e) {
        log.warn("the task log of {} could not be closed: {}", run.identifier, e.toString());
      }
    }
  }

  private void executeLogged(String arn, Run run, StartMode mode) {
    // A stop that came while starting has already said "stopping": keep it.
    records.update(arn, body -> {
      if (body.path("Status").asText().equals("starting")) {
        body.put("Status", "running");
      }
    });
    events.task(run.identifier, "Replication task started, with flag = " + mode.dmsName(), "State Change");
    try {
      TaskResult result = run.migration.run(mode);
      if (result.stopped() && shuttingDown) {
        return;
      }
      var tables = new ArrayList<TableProgress>();
      var validation = new HashMap<TableId, ValidationStatus>();
      result.validation().forEach(v -> validation.put(v.source(), ValidationStatus.of(v)));
      if (result.cdcStop() != null) {
        tables.addAll(live(run.migration)); // every table, with its CDC counts
      } else {
        result.keptFromEarlierRun().forEach(kept -> tables.add(TableProgress.of(kept)));
        result.loaded().forEach(status -> tables.add(TableProgress.of(status, validation)));
        if (result.loaded().isEmpty()) {
          result.validation().forEach(verdict -> tables.add(TableProgress.validatedOnly(verdict)));
        }
      }
      String reason = result.cdcStop() != null ? result.cdcStop().stopReason()
          : result.stopped() ? "Stop Reason NORMAL" : "Stop Reason FULL_LOAD_ONLY_FINISHED";
      log.info("Task {} stopped. {}", run.identifier, reason);
      finish(arn, tables, "stopped", reason, firstError(tables));
      events.task(run.identifier, "Replication task stopped. " + reason, "State Change");
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      if (e instanceof OpenDmsException known && known.category() == ErrorCategory.USER) {
        log.error("Task {} failed: {}", run.identifier, e.getMessage());
      } else {
        log.error("Task {} failed: {}", run.identifier, e.getMessage(), e);
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      List<TableProgress> tables = live(run.migration);
      finish(arn, tables, "failed", "Stop Reason FATAL_ERROR", message);
      events.task(run.identifier, "Replication task has failed. " + message, "Failure");
    } finally {
      runs.remove(arn);
    }
  }

  private void finish(String arn, List<TableProgress> tables, String status, String reason, String failure) {
    Instant now = clock.instant();
    try {
      store.activity().putTaskTables(arn, TaskStatistics.tableStatistics(tables, now));
    } catch (RuntimeException e) {
      log.warn("could not store the table statistics of {}: {}", arn, e.getMessage());
    }
    Optional<String> applied = migration(arn).flatMap(MigrationTask::appliedPosition);
    records.update(arn, body -> {
      body.put("Status", status);
      body.put("StopReason", reason);
      applied.ifPresent(p -> body.put("RecoveryCheckpoint", CdcPositions.recoveryCheckpoint(p)));
      if (failure != null) {
        body.put("LastFailureMessage", failure);
      } else {
        body.remove("LastFailureMessage");
      }
      ObjectNode stats = body.with("ReplicationTaskStats");
      TaskStatistics.count(stats, tables);
      stats.set("StopDate", Json.timestamp(now));
      if (stats.has("StartDate")) {
        Instant started = Instant.ofEpochMilli(stats.get("StartDate").decimalValue().movePointRight(3).longValue());
        stats.put("ElapsedTimeMillis", Duration.between(started, now).toMillis());
      }
    });
  }

  private static List<TableProgress> live(MigrationTask migration) {
    var validation = migration.validationStatus();
    Map<TableId, TableChanges> changes = migration.cdcTableChanges();
    return migration.status().stream()
        .map(status -> TableProgress.of(status, validation,
            changes.getOrDefault(status.plan().target().id(), TableChanges.NONE)))
        .toList();
  }

  private Optional<MigrationTask> migration(String arn) {
    return Optional.ofNullable(runs.get(arn)).map(run -> run.migration);
  }

  private static String firstError(List<TableProgress> tables) {
    return tables.stream().map(TableProgress::error).filter(e -> e != null).findFirst().orElse(null);
  }

  /** Stops every task and waits for it; their stored status stays as it was, to be resumed. */
  void shutdown(Duration wait) {
    shuttingDown = true;
    runs.values().forEach(run -> run.migration.stop());
    Instant deadline = clock.instant().plus(wait);
    for (Run run : List.copyOf(runs.values())) {
      try {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        if (left > 0 && run.thread != null) {
          run.thread.join(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
