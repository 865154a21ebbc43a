package io.opendms.cli;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.CdcPositions;
import io.opendms.engine.task.MigrationTask;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.StartMode;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.engine.task.TaskResult;
import io.opendms.engine.task.TaskStateStore;
import io.opendms.server.tasklog.TaskLogLevels;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendms migrate}: one task in the foreground, no server needed. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Run one replication task in the foreground and print a per-table summary.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every table completed (with CDC: and replication was stopped by a signal or its stop position)",
      "1:the task failed or some table did not complete",
      "2:bad input (flags, URIs, files, credentials, unreachable endpoint)"
    })
final class MigrateCommand implements Callable<Integer> {

  @Mixin TaskOptions task;

  @Option(names = "--task-id", paramLabel = "ID",
      description = "Task identifier keying its state in the data directory;"
          + " default: derived from the source and target.")
  String taskId;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "opendms-data",
      description = "Where task state lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--start", paramLabel = "TYPE", defaultValue = "start-replication",
      description = "start-replication, resume-processing or reload-target (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--cdc-start-position", paramLabel = "POSITION",
      description = "cdc: DMS CdcStartPosition, a native position (PostgreSQL: an LSN of an"
          + " existing slot such as 0/16B3748; MySQL: a binlog position such as"
          + " mysql-bin.000024:373 or a GTID set such as 0-1-42) or a UTC time such as 2026-03-08T12:12:12 (DMS CdcStartTime,"
          + " MySQL only); default: from now.")
  String cdcStartPosition;

  @Option(names = "--cdc-stop-position", paramLabel = "POSITION",
      description = "DMS CdcStopPosition: server_time:YYYY-MM-DDTHH:MM:SS or commit_time:... (UTC);"
          + " default: replicate until stopped (Ctrl-C).")
  String cdcStopPosition;

  @Option(names = "--decode-rows", hidden = true,
      description = "Decode every row into canonical values even where the native fast path applies.")
  boolean decodeRows;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    TaskDefinition definition;
    StartMode startMode;
    try {
      definition = define();
      startMode = TaskOptions.parse(() -> StartMode.parse(start), "--start");
    } catch (OpenDmsException e) {
      err.println("opendms migrate: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    err.println("opendms migrate: task " + definition.taskId() + " (" + definition.migrationType()
        + ", " + startMode + "): " + definition.source().describe() + " -> " + definition.target().describe());
    var task = new MigrationTask(definition, ConnectorRegistry.load(), dataDir);
    try (TaskLogFile log = TaskLogFile.attach(dataDir, definition.taskId(),
        TaskLogLevels.of(definition.settings()))) {
      return new ForegroundRun(task, startMode, definition, ProgressDisplay.forConsole(err), System.out, err)
          .execute();
    }
  }

  private TaskDefinition define() {
    EndpointConfig sourceEndpoint = task.sourceEndpoint();
    EndpointConfig targetEndpoint = task.targetEndpoint();
    MigrationType type = task.migrationType();
    TableMappings mappings = task.mappings();
    TaskSettings settings = task.settings();
    String id = taskId != null ? taskId : defaultTaskId(sourceEndpoint, targetEndpoint);
    TaskStateStore.checkTaskId(id);
    CdcPositions positions =
        TaskOptions.parse(() -> CdcPositions.parse(cdcStartPosition, cdcStopPosition), "--cdc-stop-position");
    return new TaskDefinition(
        id, sourceEndpoint, targetEndpoint, type, mappings, settings, !decodeRows, positions);
  }

  /** A stable id per source/target pair, so that a rerun with resume-processing finds its state. */
  static String defaultTaskId(EndpointConfig source, EndpointConfig target) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((source.describe() + "|" + target.describe()).getBytes(StandardCharsets.UTF_8));
      return "migrate-" + HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static int exitCodeFor(OpenDmsException e) {
    return e.category() == ErrorCategory.INTERNAL ? ExitCode.TASK_FAILED : ExitCode.BAD_INPUT;
  }

  static int exitCodeFor(TaskResult result) {
    return result.succeeded() ? ExitCode.COMPLETED : ExitCode.TASK_FAILED;
  }
}
