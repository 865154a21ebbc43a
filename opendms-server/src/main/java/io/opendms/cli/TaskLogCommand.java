package io.opendms.cli;

import io.opendms.server.tasklog.LogComponent;
import io.opendms.server.tasklog.LogSeverity;
import io.opendms.server.tasklog.TaskLogEntry;
import io.opendms.server.tasklog.TaskLogQuery;
import io.opendms.server.tasklog.TaskLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opendms task-log}: prints a task's log, filtered, from a data directory. */
@Command(
    name = "task-log",
    mixinStandardHelpOptions = true,
    description = {"Print the log of a task (opendms migrate --task-id, or a server task: the last part of its ARN)."})
final class TaskLogCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "opendms-data",
      description = "The data directory of the run or server (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--task-id", required = true, paramLabel = "ID", description = "The task id.")
  String taskId;

  @Option(names = "--component", split = ",", paramLabel = "NAME",
      description = "Only these components (SOURCE_UNLOAD, SOURCE_CAPTURE, TARGET_LOAD, TARGET_APPLY,"
          + " TABLES_MANAGER, TASK_MANAGER, ...).")
  List<String> components = List.of();

  @Option(names = "--severity", paramLabel = "E|W|I|D|T", description = "This severity or worse.")
  String severity;

  @Option(names = "--text", description = "Only entries whose message contains this (any case).")
  String text;

  @Option(names = "--limit", defaultValue = "1000", description = "The newest N entries (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    TaskLogQuery query;
    try {
      Set<LogComponent> wanted = components.stream().map(LogComponent::parse).collect(Collectors.toSet());
      query = new TaskLogQuery(wanted, severity == null ? null : LogSeverity.parse(severity), text, limit);
    } catch (IllegalArgumentException e) {
      System.err.println("opendms task-log: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (!Files.isRegularFile(TaskLogs.file(dataDir, taskId))) {
      System.err.println("opendms task-log: no log of task " + taskId + " in " + dataDir);
      return ExitCode.BAD_INPUT;
    }
    for (TaskLogEntry entry : TaskLogs.read(dataDir, taskId, query)) {
      System.out.println(entry.prefix() + entry.message().replace("\n", System.lineSeparator() + "    "));
    }
    return 0;
  }
}
