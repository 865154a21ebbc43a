package io.opendms.server.tasklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskLogEntryTest {
  private static final Instant TIME = Instant.parse("2026-11-30T06:00:00.123Z");

  @Test
  void writesDmsLayoutAndReadsItBack() {
    var entry = new TaskLogEntry(TIME, LogComponent.TARGET_LOAD, LogSeverity.WARNING, "table app.items: 3 rows");
    assertThat(entry.format()).isEqualTo("2026-11-30T06:00:00.123Z [TARGET_LOAD     ]W:  table app.items: 3 rows");
    assertThat(TaskLogEntry.parse(entry.format())).contains(entry);
  }

  @Test
  void keepsAMultiLineMessageOnOneLineOfTheFile() {
    var entry = new TaskLogEntry(TIME, LogComponent.TASK_MANAGER, LogSeverity.ERROR, "failed\nCaused by: x \\ y");
    assertThat(entry.format()).doesNotContain("\n");
    assertThat(TaskLogEntry.parse(entry.format())).contains(entry);
  }

  @Test
  void ignoresLinesOfAnotherLayout() {
    assertThat(TaskLogEntry.parse("2026-11-30T06:00:00Z INFO [main] something")).isEmpty();
    assertThat(TaskLogEntry.parse("2026-11-30T06:00:00Z [NO_SUCH_THING]I:  text")).isEmpty();
  }

  @Test
  void mapsLoggersToDmsComponents() {
    assertThat(LogComponent.ofLogger("io.opendms.engine.cdc.CaptureThread")).isEqualTo(LogComponent.SOURCE_CAPTURE);
    assertThat(LogComponent.ofLogger("io.opendms.connector.postgres.CaptureOpener")).isEqualTo(LogComponent.SOURCE_CAPTURE);
    assertThat(LogComponent.ofLogger("io.opendms.connector.mysql.MySqlSourceConnector")).isEqualTo(LogComponent.SOURCE_UNLOAD);
    assertThat(LogComponent.ofLogger("io.opendms.engine.fullload.FullLoadRunner")).isEqualTo(LogComponent.TABLES_MANAGER);
    assertThat(LogComponent.ofLogger("io.opendms.engine.cdc.ApplyLoop")).isEqualTo(LogComponent.TARGET_APPLY);
    assertThat(LogComponent.ofLogger("io.opendms.server.control.TaskRunner")).isEqualTo(LogComponent.TASK_MANAGER);
    assertThat(LogComponent.ofLogger("org.postgresql.Driver")).isEqualTo(LogComponent.COMMON);
  }

  @Test
  void severityFiltersTakeLettersOrNamesAndRejectOthers() {
    assertThat(LogSeverity.parse("w")).isEqualTo(LogSeverity.WARNING);
    assertThat(LogSeverity.parse("ERROR")).isEqualTo(LogSeverity.ERROR);
    assertThat(LogSeverity.ERROR.atLeast(LogSeverity.WARNING)).isTrue();
    assertThat(LogSeverity.INFO.atLeast(LogSeverity.WARNING)).isFalse();
    assertThatThrownBy(() -> LogSeverity.parse("loud")).hasMessageContaining("unknown severity 'loud'");
    assertThatThrownBy(() -> LogComponent.parse("SORTING")).hasMessageContaining("unknown log component 'SORTING'");
  }
}
