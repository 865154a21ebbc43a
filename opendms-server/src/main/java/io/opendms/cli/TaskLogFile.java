package io.opendms.cli;

import io.opendms.server.tasklog.TaskLogLevels;
import io.opendms.server.tasklog.TaskLogs;
import java.nio.file.Path;

/**
 * Appends everything the task logs, from any thread, to {@code <data-dir>/tasks/<id>/task.log}
 * beside its state, in the task-log layout the server writes ({@code [COMPONENT]S:  text}), so a
 * run's history survives the terminal it ran in and {@code opendms task-log} reads it.
 */
final class TaskLogFile implements AutoCloseable {
  private final AutoCloseable scope;

  private TaskLogFile(AutoCloseable scope) {
    this.scope = scope;
  }

  static TaskLogFile attach(Path dataDir, String taskId, TaskLogLevels levels) {
    return new TaskLogFile(TaskLogs.openForProcess(dataDir, taskId, levels));
  }

  @Override
  public void close() {
    try {
      scope.close();
    } catch (Exception e) {
      System.err.println("opendms: closing the task log: " + e);
    }
  }
}
