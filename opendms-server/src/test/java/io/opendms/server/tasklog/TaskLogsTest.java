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
  void writesOnlyWhatTheTasksOwnThreadLogsWhileOpen() throws Exception {
    runner.info("before the task");
    try (AutoCloseable scope = TaskLogs.open(dataDir, "T1")) {
      runner.info("Task t1 starting");
      load.warn("partition 3 retried");
      Thread other = new Thread(() -> runner.info("another thread"));
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
