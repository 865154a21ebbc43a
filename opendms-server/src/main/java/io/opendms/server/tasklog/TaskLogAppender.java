package io.opendms.server.tasklog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Writes each logging event of a thread that works for a task (MDC {@link #TASK_KEY}) to that
 * task's log file. Events of other threads are left to the other appenders. One instance per
 * Logback context, attached to the root logger by {@link #installed()}.
 */
final class TaskLogAppender extends AppenderBase<ILoggingEvent> {
  static final String TASK_KEY = "opendms.task";
  private static final String NAME = "opendms-task-logs";

  private final Map<String, Writer> writers = new ConcurrentHashMap<>();
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
    return appender;
  }

  void register(String taskId, Writer writer) {
    Writer earlier = writers.put(taskId, writer);
    closeQuietly(earlier);
  }

  void processTask(String taskId) {
    processTask = taskId;
  }

  void unregister(String taskId, Writer writer) {
    if (writers.remove(taskId, writer)) {
      closeQuietly(writer);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    String taskId = event.getMDCPropertyMap().getOrDefault(TASK_KEY, processTask);
    Writer writer = taskId == null ? null : writers.get(taskId);
    if (writer == null) {
      return;
    }
    String message = event.getFormattedMessage();
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      message = message + "\n" + thrown.getClassName() + ": " + thrown.getMessage();
    }
    var entry = new TaskLogEntry(Instant.ofEpochMilli(event.getTimeStamp()),
        LogComponent.ofLogger(event.getLoggerName()), LogSeverity.ofLogback(event.getLevel()),
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
