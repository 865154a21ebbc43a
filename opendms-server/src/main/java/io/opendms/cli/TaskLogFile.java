package io.opendms.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Appends everything the task logs to {@code <data-dir>/tasks/<id>/task.log}, beside its state,
 * so a run's history survives the terminal it ran in.
 */
final class TaskLogFile implements AutoCloseable {
  private final FileAppender<ILoggingEvent> appender;
  private final Logger root;

  private TaskLogFile(FileAppender<ILoggingEvent> appender, Logger root) {
    this.appender = appender;
    this.root = root;
  }

  static TaskLogFile attach(Path dataDir, String taskId) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    var appender = new FileAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("task-log");
    appender.setFile(dataDir.resolve("tasks").resolve(taskId).resolve("task.log").toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new TaskLogFile(appender, root);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
