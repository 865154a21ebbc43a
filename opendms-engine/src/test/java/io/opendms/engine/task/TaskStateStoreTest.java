package io.opendms.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateStoreTest {
  @TempDir Path dataDir;

  @Test
  void savedStateIsReadBackUnchanged() {
    var table = new TableRecord(new TableId("public", "orders"), new TableId("copy", "orders"),
        TableState.TABLE_COMPLETED, 42, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:00:05Z"), null);
    var state = new TaskState("my-task", MigrationType.FULL_LOAD, List.of(table));

    try (TaskStateStore store = TaskStateStore.open(dataDir, "my-task")) {
      assertThat(store.load()).isEmpty();
      store.save(state);
    }
    try (TaskStateStore store = TaskStateStore.open(dataDir, "my-task")) {
      assertThat(store.load()).contains(state);
      assertThat(store.load().orElseThrow().isCompleted(new TableId("public", "orders"))).isTrue();
    }
  }

  @Test
  void requestedReloadsSurviveARestartAndStateFilesFromBeforeReloadsStillRead() throws Exception {
    var orders = new TableId("public", "orders");
    var state = new TaskState("reloading", MigrationType.FULL_LOAD_AND_CDC, List.of())
        .withReloadRequested(List.of(orders)).withReloadRequested(List.of(orders));
    try (TaskStateStore store = TaskStateStore.open(dataDir, "reloading")) {
      store.save(state);
    }
    try (TaskStateStore store = TaskStateStore.open(dataDir, "reloading")) {
      assertThat(store.load().orElseThrow().pendingReloads()).containsExactly(orders);
    }

    try (TaskStateStore store = TaskStateStore.open(dataDir, "old")) {
      java.nio.file.Files.writeString(store.directory().resolve("state.json"),
          "{\"taskId\":\"old\",\"migrationType\":\"FULL_LOAD\",\"tables\":[],\"cdc\":null}");
      assertThat(store.load().orElseThrow().pendingReloads()).isEmpty();
    }
  }

  @Test
  void suspendedTablesSurviveARestartAndOldStateFilesHaveNone() throws Exception {
    var suspended = new SuspendedTable(new TableId("public", "a"), "DUPLICATE_KEY: code 'a'",
        Instant.parse("2026-01-01T00:00:00Z"));
    var state = new TaskState("suspending", MigrationType.CDC, List.of(), null, List.of(),
        List.of(suspended));
    try (TaskStateStore store = TaskStateStore.open(dataDir, "suspending")) {
      store.save(state);
    }
    try (TaskStateStore store = TaskStateStore.open(dataDir, "suspending")) {
      assertThat(store.load().orElseThrow().suspendedTables()).containsExactly(suspended);
      java.nio.file.Files.writeString(store.directory().resolve("state.json"),
          "{\"taskId\":\"suspending\",\"migrationType\":\"CDC\",\"tables\":[]}");
      assertThat(store.load().orElseThrow().suspendedTables()).isEmpty();
    }
  }

  @Test
  void aTaskCannotBeOpenedTwiceAtOnce() {
    try (TaskStateStore first = TaskStateStore.open(dataDir, "busy")) {
      assertThatThrownBy(() -> TaskStateStore.open(dataDir, "busy"))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("already running");
    }
  }

  @Test
  void rejectsIdentifiersDmsWouldRefuse() {
    for (String bad : List.of("1task", "a--b", "ends-", "has space", "a/../b")) {
      assertThatThrownBy(() -> TaskStateStore.open(dataDir, bad))
          .isInstanceOf(OpenDmsException.class)
          .satisfies(e -> assertThat(((OpenDmsException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
  }
}
