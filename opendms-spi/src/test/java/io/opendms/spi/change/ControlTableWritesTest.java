package io.opendms.spi.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlTableWritesTest {
  private static final Instant NOW = Instant.parse("2026-03-08T12:17:42Z");
  private static final LocalDateTime NOW_UTC = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC);
  private static final String SERVER = ControlTables.serverName();
  /** MySQL's dialect, with a database {@code c}. */
  private static final ControlTableWrites.Dialect MYSQL = new ControlTableWrites.Dialect(n -> "c." + n,
      "datetime(6)", "ENGINE=InnoDB", key -> " ON DUPLICATE KEY UPDATE ", c -> "VALUES(" + c + ")");

  /** A statement the writes ran, with its values. */
  private record Executed(String sql, List<Object> values) {}

  private final List<Executed> executed = new ArrayList<>();

  private ControlTableWrites<RuntimeException> writes(ControlTables enabled) {
    return new ControlTableWrites<>(enabled, MYSQL, (sql, values) -> executed.add(new Executed(sql, values)),
        "task-1", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aCommitUpsertsTheStatusRowAndAddsToItsTimeslotOfTheConfiguredLength() {
    Instant committed = NOW.minusSeconds(3);
    Instant read = NOW.minusSeconds(1);
    LocalDateTime source = LocalDateTime.ofInstant(committed, ZoneOffset.UTC);
    TaskProgress progress = new TaskProgress(40, 4096, (3L << 20) + 1, Optional.of("mysql-bin.000002:99"),
        Optional.of(read));
    writes(new ControlTables(true, false, true, Duration.ofMinutes(7)))
        .committing("mysql-bin.000002:77", committed, 12, 1000, progress);

    // 7-minute slots count from the epoch: 12:17:42 falls into the one starting at 12:14
    assertThat(executed).containsExactly(
        new Executed("INSERT INTO c.awsdms_status (server_name, task_name, task_status, status_time,"
            + " pending_changes, disk_swap_size, task_memory, source_current_position, source_current_timestamp,"
            + " source_tail_position, source_tail_timestamp, source_timestamp_applied) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE task_status = VALUES(task_status), status_time ="
            + " VALUES(status_time), pending_changes = VALUES(pending_changes), disk_swap_size ="
            + " VALUES(disk_swap_size), task_memory = VALUES(task_memory), source_current_position ="
            + " VALUES(source_current_position), source_current_timestamp = VALUES(source_current_timestamp),"
            + " source_tail_position = VALUES(source_tail_position), source_tail_timestamp ="
            + " VALUES(source_tail_timestamp), source_timestamp_applied = VALUES(source_timestamp_applied)",
            List.of(SERVER, "task-1", "CHANGE PROCESSING (CDC)", NOW_UTC, 40L, 4096L, 4L, "mysql-bin.000002:99",
                LocalDateTime.ofInstant(read, ZoneOffset.UTC), "mysql-bin.000002:77", source, source)),
        new Executed("INSERT INTO c.awsdms_history (server_name, task_name, timeslot_type, timeslot,"
            + " timeslot_duration, timeslot_latency, timeslot_records, timeslot_volume) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?) ON DUPLICATE KEY UPDATE timeslot_latency = GREATEST(awsdms_history.timeslot_latency,"
            + " VALUES(timeslot_latency)), timeslot_records = awsdms_history.timeslot_records +"
            + " VALUES(timeslot_records), timeslot_volume = COALESCE(awsdms_history.timeslot_volume, 0) +"
            + " VALUES(timeslot_volume)",
            List.of(SERVER, "task-1", "CHANGE PROCESSING", LocalDateTime.parse("2026-03-08T12:14:00"), 7, 3L, 12L, 1L)));
  }

  @Test
  void aStopMarksTheStatusRowNotRunningAndKeepsItsPositions() {
    writes(new ControlTables(true, false, true, Duration.ofMinutes(5))).stopped();
    writes(new ControlTables(false, false, true, Duration.ofMinutes(5))).stopped();

    assertThat(executed).containsExactly(new Executed("UPDATE c.awsdms_status SET task_status = ?,"
        + " status_time = ? WHERE server_name = ? AND task_name = ?",
        List.of("NOT RUNNING", NOW_UTC, SERVER, "task-1")));
  }

  @Test
  void anIdleRefreshMarksTheStatusRowRunningWithItsBacklogAndKeepsItsPositions() {
    TaskProgress progress = new TaskProgress(7, 0, (2L << 20) + 1, Optional.of("0/99"), Optional.of(NOW));
    writes(new ControlTables(true, false, true, Duration.ofMinutes(5))).running(progress);
    writes(new ControlTables(false, false, true, Duration.ofMinutes(5))).running(progress);
    writes(new ControlTables(true, false, false, Duration.ofMinutes(5))).running(TaskProgress.UNKNOWN);

    String update = "UPDATE c.awsdms_status SET task_status = ?, status_time = ?, pending_changes = ?,"
        + " disk_swap_size = ?, task_memory = ? WHERE server_name = ? AND task_name = ?";
    assertThat(executed).containsExactly(
        new Executed(update, List.of("CHANGE PROCESSING (CDC)", NOW_UTC, 7L, 0L, 3L, SERVER, "task-1")),
        new Executed(update, Arrays.asList("CHANGE PROCESSING (CDC)", NOW_UTC, null, null, null, SERVER, "task-1")));
  }

  @Test
  void theVolumeOfATimeslotIsItsMegabytesRoundedUpOnceNotPerCommit() {
    ControlTableWrites<RuntimeException> writes = writes(new ControlTables(false, false, true, Duration.ofMinutes(5)));
    long half = 1 << 19;
    for (int i = 0; i < 5; i++) {
      writes.committing("0/10", NOW, 1, half, TaskProgress.UNKNOWN);
    }
    // 2.5 MB: 1 with the first half, 0, 1 at 1.5 MB, 0, 1 at 2.5 MB
    assertThat(executed).extracting(e -> e.values().get(7)).containsExactly(1L, 0L, 1L, 0L, 1L);
  }

  @Test
  void theFullLoadWritesItsStatusWithTheRestartPointAsTailAndAddsToItsOwnTimeslot() {
    Instant started = NOW.minusSeconds(60);
    LocalDateTime startedUtc = LocalDateTime.ofInstant(started, ZoneOffset.UTC);
    writes(new ControlTables(true, false, true, Duration.ofMinutes(5)))
        .loading(500, 3 << 20, new StoredPosition("0/16B3748", started), new TaskProgress(7, 0, 1, Optional.empty(),
            Optional.empty()));

    assertThat(executed).hasSize(2);
    // nothing read yet: the capture reads from its start; nothing applied: NULL
    assertThat(executed.get(0).values()).containsExactly(SERVER, "task-1", "FULL LOAD", NOW_UTC, 7L, 0L, 1L,
        "0/16B3748", startedUtc, "0/16B3748", startedUtc, null);
    assertThat(executed.get(1).sql()).doesNotContain("timeslot_latency =");
    assertThat(executed.get(1).values()).containsExactly(SERVER, "task-1", "FULL LOAD",
        LocalDateTime.parse("2026-03-08T12:15:00"), 5, null, 500L, 3L);
  }

  @Test
  void unknownFiguresAreWrittenAsNull() {
    writes(new ControlTables(true, false, false, Duration.ofMinutes(5)))
        .committing("0/10", NOW, 1, 0, TaskProgress.UNKNOWN);
    assertThat(executed.get(0).values().subList(4, 9)).containsExactly(null, null, null, "0/10", NOW_UTC);
  }

  @Test
  void onlyTheEnabledTablesAreWrittenAndCreated() {
    ControlTables onlyHistory = new ControlTables(false, false, true, Duration.ofMinutes(5));
    ControlTableWrites<RuntimeException> writes = writes(onlyHistory);
    writes.committing("0/10", NOW.plusSeconds(5), 1, 0, TaskProgress.UNKNOWN); // a source clock ahead: latency 0, not negative
    writes.suspended(new TableId("db", "t"), "DUPLICATE_KEY: x");
    assertThat(executed).singleElement().satisfies(e -> assertThat(e.values().get(5)).isEqualTo(0L));

    assertThat(writes(ControlTables.NONE).createStatements()).isEmpty();
    assertThat(writes.createStatements()).singleElement().asString()
        .startsWith("CREATE TABLE IF NOT EXISTS c.awsdms_history (").contains("timeslot datetime(6) NOT NULL")
        .endsWith(" ENGINE=InnoDB");
  }

  @Test
  void aSuspendedTableIsRecordedWithItsOwnerAndReasonWhenEnabled() {
    ControlTableWrites<RuntimeException> writes = writes(new ControlTables(false, true, false, Duration.ofMinutes(5)));
    writes.suspended(new TableId("db", "t"), "DUPLICATE_KEY: x");
    assertThat(executed).containsExactly(new Executed("INSERT INTO c.awsdms_suspended_tables (server_name,"
        + " task_name, table_owner, table_name, suspend_reason, suspend_timestamp) VALUES (?, ?, ?, ?, ?, ?)",
        List.of(SERVER, "task-1", "db", "t", "DUPLICATE_KEY: x", NOW_UTC)));

    executed.clear();
    writes.createTables();
    assertThat(executed).singleElement().satisfies(e -> assertThat(e.sql())
        .startsWith("CREATE TABLE IF NOT EXISTS c.awsdms_suspended_tables (").contains("suspend_timestamp datetime(6)"));
  }
}
