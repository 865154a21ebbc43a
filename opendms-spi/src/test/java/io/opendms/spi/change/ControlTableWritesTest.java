package io.opendms.spi.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.ControlTableWrites.HistoryRow;
import io.opendms.spi.change.ControlTableWrites.StatusRow;
import io.opendms.spi.change.ControlTableWrites.SuspendedRow;
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlTableWritesTest {
  private static final Instant NOW = Instant.parse("2026-03-08T12:17:42Z");

  /** Records the rows it is asked to write. */
  private static final class RecordingTarget implements ControlTableWrites.Target<RuntimeException> {
    final List<Object> rows = new ArrayList<>();

    @Override
    public void upsertStatus(StatusRow row) {
      rows.add(row);
    }

    @Override
    public void addToHistory(HistoryRow row) {
      rows.add(row);
    }

    @Override
    public void insertSuspended(SuspendedRow row) {
      rows.add(row);
    }
  }

  private final RecordingTarget target = new RecordingTarget();

  private ControlTableWrites<RuntimeException> writes(ControlTables enabled) {
    return new ControlTableWrites<>(enabled, target, "task-1", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aCommitWritesTheStatusRowAndAddsToItsTimeslotOfTheConfiguredLength() {
    Instant committed = NOW.minusSeconds(3);
    writes(new ControlTables(true, false, true, Duration.ofMinutes(7))).committing("mysql-bin.000002:77", committed, 12);

    LocalDateTime now = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC);
    LocalDateTime source = LocalDateTime.ofInstant(committed, ZoneOffset.UTC);
    String server = ControlTables.serverName();
    // 7-minute slots count from the epoch: 12:17:42 falls into the one starting at 12:14
    assertThat(target.rows).containsExactly(
        new StatusRow(server, "task-1", "CHANGE PROCESSING (CDC)", now, "mysql-bin.000002:77", source, source),
        new HistoryRow(server, "task-1", "CHANGE PROCESSING", LocalDateTime.parse("2026-03-08T12:14:00"), 7, 3, 12));
  }

  @Test
  void onlyTheEnabledTablesAreWrittenAndCreated() {
    ControlTables onlyHistory = new ControlTables(false, false, true, Duration.ofMinutes(5));
    ControlTableWrites<RuntimeException> writes = writes(onlyHistory);
    writes.committing("0/10", NOW.plusSeconds(5), 1); // a source clock ahead: latency 0, not negative
    writes.suspended(new TableId("db", "t"), "DUPLICATE_KEY: x");
    assertThat(target.rows).singleElement().isInstanceOfSatisfying(HistoryRow.class,
        h -> assertThat(h.timeslotLatencySeconds()).isZero());

    assertThat(ControlTableWrites.createStatements(ControlTables.NONE, n -> n, "timestamp", "")).isEmpty();
    assertThat(ControlTableWrites.createStatements(onlyHistory, n -> "ctl." + n, "datetime(6)", "ENGINE=InnoDB"))
        .singleElement().asString().startsWith("CREATE TABLE IF NOT EXISTS ctl.awsdms_history (")
        .contains("timeslot datetime(6) NOT NULL").endsWith(" ENGINE=InnoDB");
  }

  @Test
  void aSuspendedTableIsRecordedWithItsOwnerAndReasonWhenEnabled() {
    writes(new ControlTables(false, true, false, Duration.ofMinutes(5)))
        .suspended(new TableId("db", "t"), "DUPLICATE_KEY: x");
    assertThat(target.rows).containsExactly(new SuspendedRow(ControlTables.serverName(), "task-1", "db", "t",
        "DUPLICATE_KEY: x", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)));
    assertThat(ControlTableWrites.insertInto("`c`.`awsdms_suspended_tables`", SuspendedRow.COLUMNS))
        .isEqualTo("INSERT INTO `c`.`awsdms_suspended_tables` (server_name, task_name, table_owner,"
            + " table_name, suspend_reason, suspend_timestamp) VALUES (?, ?, ?, ?, ?, ?)");
  }
}
