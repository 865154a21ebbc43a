package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ApplyConflict.Kind;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ApplyResolution;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.TaskProgress;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changes a MySQL/MariaDB target really refuses: the target has a unique constraint the source
 * lacks, a narrower column, rows deleted before their update or delete arrives. Tables come from a
 * PostgreSQL source and from a MariaDB source; each policy answer is carried out in the transaction
 * of the other changes, in both apply modes.
 */
class MySqlApplyConflictIT {

  private static final String TARGET_DDL = "CREATE TABLE t (id int PRIMARY KEY, code varchar(20) UNIQUE,"
      + " note varchar(5));CREATE TABLE u (id int PRIMARY KEY, v text);"
      + "INSERT INTO t VALUES (1, 'a', NULL), (2, 'b', NULL)";

  /** One transaction with five refused changes among good ones. */
  private static List<RowChange> changes(TableId t, TableId u) {
    return List.of(
        insert(t, 3, "c", "ok"),
        insert(t, 1, "x", null), // the key exists
        new RowChange(t, Operation.UPDATE, null, row(9, "z", "n"), List.of()), // no row 9
        new RowChange(t, Operation.DELETE, row(8, null, null), null, List.of()), // no row 8
        insert(t, 4, "a", null), // code 'a' is unique on the target only
        insert(t, 5, "e", "much too long"), // note is varchar(5) on the target
        new RowChange(t, Operation.UPDATE, null, row(2, "b", "fine"), List.of()),
        insert(u, 1, "u1"));
  }

