package io.opendms.server.tasklog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Writes each logging event of a thread that works for a task (MDC {@link #TASK_KEY}, or a thread
 * started by one) to that task's log file, when the task's {@link TaskLogLevels} let its component
 * write that severity. Events of other threads are left to the other appenders. One instance per
 * Logback context, attached to the root logger by {@link #installed()}, with a turbo filter that
 * lets loggers make the DEBUG and TRACE events a task asks for.
 */
final class TaskLogAppender extends AppenderBase<ILoggingEvent> {
  static final String TASK_KEY = "opendms.task";
  private static final String NAME = "opendms-task-logs";
  /**
   * The task of threads that a task's thread starts (full-load workers, capture, apply): the MDC
   * is not inherited, this is.
   */
  static final InheritableThreadLocal<String> THREAD_TASK = new InheritableThreadLocal<>();

  private final Map<String, TaskLog> logs = new ConcurrentHashMap<>();
  private final Map<String, LogComponent> components = new ConcurrentHashMap<>();
  /** Whether a registered task wants DEBUG or TRACE entries: else the turbo filter is idle. */
  private volatile boolean anyVerbose;
  /** The task of a process that runs only one (opendms migrate): it gets every thread's events. */
  private volatile String processTask;

  /** The appender of the current Logback context, attached on first use. */
  static synchronized TaskLogAppender installed() {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) instanceof TaskLogAppender existing) {
      return existing;
    }
    var appender = new TaskLogAppender();
    appender.setContext(context);
    appender.setName(NAME);
    appender.start();
    root.addAppender(appender);
    TurboFilter verbose = appender.new VerboseTasks();
    verbose.setContext(context);
    verbose.start();
    context.addTurboFilter(verbose);
    return appender;
  }

  void register(String taskId, Writer writer, TaskLogLevels levels) {
    TaskLog earlier = logs.put(taskId, new TaskLog(writer, levels));
    anyVerbose = logs.values().stream().anyMatch(log -> log.levels().verbose());
    if (earlier != null) {
      closeQuietly(earlier.writer());
    }
  }

  void processTask(String taskId) {
    processTask = taskId;
  }

  void unregister(String taskId, Writer writer) {
    TaskLog log = logs.get(taskId);
    if (log != null && log.writer() == writer && logs.remove(taskId, log)) {
      anyVerbose = logs.values().stream().anyMatch(l -> l.levels().verbose());
      closeQuietly(writer);
    }
  }

  /** The task the calling thread works for, or null. */
  private String currentTask() {
    String task = MDC.get(TASK_KEY);
    if (task == null) {
      task = THREAD_TASK.get();
    }
    return task == null ? processTask : task;
  }

  private LogComponent componentOf(String loggerName) {
    return components.computeIfAbsent(loggerName, LogComponent::ofLogger);
  }

  @Override
  protected void append(ILoggingEvent event) {
    String taskId = event.getMDCPropertyMap().get(TASK_KEY);
    if (taskId == null) {
      taskId = currentTask(); // appenders run on the logging thread
    }
    TaskLog log = taskId == null ? null : logs.get(taskId);
    if (log == null) {
      return;
    }
    LogComponent component = componentOf(event.getLoggerName());
    LogSeverity severity = LogSeverity.ofLogback(event.getLevel());
    if (!log.levels().writes(component, severity)) {
      return;
    }
    Writer writer = log.writer();
    String message = event.getFormattedMessage();
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      message = message + "\n" + thrown.getClassName() + ": " + thrown.getMessage();
    }
    var entry = new TaskLogEntry(Instant.ofEpochMilli(event.getTimeStamp()), component, severity,
        message == null ? "" : message);
    synchronized (writer) {
      try {
        writer.write(entry.format());
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        addWarn("cannot write the log of task " + taskId + ": " + e);
      }
    }
  }

  private record TaskLog(Writer writer, TaskLogLevels levels) {}

  /**
   * Lets a logger make a DEBUG or TRACE event that its level would drop when the task of the
   * logging thread wants that severity from the logger's component; decides nothing otherwise.
   * Runs on every logging call, so it returns at once while no task is verbose.
   */
  private final class VerboseTasks extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, ch.qos.logback.classic.Level level,
        String format, Object[] params, Throwable t) {
      if (!anyVerbose || level == null || level.isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)) {
        return FilterReply.NEUTRAL;
      }
      String taskId = currentTask();
      TaskLog log = taskId == null ? null : logs.get(taskId);
      if (log != null
          && log.levels().writes(componentOf(logger.getName()), LogSeverity.ofLogback(level))) {
        return FilterReply.ACCEPT;
      }
      return FilterReply.NEUTRAL;
    }
  }

  private static void closeQuietly(Writer writer) {
    if (writer == null) {
      return;
    }
    try {
      synchronized (writer) {
        writer.close();
      }
    } catch (IOException e) {
      // The file was written and flushed entry by entry; nothing is lost by a failed close.
    }
  }
}
