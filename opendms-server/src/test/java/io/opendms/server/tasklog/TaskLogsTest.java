package io.opendms.server.tasklog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class TaskLogsTest {
  private static final Logger runner = LoggerFactory.getLogger("io.opendms.server.control.TaskRunner");
  private static final Logger load = LoggerFactory.getLogger("io.opendms.engine.fullload.PartitionWorker");

  @TempDir
  Path dataDir;

  @Test
  void writesOnlyWhatTheTasksThreadsLogWhileOpen() throws Exception {
    runner.info("before the task");
    Thread other = new Thread(() -> runner.info("another thread"));
    try (AutoCloseable scope = TaskLogs.open(dataDir, "T1")) {
      runner.info("Task t1 starting");
      Thread worker = new Thread(() -> load.warn("partition 3 retried"));
      worker.start();
      worker.join();
      other.start();
      other.join();
    }
    runner.info("after the task");
    var entries = TaskLogs.read(dataDir, "T1", new TaskLogQuery(Set.of(), null, "", 100));
    assertThat(entries).extracting(TaskLogEntry::message).containsExactly("Task t1 starting", "partition 3 retried");
    assertThat(entries).extracting(TaskLogEntry::component)
        .containsExactly(LogComponent.TASK_MANAGER, LogComponent.TARGET_LOAD);
  }

  @Test
  void eachComponentWritesTheSeveritiesTheTaskAsksFor() throws Exception {
    var levels = new TaskLogLevels(java.util.Map.of(
        LogComponent.TASK_MANAGER, LogSeverity.ERROR, LogComponent.TARGET_LOAD, LogSeverity.DEBUG));
    try (AutoCloseable scope = TaskLogs.open(dataDir, "T3", levels)) {
      runner.info("manager info, left out");
      runner.error("manager error");
      load.debug("load debug, made though the logger is at INFO");
      load.trace("load trace, left out");
    }
    load.debug("debug after the task, not made");
    assertThat(load.isDebugEnabled()).isFalse();
    assertThat(TaskLogs.read(dataDir, "T3", new TaskLogQuery(Set.of(), null, "", 100)))
        .extracting(TaskLogEntry::message)
        .containsExactly("manager error", "load debug, made though the logger is at INFO");
  }

  @Test
  void filtersByComponentSeverityAndTextAndKeepsTheNewest() throws Exception {
    try (AutoCloseable scope = TaskLogs.open(dataDir, "T2")) {
      for (int i = 1; i <= 5; i++) {
        runner.info("step {}", i);
      }
      load.error("table app.orders failed");
    }
    assertThat(TaskLogs.read(dataDir, "T2", new TaskLogQuery(Set.of(LogComponent.TARGET_LOAD), null, "", 100)))
        .extracting(TaskLogEntry::message).containsExactly("table app.orders failed");
    assertThat(TaskLogs.read(dataDir, "T2", new TaskLogQuery(Set.of(), LogSeverity.WARNING, "", 100)))
        .extracting(TaskLogEntry::severity).containsExactly(LogSeverity.ERROR);
    assertThat(TaskLogs.read(dataDir, "T2", new TaskLogQuery(Set.of(), null, "STEP", 2)))
        .extracting(TaskLogEntry::message).containsExactly("step 4", "step 5");
  }

  @Test
  void aTaskThatNeverLoggedHasAnEmptyLog() {
    assertThat(TaskLogs.read(dataDir, "none", new TaskLogQuery(Set.of(), null, "", 10))).isEmpty();
    assertThat(Files.exists(TaskLogs.file(dataDir, "none"))).isFalse();
  }
}
