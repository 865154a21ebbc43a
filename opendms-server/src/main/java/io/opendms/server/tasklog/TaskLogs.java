package io.opendms.server.tasklog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Task logs under the data directory: {@code <data-dir>/tasks/<task id>/task.log}. {@link #open}
 * makes the calling thread's logging go to its task's log; {@link #read} reads one back.
 */
public final class TaskLogs {
  /** A log is read from its end; older entries than this many bytes are not searched. */
  static final long READ_LIMIT_BYTES = 8L * 1024 * 1024;

  private TaskLogs() {}

  public static Path file(Path dataDir, String taskId) {
    return dataDir.resolve("tasks").resolve(taskId).resolve("task.log");
  }

  /**
   * Sends what the calling thread, and the threads it starts, log to the task's log until the
   * returned scope is closed (on the same thread), at the default severities.
   */
  public static AutoCloseable open(Path dataDir, String taskId) {
    return open(dataDir, taskId, TaskLogLevels.DEFAULT);
  }

  /**
   * Like {@link #open(Path, String)}, each component writing the severities {@code levels}
   * give (the task's {@code Logging.LogComponents}).
   */
  public static AutoCloseable open(Path dataDir, String taskId, TaskLogLevels levels) {
    Path file = file(dataDir, taskId);
    Writer writer;
    try {
      Files.createDirectories(file.getParent());
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the task log " + file, e);
    }
    TaskLogAppender appender = TaskLogAppender.installed();
    appender.register(taskId, writer, levels);
    MDC.put(TaskLogAppender.TASK_KEY, taskId);
    TaskLogAppender.THREAD_TASK.set(taskId);
    return () -> {
      MDC.remove(TaskLogAppender.TASK_KEY);
      TaskLogAppender.THREAD_TASK.remove();
      appender.unregister(taskId, writer);
    };
  }

  /**
   * For a process that runs one task ({@code opendms migrate}): everything any thread of the
   * process logs goes to the task's log until the scope is closed.
   */
  public static AutoCloseable openForProcess(Path dataDir, String taskId, TaskLogLevels levels) {
    AutoCloseable scope = open(dataDir, taskId, levels);
    TaskLogAppender appender = TaskLogAppender.installed();
    appender.processTask(taskId);
    return () -> {
      appender.processTask(null);
      scope.close();
    };
  }

  /** The newest entries matching the query, oldest first; empty when the task never logged. */
  public static List<TaskLogEntry> read(Path dataDir, String taskId, TaskLogQuery query) {
    Path file = file(dataDir, taskId);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    var newest = new ArrayDeque<TaskLogEntry>();
    for (String line : tail(file)) {
      TaskLogEntry.parse(line).filter(query::matches).ifPresent(entry -> {
        newest.addLast(entry);
        if (newest.size() > query.limit()) {
          newest.removeFirst();
        }
      });
    }
    return new ArrayList<>(newest);
  }

  private static List<String> tail(Path file) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - READ_LIMIT_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
      if (start > 0 && !lines.isEmpty()) {
        lines.remove(0); // cut in the middle
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task log " + file, e);
    }
  }
}
