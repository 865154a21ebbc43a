package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} CDC whose changes really fail on the target: the target misses a row,
 * has a narrower column and a unique constraint the source lacks. The task's ErrorBehavior decides
 * each, failed changes land in {@code <ControlSchema>.awsdms_apply_exceptions}, a suspended table
 * gets no more changes while another table goes on.
 */
class ApplyErrorPoliciesIT {
  private static final String SETTINGS = """
      {"TargetMetadata": {"BatchApplyEnabled": %s},
       "ChangeProcessingTuning": {"BatchApplyTimeoutMin": 0},
       "ControlTablesSettings": {"ControlSchema": "dms_ctl", "StatusTableEnabled": true,
                                 "SuspendedTablesTableEnabled": true, "HistoryTableEnabled": true},
       "ErrorBehavior": {"ApplyErrorUpdatePolicy": "UPDATE_RECORD", "DataTruncationErrorPolicy": "LOG_ERROR",
                         "ApplyErrorInsertPolicy": "SUSPEND_TABLE"}}""";

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void policiesDecideRefusedChangesAndRecordThem(boolean batchApply) throws Exception {
    TestingPostgres source = database("errpol_src");
    TestingPostgres target = database("errpol_dst");
    source.execute(
        "CREATE TABLE public.a (id int PRIMARY KEY, code text, note varchar(20))",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)",
        "INSERT INTO public.a VALUES (1, 'a', 'x'), (2, 'b', 'y')");
    target.execute(
        "CREATE TABLE public.a (id int PRIMARY KEY, code text UNIQUE, note varchar(5))",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)",
        "INSERT INTO public.a VALUES (1, 'a', 'x')"); // row 2 is missing on the target
    String task = "errpol-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("settings.json"), SETTINGS.formatted(batchApply));
    ChildMigrate migrate = start(task, "cdc", source, target, settings);
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));

    source.execute(
        "UPDATE public.a SET note = 'upd' WHERE id = 2", // missing: UPDATE_RECORD inserts it
        "INSERT INTO public.a VALUES (3, 'c', 'much too long')", // varchar(5): logged
        "INSERT INTO public.a VALUES (4, 'a', NULL)", // code 'a' is unique on the target: suspends a
        "INSERT INTO public.a VALUES (5, 'e', NULL)", // a is suspended: not applied
        "INSERT INTO public.b VALUES (1, 'b1')");
    awaitRows(target, "SELECT count(*) FROM public.b", "1");

    assertThat(rows(target, "SELECT id, code, note FROM public.a ORDER BY id"))
        .containsExactly("1|a|x", "2|b|upd");
    assertThat(rows(target, "SELECT task_name || '|' || table_owner || '|' || table_name || '|'"
        + " || substring(error from '\\[SQLState (\\d+)\\]') FROM dms_ctl.awsdms_apply_exceptions ORDER BY error_time"))
        .containsExactly(task + "|public|a|22001", task + "|public|a|23505");
    assertThat(rows(target, "SELECT statement FROM dms_ctl.awsdms_apply_exceptions ORDER BY error_time"))
        .last().asString().startsWith("INSERT INTO \"public\".\"a\"").contains("CAST('4' AS integer)");
    assertThat(rows(target, "SELECT task_name || '|' || table_owner || '|' || table_name || '|'"
        + " || split_part(suspend_reason, ':', 1) FROM dms_ctl.awsdms_suspended_tables"))
        .containsExactly(task + "|public|a|DUPLICATE_KEY");
    // the capture has read at least as far as the target applied (the tail: a restart loses nothing)
    assertThat(rows(target, "SELECT task_status, source_current_position::pg_lsn >= source_tail_position::pg_lsn,"
        + " source_current_timestamp >= source_tail_timestamp, source_tail_timestamp = source_timestamp_applied,"
        + " pending_changes >= 0, disk_swap_size = 0, task_memory > 0,"
        + " status_time > now() AT TIME ZONE 'UTC' - interval '1 minute' FROM dms_ctl.awsdms_status"
        + " WHERE task_name = '" + task + "'")).containsExactly("CHANGE PROCESSING (CDC)|t|t|t|t|t|t|t");
    // the source is quiet now and nothing is committed, yet the status row shows the task runs
    String statusTime = rows(target, "SELECT status_time FROM dms_ctl.awsdms_status WHERE task_name = '"
        + task + "'").get(0);
    awaitRows(target, "SELECT status_time > timestamp '" + statusTime + "' FROM dms_ctl.awsdms_status"
        + " WHERE task_name = '" + task + "'", "t");
    assertThat(rows(target, "SELECT sum(timeslot_records) >= 4, sum(timeslot_volume) >= 1, min(timeslot_type),"
        + " min(timeslot_duration) FROM dms_ctl.awsdms_history WHERE task_name = '" + task + "'"))
        .containsExactly("t|t|CHANGE PROCESSING|5");
    assertThat(migrate.terminate()).isZero();
    assertThat(rows(target, "SELECT task_status, source_tail_timestamp = source_timestamp_applied,"
        + " status_time > now() AT TIME ZONE 'UTC' - interval '1 minute' FROM dms_ctl.awsdms_status"
        + " WHERE task_name = '" + task + "'")).as("after the stop, the positions kept")
        .containsExactly("NOT RUNNING|t|t");
    assertThat(migrate.log()).contains("table public.a suspended (SUSPEND_TABLE policy)")
        .contains("public.a: Table error (suspended)");
  }

  @Test
  void aTableSuspendedAfterItsFullLoadEndsInTableError() throws Exception {
    TestingPostgres source = database("errsus_src");
    TestingPostgres target = database("errsus_dst");
    source.execute(
        "CREATE TABLE public.a (id int PRIMARY KEY, code text)",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)",
        "INSERT INTO public.a VALUES (1, 'a')", "INSERT INTO public.b VALUES (1, 'b')");
    target.execute("CREATE TABLE public.a (id int PRIMARY KEY, code text UNIQUE)");
    String task = "errsus-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("suspend.json"), """
        {"FullLoadSettings": {"TargetTablePrepMode": "DO_NOTHING"},
         "ControlTablesSettings": {"StatusTableEnabled": true, "HistoryTableEnabled": true},
         "ErrorBehavior": {"ApplyErrorInsertPolicy": "SUSPEND_TABLE"}}""");
    ChildMigrate migrate = start(task, "full-load-and-cdc", source, target, settings);
    migrate.awaitLog("full load complete", Duration.ofSeconds(60));
    Thread.sleep(2000); // past the full load's end, so the change is not a cached one
    source.execute("INSERT INTO public.a VALUES (2, 'a')", "INSERT INTO public.b VALUES (2, 'b2')");
    awaitRows(target, "SELECT count(*) FROM public.b", "2");
    assertThat(rows(target, "SELECT count(*) FROM public.awsdms_apply_exceptions")).containsExactly("1");
    assertThat(rows(target, "SELECT timeslot_type || '|' || sum(timeslot_records) || '|' || (sum(timeslot_volume) >= 1)"
        + " FROM public.awsdms_history WHERE task_name = '" + task + "' AND timeslot_type = 'FULL LOAD'"
        + " GROUP BY timeslot_type")).as("the rows loaded, recorded during the full load").containsExactly("FULL LOAD|2|true");
    assertThat(rows(target, "SELECT task_status FROM public.awsdms_status WHERE task_name = '" + task + "'"))
        .as("replaced once changes are applied").containsExactly("CHANGE PROCESSING (CDC)");
    assertThat(migrate.terminate()).isZero();
    assertThat(migrate.log()).containsPattern("public\\.a.*Table error");
  }

  @Test
  void aSuspendedTableStaysSuspendedAfterResumeAndComesBackWithReloadTarget() throws Exception {
    TestingPostgres source = database("errres_src");
    TestingPostgres target = database("errres_dst");
    source.execute("CREATE TABLE public.a (id int PRIMARY KEY, code text)",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)");
    target.execute("CREATE TABLE public.a (id int PRIMARY KEY, code text UNIQUE)",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)",
        "INSERT INTO public.a VALUES (100, 'taken')");
    String task = "errres-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("resume.json"),
        "{\"ErrorBehavior\": {\"ApplyErrorInsertPolicy\": \"SUSPEND_TABLE\"}}");
    ChildMigrate first = start(task, "cdc", source, target, settings, "start-replication");
    first.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("INSERT INTO public.a VALUES (1, 'taken')", // unique on the target: suspends a
        "INSERT INTO public.b VALUES (1, 'b1')");
    awaitRows(target, "SELECT count(*) FROM public.b", "1");
    assertThat(first.terminate()).isZero();

    source.execute("INSERT INTO public.a VALUES (2, 'while stopped')",
        "INSERT INTO public.b VALUES (2, 'while stopped')");
    ChildMigrate resumed = start(task, "cdc", source, target, settings, "resume-processing");
    resumed.awaitLog("tables suspended by an earlier run stay suspended: [public.a]",
        Duration.ofSeconds(60));
    awaitRows(target, "SELECT count(*) FROM public.b", "2");
    assertThat(rows(target, "SELECT id FROM public.a ORDER BY id")).as("a is still suspended")
        .containsExactly("100");
    assertThat(resumed.terminate()).isZero();
    assertThat(resumed.log()).contains("public.a: Table error (suspended)");

    ChildMigrate reloaded = start(task, "cdc", source, target, settings, "reload-target");
    reloaded.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("INSERT INTO public.a VALUES (3, 'after reload')");
    awaitRows(target, "SELECT count(*) FROM public.a WHERE id = 3", "1");
    assertThat(reloaded.terminate()).isZero();
    assertThat(reloaded.log()).doesNotContain("stay suspended");
  }

  @Test
  void stopTaskFailsTheTaskWithoutApplyingTheTransaction() throws Exception {
    TestingPostgres source = database("errstop_src");
    TestingPostgres target = database("errstop_dst");
    for (TestingPostgres db : List.of(source, target)) {
      db.execute("CREATE TABLE public.a (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO public.a VALUES (1, 'only on the source')");
    String task = "errstop-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("stop.json"),
        "{\"ErrorBehavior\": {\"ApplyErrorUpdatePolicy\": \"STOP_TASK\"}}");
    ChildMigrate migrate = start(task, "cdc", source, target, settings);
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("BEGIN; INSERT INTO public.a VALUES (2, 'new'); UPDATE public.a SET v = 'x' WHERE id = 1; COMMIT");

    assertThat(migrate.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCode.TASK_FAILED);
    assertThat(migrate.log()).contains("table public.a: UPDATE matched no row of public.a; the error policy stops the task")
        .doesNotContain("restarting change processing");
    assertThat(rows(target, "SELECT count(*) FROM public.a")).as("the transaction's insert is rolled back").containsExactly("0");
  }

  @Test
  void aDeleteOfARowTheTargetLacksIsLoggedUnderLogErrorAndTheTaskGoesOn() throws Exception {
    TestingPostgres source = database("errdel_src");
    TestingPostgres target = database("errdel_dst");
    for (TestingPostgres db : List.of(source, target)) {
      db.execute("CREATE TABLE public.a (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO public.a VALUES (1, 'only on the source')");
    String task = "errdel-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("delete.json"),
        "{\"ErrorBehavior\": {\"ApplyErrorDeletePolicy\": \"LOG_ERROR\"}}");
    ChildMigrate migrate = start(task, "cdc", source, target, settings);
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("DELETE FROM public.a WHERE id = 1", "INSERT INTO public.a VALUES (2, 'after')");
    awaitRows(target, "SELECT count(*) FROM public.a", "1");

    assertThat(rows(target, "SELECT table_name || '|' || statement FROM public.awsdms_apply_exceptions"))
        .singleElement().asString().startsWith("a|DELETE FROM \"public\".\"a\"");
    assertThat(migrate.terminate()).isZero();
  }

  /**
   * A change committed while its table loads is cached and applied after the load; with
   * FullLoadIgnoreConflicts (the default) its conflicts with what the load wrote are expected and
   * skipped, without it ApplyErrorInsertPolicy decides. The target is locked so that the change
   * surely commits during the load; a row the target had before (DO_NOTHING) makes the conflict.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void conflictsOfChangesCachedDuringTheFullLoadFollowFullLoadIgnoreConflicts(boolean ignore)
      throws Exception {
    TestingPostgres source = database("errfl_src");
    TestingPostgres target = database("errfl_dst");
    for (TestingPostgres db : List.of(source, target)) {
      db.execute("CREATE TABLE public.a (id int PRIMARY KEY, v text)");
    }
    source.execute("INSERT INTO public.a VALUES (1, 'loaded')");
    target.execute("INSERT INTO public.a VALUES (5, 'on the target before')");
    String task = "errfl-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("fullload-" + ignore + ".json"), """
        {"FullLoadSettings": {"TargetTablePrepMode": "DO_NOTHING"},
         "ErrorBehavior": {"FullLoadIgnoreConflicts": %s, "ApplyErrorInsertPolicy": "LOG_ERROR"}}"""
        .formatted(ignore));
    ChildMigrate migrate;
    try (var lock = target.connect(); var statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE public.a IN SHARE MODE"); // reads go on, writes wait
      migrate = start(task, "full-load-and-cdc", source, target, settings);
      migrate.awaitLog("partition(s)", Duration.ofSeconds(60));
      source.execute("INSERT INTO public.a VALUES (5, 'cached during the load')");
      lock.rollback();
    }
    migrate.awaitLog("full load complete", Duration.ofSeconds(60));
    source.execute("INSERT INTO public.a VALUES (6, 'after the load')");
    awaitRows(target, "SELECT count(*) FROM public.a WHERE id = 6", "1");

    assertThat(rows(target, "SELECT id || '|' || v FROM public.a ORDER BY id"))
        .containsExactly("1|loaded", "5|on the target before", "6|after the load");
    assertThat(rows(target, "SELECT count(*) FROM public.awsdms_apply_exceptions"))
        .containsExactly(ignore ? "0" : "1");
    assertThat(migrate.terminate()).isZero();
  }

  /** Starts {@code opendms migrate} in a child JVM; its slot is dropped after the test. */
  private ChildMigrate start(String task, String type, TestingPostgres source, TestingPostgres target,
      Path settings) throws Exception {
    return start(task, type, source, target, settings, "start-replication");
  }

  private ChildMigrate start(String task, String type, TestingPostgres source, TestingPostgres target,
      Path settings, String mode) throws Exception {
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate migrate = ChildMigrate.start(log, "--source", source.uri(), "--target", target.uri(),
        "--migration-type", type, "--task-id", task, "--data-dir", dataDir.toString(),
        "--start", mode, "--task-settings", settings.toString());
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    cleanup.add(migrate);
    return migrate;
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  private static void awaitRows(TestingPostgres db, String sql, String expected) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!List.of(expected).equals(rows(db, sql))) {
      assertThat(System.nanoTime()).as("%s = %s within 60 s", sql, expected).isLessThan(end);
      Thread.sleep(300);
    }
    Thread.sleep(500);
  }

  static List<String> rows(TestingPostgres db, String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (var connection = db.connect(); var statement = connection.createStatement();
        var row = statement.executeQuery(sql)) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i > 1 ? "|" : "").append(row.getString(i));
        }
        result.add(line.toString());
      }
    }
    return result;
  }
}