  @ParameterizedTest(name = "from {0}, batch {1}")
  @CsvSource({"postgres,false", "postgres,true", "mysql,false", "mysql,true"})
  void loggedChangesAreSkippedAndRecordedWithTheRestCommitted(String source, boolean batch) {
    try (Databases db = new Databases(source)) {
      List<ApplyConflict> seen = new ArrayList<>();
      db.apply(batch, c -> {
        seen.add(c);
        return ApplyResolution.LOG;
      }, ControlTables.NONE);
      assertThat(seen).extracting(ApplyConflict::kind).containsExactly(
          Kind.DUPLICATE_KEY, Kind.ROW_NOT_FOUND, Kind.ROW_NOT_FOUND, Kind.DUPLICATE_KEY, Kind.TRUNCATION);
      assertThat(seen.get(4).column()).isEqualTo("note");
      assertThat(db.target("SELECT * FROM t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "fine"), List.of("3", "c", "ok"));
      assertThat(db.target("SELECT * FROM u")).containsExactly(List.of("1", "u1"));
      List<List<String>> logged = db.control("SELECT task_name, table_owner, table_name, statement, error"
          + " FROM awsdms_apply_exceptions ORDER BY error_time, statement");
      String t = "`" + db.target.database() + "`.`t`";
      assertThat(logged).hasSize(5).allSatisfy(r -> assertThat(r.subList(0, 3))
          .containsExactly("conflict-task", db.target.database(), "t"));
      assertThat(logged).extracting(r -> r.get(3)).containsExactlyInAnyOrder(
          "INSERT INTO " + t + " (`id`, `code`, `note`) VALUES ('1', 'x', NULL)",
          "UPDATE " + t + " SET `id` = '9', `code` = 'z', `note` = 'n' WHERE `id` = '9'",
          "DELETE FROM " + t + " WHERE `id` = '8'",
          "INSERT INTO " + t + " (`id`, `code`, `note`) VALUES ('4', 'a', NULL)",
          "INSERT INTO " + t + " (`id`, `code`, `note`) VALUES ('5', 'e', 'much too long')");
      assertThat(logged).extracting(r -> r.get(4))
          .anySatisfy(e -> assertThat(e).contains("Duplicate entry '1'").contains("error 1062"))
          .anySatisfy(e -> assertThat(e).contains("Data too long for column 'note'").contains("22001"))
          .anySatisfy(e -> assertThat(e).contains("matched no row"));
      assertThat(db.control("SELECT source_position FROM awsdms_cdc_position"))
          .containsExactly(List.of("mysql-bin.000001:10"));
      assertThat(db.control("SELECT table_name FROM information_schema.TABLES WHERE table_schema = DATABASE()"
          + " ORDER BY table_name")).as("optional control tables are off by default")
          .containsExactly(List.of("awsdms_apply_exceptions"), List.of("awsdms_cdc_position"));
    }
  }

  /**
   * A batch whose only fault is a new key taking another row's unique value: MySQL's upsert would
   * update that other row (ON DUPLICATE KEY UPDATE matches any unique index), so new keys are
   * inserted plainly and the collision is refused and decided like any duplicate.
   */
  @ParameterizedTest(name = "from {0}")
  @CsvSource({"postgres", "mysql"})
  void aNewKeyTakingAnotherRowsUniqueValueInABatchIsRefusedNotMergedIntoThatRow(String source) {
    try (Databases db = new Databases(source)) {
      List<ApplyConflict> seen = new ArrayList<>();
      ChangeApplier applier = db.open(true, seen, ApplyResolution.LOG);
      db.applyMore(applier, List.of(insert(db.t, 3, "c", "ok"), insert(db.t, 4, "a", null)));
      assertThat(seen).extracting(ApplyConflict::kind).containsExactly(Kind.DUPLICATE_KEY);
      assertThat(db.target("SELECT * FROM t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "-"), List.of("3", "c", "ok"));
    }
  }

  @ParameterizedTest(name = "from {0}, batch {1}")
  @CsvSource({"postgres,false", "postgres,true", "mysql,false", "mysql,true"})
  void upsertUpdatesTheDuplicateAndInsertsTheMissingRow(String source, boolean batch) {
    try (Databases db = new Databases(source)) {
      db.apply(batch, c -> c.kind() == Kind.DUPLICATE_KEY || c.kind() == Kind.ROW_NOT_FOUND
          && c.change().operation() == Operation.UPDATE ? ApplyResolution.UPSERT : ApplyResolution.SKIP,
          ControlTables.NONE);
      // row 1 no longer holds code 'a' once the duplicate insert updated it, so row 4 fits
      assertThat(db.target("SELECT * FROM t ORDER BY id")).containsExactly(
          List.of("1", "x", "-"), List.of("2", "b", "fine"), List.of("3", "c", "ok"),
          List.of("4", "a", "-"), List.of("9", "z", "n"));
      assertThat(db.control("SELECT statement FROM awsdms_apply_exceptions")).isEmpty();
    }
  }

  /**
   * INSERT_RECORD and UPDATE_RECORD write a change over the row of its key only: an after image
   * whose key is new but whose unique value another row holds is refused and recorded, where
   * MySQL's ON DUPLICATE KEY UPDATE would have overwritten that other row.
   */
  @ParameterizedTest(name = "from {0}, batch {1}")
  @CsvSource({"postgres,false", "postgres,true", "mysql,false", "mysql,true"})
  void anUpsertNeverOverwritesAnotherRowThatHoldsItsUniqueValue(String source, boolean batch) {
    try (Databases db = new Databases(source)) {
      List<ApplyConflict> seen = new ArrayList<>();
      ChangeApplier applier = db.open(batch, seen, ApplyResolution.UPSERT);
      // row 9 is missing: UPDATE_RECORD would insert it, but code 'a' is row 1's
      db.applyMore(applier, List.of(new RowChange(db.t, Operation.UPDATE, null, row(9, "a", "n"), List.of()),
          insert(db.t, 3, "c", "ok")));
      assertThat(seen).extracting(ApplyConflict::kind).containsExactly(Kind.ROW_NOT_FOUND);
      assertThat(db.target("SELECT * FROM t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "-"), List.of("3", "c", "ok"));
      assertThat(db.control("SELECT error FROM awsdms_apply_exceptions"))
          .singleElement().satisfies(r -> assertThat(r.get(0)).contains("Duplicate entry 'a'"));
    }
  }

  @ParameterizedTest(name = "from {0}, batch {1}")
  @CsvSource({"postgres,false", "mysql,true"})
  void aSuspendedTableGetsNoFurtherChangesWhileOtherTablesDo(String source, boolean batch) {
    try (Databases db = new Databases(source)) {
      List<ApplyConflict> seen = new ArrayList<>();
      ChangeApplier applier = db.apply(batch, c -> {
        seen.add(c);
        return ApplyResolution.SUSPEND_TABLE;
      }, new ControlTables(true, true, true, Duration.ofMinutes(7)));
      assertThat(seen).hasSize(1);
      assertThat(db.target("SELECT * FROM t ORDER BY id")).containsExactly(
          List.of("1", "a", "-"), List.of("2", "b", "-"), List.of("3", "c", "ok"));
      assertThat(db.target("SELECT * FROM u")).containsExactly(List.of("1", "u1"));
      assertThat(db.control("SELECT table_name FROM awsdms_apply_exceptions")).containsExactly(List.of("t"));
      assertThat(db.control("SELECT task_name, table_owner, table_name, suspend_reason"
          + " FROM awsdms_suspended_tables")).singleElement().satisfies(r -> {
            assertThat(r.subList(0, 3)).containsExactly("conflict-task", db.target.database(), "t");
            assertThat(r.get(3)).startsWith("DUPLICATE_KEY: Duplicate entry '1'");
          });
      // current: what the capture read; tail: the applied position, where a restart loses nothing
      String status = "SELECT task_status, source_current_position, source_current_timestamp,"
          + " source_tail_position, source_tail_timestamp, source_timestamp_applied,"
          + " status_time > UTC_TIMESTAMP() - INTERVAL 1 MINUTE, pending_changes, disk_swap_size, task_memory"
          + " FROM awsdms_status WHERE task_name = 'conflict-task'";
      String history = "SELECT timeslot_type, timeslot_duration, SUM(timeslot_records), SUM(timeslot_volume),"
          + " MIN(TIMESTAMPDIFF(MINUTE, '1970-01-01', timeslot) % 7 = 0) FROM awsdms_history"
          + " WHERE task_name = 'conflict-task' GROUP BY timeslot_type, timeslot_duration";
      assertThat(db.control(status)).containsExactly(List.of("CHANGE PROCESSING (CDC)", "mysql-bin.000001:90",
          "2026-01-01 00:00:05.000000", "mysql-bin.000001:10", "2026-01-01 00:00:00.000000",
          "2026-01-01 00:00:00.000000", "1", "5", "4096", "64"));
      assertThat(db.control(history)).as("7-minute slots, 3/4 MB rounded up")
          .containsExactly(List.of("CHANGE PROCESSING", "7", "8", "1", "1"));
      List<List<String>> statusTime = db.control("SELECT status_time FROM awsdms_status");

      db.applyMore(applier, List.of(insert(db.t, 20, "later", null), insert(db.u, 2, "u2")));
      assertThat(db.target("SELECT COUNT(*) FROM t WHERE id = 20")).containsExactly(List.of("0"));
      assertThat(db.target("SELECT COUNT(*) FROM u")).containsExactly(List.of("2"));
      // 1.5 MB in the slot, or 3/4 MB in each of two if it turned between the commits
      assertThat(db.control(history)).as("records and volume add up")
          .containsExactly(List.of("CHANGE PROCESSING", "7", "10", "2", "1"));
      assertThat(db.control("SELECT status_time FROM awsdms_status")).doesNotContainAnyElementsOf(statusTime);
    }
  }

  @Test
  void aFullLoadIsRecordedAsFullLoadStatusAndTimeslots() {
    try (Databases db = new Databases("mysql")) {
      MySqlTargetConnector to = MySqlTargetConnector.open(MySqlTestEndpoints.of(db.target));
      db.open.add(to);
      try (ChangeApplier recorder = to.openApplier(new ApplyRequest("load-task", List.of(), false,
          db.controlDb.database(), c -> ApplyResolution.STOP, new ControlTables(true, false, true, Duration.ofMinutes(5))))) {
        StoredPosition restart = new StoredPosition("mysql-bin.000001:4", Instant.parse("2026-01-01T00:00:00Z"));
        recorder.recordFullLoad(0, 0, restart, TaskProgress.UNKNOWN);
        recorder.recordFullLoad(1000, 5 << 20, restart, new TaskProgress(3, 0, 1 << 20,
            Optional.of("mysql-bin.000001:700"), Optional.of(Instant.parse("2026-01-01T00:00:09Z"))));
      }
      assertThat(db.control("SELECT task_status, pending_changes, task_memory, source_current_position,"
          + " source_tail_position, source_tail_timestamp, source_timestamp_applied FROM awsdms_status"
          + " WHERE task_name = 'load-task'")).containsExactly(List.of("FULL LOAD", "3", "1",
              "mysql-bin.000001:700", "mysql-bin.000001:4", "2026-01-01 00:00:00.000000", "-"));
      assertThat(db.control("SELECT timeslot_type, SUM(timeslot_records), SUM(timeslot_volume),"
          + " COUNT(timeslot_latency) FROM awsdms_history WHERE task_name = 'load-task' GROUP BY 1"))
          .containsExactly(List.of("FULL LOAD", "1000", "5", "0"));
    }
  }

  @ParameterizedTest(name = "from {0}, batch {1}")
  @CsvSource({"postgres,true", "mysql,false"})
  void stopRollsBackTheWholeTransactionAndFailsNamingTheTable(String source, boolean batch) {
    try (Databases db = new Databases(source)) {
      assertThatThrownBy(() -> db.apply(batch, c -> ApplyResolution.STOP, ControlTables.NONE))
          .isInstanceOf(OpenDmsException.class).hasMessageContaining(db.target.database() + ".t")
          .hasMessageContaining("error policy stops the task");
      assertThat(db.target("SELECT COUNT(*) FROM t")).containsExactly(List.of("2"));
      assertThat(db.target("SELECT COUNT(*) FROM u")).containsExactly(List.of("0"));
      assertThat(db.control("SELECT COUNT(*) FROM awsdms_cdc_position")).containsExactly(List.of("0"));
    }
  }

  private static RowChange insert(TableId table, Object... values) {
    return new RowChange(table, Operation.INSERT, null, Arrays.asList(values), List.of());
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** A source database to describe the tables, a target narrower than it, a control database. */
  private static final class Databases implements AutoCloseable {
    private final AutoCloseable sourceDb;
    private final List<TargetTable> tables;
    private final TableId t;
    private final TableId u;
    private final TestingMariaDb target = TestingMariaDb.create("conflict_dst");
    private final TestingMariaDb controlDb = TestingMariaDb.create("conflict_ctl");
    private final List<AutoCloseable> open = new ArrayList<>();

    Databases(String engine) {
      List<TableDefinition> found;
      if (engine.equals("postgres")) {
        TestingPostgres pg = TestingPostgres.create("conflict_src");
        sourceDb = pg;
        pg.execute("CREATE TABLE public.t (id int PRIMARY KEY, code text, note varchar(20));"
            + " CREATE TABLE public.u (id int PRIMARY KEY, v text)");
        try (SourceConnector from = Connectors.source(MySqlTestEndpoints.postgres(pg))) {
          found = from.discover(id -> true);
        }
      } else {
        TestingMariaDb my = TestingMariaDb.create("conflict_src");
        sourceDb = my;
        my.execute("CREATE TABLE t (id int PRIMARY KEY, code varchar(20), note varchar(20))",
            "CREATE TABLE u (id int PRIMARY KEY, v text)");
        try (SourceConnector from = Connectors.source(MySqlTestEndpoints.of(my))) {
          found = from.discover(id -> true);
        }
      }
      tables = found.stream().sorted(java.util.Comparator.comparing(d -> d.id().name()))
          .map(d -> new TargetTable(d.id(), d.engine(), d.columns(), d.primaryKey())).toList();
      t = tables.get(0).id();
      u = tables.get(1).id();
      target.execute(TARGET_DDL.split(";"));
    }

    /** Applies {@link #changes} as one transaction and commits; returns the applier, still open. */
    ChangeApplier apply(boolean batch, Function<ApplyConflict, ApplyResolution> policy,
        ControlTables controlTables) {
      ChangeApplier applier = open(batch, policy, controlTables);
      applyMore(applier, changes(t, u));
      return applier;
    }

    /** An applier of the target, closed with the databases. */
    /** An applier that adds every conflict to {@code seen} and answers each with {@code answer}. */
    ChangeApplier open(boolean batch, List<ApplyConflict> seen, ApplyResolution answer) {
      return open(batch, c -> {
        seen.add(c);
        return answer;
      }, ControlTables.NONE);
    }

    ChangeApplier open(boolean batch, Function<ApplyConflict, ApplyResolution> policy,
        ControlTables controlTables) {
      MySqlTargetConnector to = MySqlTargetConnector.open(MySqlTestEndpoints.of(target));
      open.add(to);
      ChangeApplier applier = to.openApplier(new ApplyRequest("conflict-task", tables, batch,
          controlDb.database(), policy::apply, controlTables));
      open.add(0, applier);
      return applier;
    }

    void applyMore(ChangeApplier applier, List<RowChange> changes) {
      changes.forEach(applier::apply);
      // 3/4 MB per commit; the capture read on to :90, 5 changes wait, 4 KB spilled
      applier.commit(new BinlogPosition("mysql-bin.000001", 10), Instant.parse("2026-01-01T00:00:00Z"), 3 << 18,
          new TaskProgress(5, 4096, 64 << 20, Optional.of("mysql-bin.000001:90"),
              Optional.of(Instant.parse("2026-01-01T00:00:05Z"))));
    }

    List<List<String>> target(String sql) {
      return dashes(target.rows(sql));
    }

    List<List<String>> control(String sql) {
      return dashes(controlDb.rows(sql));
    }

    private static List<List<String>> dashes(List<List<String>> rows) {
      return rows.stream().map(r -> r.stream().map(v -> v == null ? "-" : v).toList()).toList();
    }

    @Override
    public void close() {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the databases are dropped next
        }
      }
      target.close();
      controlDb.close();
      try {
        sourceDb.close();
      } catch (Exception ignored) {
        // a leftover test database is harmless
      }
    }
  }
}
