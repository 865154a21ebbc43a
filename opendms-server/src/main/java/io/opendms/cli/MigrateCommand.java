package io.opendms.cli;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.CdcPositions;
import io.opendms.engine.task.MigrationTask;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.StartMode;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.engine.task.TaskResult;
import io.opendms.engine.task.TaskStateStore;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--source", required = true, paramLabel = "URI",
      description = "Source endpoint, e.g. postgresql://user:pass@host:5432/db?sslmode=require")
  String source;

  @Option(names = "--target", required = true, paramLabel = "URI", description = "Target endpoint URI.")
  String target;

  @Option(names = "--migration-type", required = true, paramLabel = "TYPE",
      description = "full-load, full-load-and-cdc or cdc.")
  String migrationType;

  @Option(names = "--table-mappings", paramLabel = "FILE",
      description = "DMS table-mapping JSON; default: every table of every schema.")
  Path tableMappings;

  @Option(names = "--task-settings", paramLabel = "FILE",
      description = "DMS task-settings JSON, merged onto DMS's defaults.")
  Path taskSettings;

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
      description = "cdc: DMS CdcStartPosition, a native position of an existing slot (PostgreSQL"
          + " LSN such as 0/16B3748); default: from now.")
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
      startMode = parse(() -> StartMode.parse(start), "--start");
    } catch (OpenDmsException e) {
      err.println("opendms migrate: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    err.println("opendms migrate: task " + definition.taskId() + " (" + definition.migrationType()
        + ", " + startMode + "): " + definition.source().describe() + " -> " + definition.target().describe());
    var task = new MigrationTask(definition, ConnectorRegistry.load(), dataDir);
    try (TaskLogFile log = TaskLogFile.attach(dataDir, definition.taskId())) {
      return new ForegroundRun(task, startMode, definition, ProgressDisplay.forConsole(err), System.out, err)
          .execute();
    }
  }

  private TaskDefinition define() {
    EndpointConfig sourceEndpoint = EndpointUri.parse(source);
    EndpointConfig targetEndpoint = EndpointUri.parse(target);
    MigrationType type = parse(() -> MigrationType.parse(migrationType), "--migration-type");
    TableMappings mappings =
        tableMappings == null ? TableMappings.includeEverything() : TableMappings.parse(read(tableMappings, "--table-mappings"));
    TaskSettings settings =
        taskSettings == null ? TaskSettings.defaults() : TaskSettings.parse(read(taskSettings, "--task-settings"));
    String id = taskId != null ? taskId : defaultTaskId(sourceEndpoint, targetEndpoint);
    TaskStateStore.checkTaskId(id);
    CdcPositions positions =
        parse(() -> CdcPositions.parse(cdcStartPosition, cdcStopPosition), "--cdc-stop-position");
    return new TaskDefinition(
        id, sourceEndpoint, targetEndpoint, type, mappings, settings, !decodeRows, positions);
  }

  static <T> T parse(java.util.function.Supplier<T> parser, String option) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, option + ": " + e.getMessage());
    }
  }

  static String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, option + ": cannot read " + file + ": " + e);
    }
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
