package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} with CDC between MariaDB and PostgreSQL in the three directions that
 * involve MySQL, in a child JVM: concurrent writers (inserts, updates of values and keys, deletes)
 * during and after the full load, one 100,000-row transaction, a truncate, kill -9 and resume, a
 * start position. Each test compares source and target row by row.
 */
class MySqlCdcMigrateIT {
  private static final List<String> TABLES = List.of("acct", "events", "nokey");
  private static final Duration CONVERGE = Duration.ofSeconds(180);

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  /** Reads a table's rows as text. */
  @FunctionalInterface
  private interface Side {
    Connection connect() throws SQLException;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void mysqlToMysqlWithConcurrentWritersEndsIdentical() throws Exception {
    TestingMariaDb source = mysqlSource("bl_src");
    TestingMariaDb target = mysql("bl_dst");
    TestingMariaDb control = mysql("bl_ctl"); // the ControlSchema: a database of its own
    String task = taskId();
    ChildMigrate migrate = migrate(task, "full-load-and-cdc", source.uri(), target.uri(),
        "start-replication", settingsWithControlTables(false, control.database()), List.of());
    List<String> early = writeDuringAndAfterLoad(source, migrate,
        () -> awaitControlRows(target, control.database(), task));
    awaitIdentical(source::connect, "", target::connect, "");
    assertControlRowsMoved(target, control.database(), task, early);
    assertThat(target.rows("SELECT COUNT(*) FROM information_schema.TABLES WHERE table_schema = DATABASE()"
        + " AND table_name LIKE 'awsdms%'")).as("control tables are in ControlSchema").containsExactly(List.of("0"));
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
    assertThat(target.rows("SELECT task_status FROM `" + control.database() + "`.awsdms_status"
        + " WHERE task_name = '" + task + "'")).as("after the stop").containsExactly(List.of("NOT RUNNING"));
    assertThat(migrate.log()).containsPattern("CDC " + source.database() + ".events: 100000 inserts")
        .containsPattern("CDC " + source.database() + ".nokey: \\d+ inserts, \\d+ updates, 0 deletes, 1 ddls");
  }

  @Test
  void mysqlToPostgresWithBatchApplyEndsIdentical() throws Exception {
    TestingMariaDb source = mysqlSource("bl_pg_src");
    TestingPostgres target = postgres("bl_pg_dst");
    ChildMigrate migrate = migrate(taskId(), "full-load-and-cdc", source.uri(), target.uri(),
        "start-replication", settings(true), List.of());
    writeDuringAndAfterLoad(source, migrate, List::of);
    awaitIdentical(source::connect, "", target::connect, "\"" + source.database() + "\".");
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void postgresToMysqlWithBatchApplyEndsIdentical() throws Exception {
    TestingPostgres source = postgresSource("bl_pgsrc");
    TestingMariaDb target = mysql("bl_pgsrc_dst");
    String task = taskId();
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    ChildMigrate migrate = migrate(task, "full-load-and-cdc", source.uri(), target.uri(),
        "start-replication", settingsWithControlTables(true, ""), List.of());
    List<String> early;
    try (SourceWriters writers = new SourceWriters(source, 4)) {
      migrate.awaitLog("full load complete", Duration.ofSeconds(120));
      early = awaitControlRows(target, target.database(), task); // no ControlSchema: the target's database
      source.execute("INSERT INTO public.events SELECT g, 'e' || g FROM generate_series(1, 100000) g",
          "UPDATE public.nokey SET b = b || '!' WHERE a % 2 = 0", "TRUNCATE public.nokey",
          "INSERT INTO public.nokey VALUES (1, 'after truncate')");
      Thread.sleep(1000);
      assertThat(writers.transactions()).isPositive();
    }
    awaitIdentical(source::connect, "public.", target::connect, "");
    assertControlRowsMoved(target, target.database(), task, early);
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void resumesAfterKillMinusNineMidCdc() throws Exception {
    TestingMariaDb source = mysqlSource("bl_kill_src");
    TestingMariaDb target = mysql("bl_kill_dst");
    String task = taskId();
    Path settings = settings(true);
    try (SourceWriters writers = new SourceWriters(source, 2)) {
      ChildMigrate first = migrate(task, "full-load-and-cdc", source.uri(), target.uri(),
          "start-replication", settings, List.of());
      first.awaitLog("full load complete", Duration.ofSeconds(120));
      first.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(30));
      Thread.sleep(1500);
      first.kill();
      source.execute("INSERT INTO events SELECT seq, CONCAT('k', seq) FROM seq_1_to_5000");
      Thread.sleep(1000);
      ChildMigrate second = migrate(task, "full-load-and-cdc", source.uri(), target.uri(),
          "resume-processing", settings, List.of());
      second.awaitLog("resuming change processing", Duration.ofSeconds(60));
      Thread.sleep(1000);
    }
    awaitIdentical(source::connect, "", target::connect, "");
  }

  @Test
  void cdcStartsAtTheGivenBinlogPosition() throws Exception {
    TestingMariaDb source = mysqlSource("bl_pos_src");
    TestingMariaDb target = mysqlSource("bl_pos_dst"); // cdc copies nothing: start from equal data
    List<String> status = source.rows("SHOW MASTER STATUS").get(0);
    String position = status.get(0) + ":" + status.get(1);
    source.execute("INSERT INTO acct VALUES (-1, 1.00, 'before the task started', NOW(6))",
        "DELETE FROM nokey WHERE a = 7");
    ChildMigrate migrate = migrate(taskId(), "cdc", source.uri(), target.uri(), "start-replication",
        settings(false), List.of("--cdc-start-position", position));
    migrate.awaitLog("binlog from " + position, Duration.ofSeconds(60));
    source.execute("UPDATE acct SET note = 'after' WHERE id = 5");
    awaitIdentical(source::connect, "", target::connect, "");
    assertThat(target.rows("SELECT table_name FROM information_schema.TABLES WHERE table_schema = DATABASE()"
        + " AND table_name LIKE 'awsdms%' ORDER BY table_name")).as("optional control tables are off by default")
        .containsExactly(List.of("awsdms_apply_exceptions"), List.of("awsdms_cdc_position"));
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void survivesATargetThatIsUnreachableForAWhile() throws Exception {
    TestingMariaDb source = mysqlSource("bl_cut_src");
    TestingMariaDb target = mysqlSource("bl_cut_dst"); // cdc copies nothing: start from equal data
    String user = "opendms_" + target.database().substring(target.database().length() - 8);
    source.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
        "GRANT ALL ON `" + target.database() + "`.* TO '" + user + "'@'%'");
    cleanup.add(() -> source.execute("DROP USER IF EXISTS '" + user + "'@'%'"));
    String targetUri = "mysql://" + user + ":pw@" + TestingMariaDb.HOST + ":" + TestingMariaDb.PORT
        + "/" + target.database();
    ChildMigrate migrate = migrate(taskId(), "cdc", source.uri(), targetUri, "start-replication",
        settings(false), List.of());
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("UPDATE acct SET note = 'before the cut' WHERE id <= 100");
    Thread.sleep(2000);
    // the user may hold one connection, which this test takes: the task's are cut and cannot return
    source.execute("ALTER USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 1");
    try (Connection holder = java.sql.DriverManager.getConnection("jdbc:mariadb://"
        + TestingMariaDb.HOST + ":" + TestingMariaDb.PORT + "/" + target.database(), user, "pw")) {
      long own;
      try (Statement statement = holder.createStatement();
          ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
        id.next();
        own = id.getLong(1);
      }
      for (List<String> thread : source.rows("SELECT ID FROM information_schema.PROCESSLIST"
          + " WHERE USER = '" + user + "' AND ID <> " + own)) {
        try {
          source.execute("KILL " + thread.get(0));
        } catch (IllegalStateException alreadyGone) {
          // a thread that ended meanwhile
        }
      }
      try (SourceWriters writers = new SourceWriters(source, 3)) {
        Thread.sleep(6000);
      }
    } finally {
      source.execute("ALTER USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 0");
    }
    migrate.awaitLog("restarting change processing", Duration.ofSeconds(30));
    awaitIdentical(source::connect, "", target::connect, "");
    assertThat(migrate.terminate()).isZero();
  }

  /**
   * The task's {@code awsdms_status} row (status, position, status time) and its {@code
   * awsdms_history} records of change processing, once the first target commit of change
   * processing wrote them.
   */
  private static List<String> awaitControlRows(TestingMariaDb target, String database, String task)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> rows = controlRows(target, database, task);
    while (rows.isEmpty()) {
      assertThat(System.nanoTime()).as("awsdms_status of %s written within 60 s", task).isLessThan(end);
      Thread.sleep(300);
      rows = controlRows(target, database, task);
    }
    return rows;
  }

  private static List<String> controlRows(TestingMariaDb target, String database, String task) {
    String control = "`" + database + "`.";
    List<List<String>> rows;
    try {
      rows = target.rows("SELECT s.task_status, s.source_current_position,"
          + " CAST(s.status_time AS CHAR), s.source_timestamp_applied <= s.status_time,"
          + " h.timeslot_type, h.duration, h.records, s.pending_changes >= 0 AND s.disk_swap_size >= 0"
          + " AND s.task_memory > 0 AND s.source_tail_timestamp = s.source_timestamp_applied"
          + " AND s.source_current_timestamp >= s.source_tail_timestamp, h.volume FROM " + control
          + "awsdms_status s JOIN (SELECT task_name, MIN(timeslot_type) timeslot_type, MIN(timeslot_duration)"
          + " duration, SUM(timeslot_records) records, SUM(timeslot_volume) volume FROM " + control
          + "awsdms_history WHERE timeslot_type = 'CHANGE PROCESSING' GROUP BY task_name) h"
          + " ON h.task_name = s.task_name WHERE s.task_name = '" + task + "'");
    } catch (IllegalStateException notCreatedYet) {
      return List.of(); // the change applier creates them when change processing starts
    }
    return rows.isEmpty() ? List.of() : rows.get(0);
  }

  /** Status time, position and history records moved on since {@code early}, with the 100,000 inserts. */
  private static void assertControlRowsMoved(TestingMariaDb target, String database, String task,
      List<String> early) {
    List<String> late = controlRows(target, database, task);
    assertThat(early.subList(3, 6)).as("applied <= status time, timeslot type and minutes")
        .containsExactly("1", "CHANGE PROCESSING", "5");
    assertThat(late.subList(0, 2)).isNotEqualTo(early.subList(0, 2)).first().isEqualTo("CHANGE PROCESSING (CDC)");
    assertThat(late.get(2)).as("status_time").isGreaterThan(early.get(2));
    assertThat(Long.parseLong(late.get(6)) - Long.parseLong(early.get(6))).as("history records added")
        .isGreaterThanOrEqualTo(100_000);
    assertThat(late.get(7)).as("backlog, spill, memory, current read at or past the applied tail").isEqualTo("1");
    assertThat(Long.parseLong(late.get(8))).as("MB applied in the timeslots").isGreaterThan(Long.parseLong(early.get(8)));
    assertThat(target.rows("SELECT SUM(timeslot_records) >= 21000, SUM(timeslot_volume) >= 1, COUNT(timeslot_latency)"
        + " FROM `" + database + "`.awsdms_history WHERE task_name = '" + task + "' AND timeslot_type = 'FULL LOAD'"))
        .as("the rows of the full load, recorded while it ran").containsExactly(List.of("1", "1", "0"));
  }

  /**
   * Writers run during the full load and after it; then a 100k-row transaction and a truncate.
   *
   * @param afterLoad runs once the full load is complete, before the big transaction
   * @return what {@code afterLoad} returned
   */
  private static List<String> writeDuringAndAfterLoad(TestingMariaDb source, ChildMigrate migrate,
      Callable<List<String>> afterLoad) throws Exception {
    try (SourceWriters writers = new SourceWriters(source, 1)) {
      migrate.awaitLog("full load complete", Duration.ofSeconds(120));
      List<String> seen = afterLoad.call();
      source.execute("INSERT INTO events SELECT seq, CONCAT('e', seq) FROM seq_1_to_100000",
          "UPDATE nokey SET b = CONCAT(b, '!') WHERE a % 2 = 0", "TRUNCATE TABLE nokey",
          "INSERT INTO nokey VALUES (1, 'after truncate')");
      Thread.sleep(1000);
      assertThat(writers.transactions()).isPositive();
      return seen;
    }
  }

  private static void awaitIdentical(Side source, String sourcePrefix, Side target, String targetPrefix)
      throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (true) {
      List<List<String>> expected = rows(source, sourcePrefix);
      List<List<String>> actual = rows(target, targetPrefix);
      if (expected.equals(actual)) {
        assertThat(actual.get(0)).as("acct rows").hasSizeGreaterThan(1000);
        return;
      }
      if (System.nanoTime() > end) {
        for (int t = 0; t < TABLES.size(); t++) {
          List<String> missing = new ArrayList<>(expected.get(t));
          missing.removeAll(actual.get(t));
          List<String> extra = new ArrayList<>(actual.get(t));
          extra.removeAll(expected.get(t));
          assertThat(missing).as("%s rows missing on the target", TABLES.get(t)).isEmpty();
          assertThat(extra).as("%s rows only on the target", TABLES.get(t)).isEmpty();
        }
        assertThat(actual).isEqualTo(expected); // duplicates
      }
      Thread.sleep(1000);
    }
  }

  /** Each table's rows as {@code a|b|c} text, sorted, the key columns and values the writers change. */
  private static List<List<String>> rows(Side side, String prefix) {
    List<List<String>> tables = new ArrayList<>();
    try (Connection connection = side.connect(); Statement statement = connection.createStatement()) {
      tables.add(query(statement, "SELECT id, balance, note FROM " + prefix + "acct"));
      tables.add(query(statement, "SELECT id, payload FROM " + prefix + "events"));
      tables.add(query(statement, "SELECT a, b FROM " + prefix + "nokey"));
    } catch (SQLException e) {
      tables.clear(); // the target table is not there yet
      TABLES.forEach(t -> tables.add(List.of(e.getMessage())));
    }
    return tables;
  }

  private static List<String> query(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    Collections.sort(rows);
    return rows;
  }

  private TestingMariaDb mysqlSource(String prefix) {
    TestingMariaDb source = mysql(prefix);
    source.execute(
        "CREATE TABLE acct (id bigint PRIMARY KEY, balance decimal(12,2), note text, updated datetime(6))",
        "INSERT INTO acct SELECT seq, seq * 0.5, CONCAT('note ', seq),"
            + " TIMESTAMP'2026-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_20000",
        "CREATE TABLE events (id bigint PRIMARY KEY, payload varchar(100))",
        "CREATE TABLE nokey (a int, b varchar(100))",
        "INSERT INTO nokey SELECT seq % 100, CONCAT('k', seq) FROM seq_1_to_1000");
    return source;
  }

  private TestingPostgres postgresSource(String prefix) {
    TestingPostgres source = postgres(prefix);
    source.execute(
        "CREATE SEQUENCE public.acct_ids START 10000000",
        "CREATE TABLE public.acct (id bigint PRIMARY KEY, balance numeric(12,2), note text, updated timestamptz)",
        "INSERT INTO public.acct SELECT g, g * 0.5, 'note ' || g, timestamptz '2026-01-01' + g * interval '1 s' FROM generate_series(1, 20000) g",
        "CREATE TABLE public.events (id bigint PRIMARY KEY, payload varchar(100))",
        "CREATE TABLE public.nokey (a int, b text)",
        "ALTER TABLE public.nokey REPLICA IDENTITY FULL",
        "INSERT INTO public.nokey SELECT g % 100, 'k' || g FROM generate_series(1, 1000) g");
    return source;
  }

  private TestingMariaDb mysql(String prefix) {
    TestingMariaDb database = TestingMariaDb.create(prefix);
    cleanup.add(database);
    return database;
  }

  private TestingPostgres postgres(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  private static String taskId() {
    return "bl-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ChildMigrate migrate(String task, String type, String source, String target, String start,
      Path settings, List<String> more) throws Exception {
    Path log = Files.createTempFile(dataDir, task + "-" + start, ".log");
    List<String> args = new ArrayList<>(List.of("--source", source, "--target", target,
        "--migration-type", type, "--task-id", task, "--data-dir", dataDir.toString(), "--start", start,
        "--task-settings", settings.toString()));
    args.addAll(more);
    ChildMigrate child = ChildMigrate.start(log, args.toArray(String[]::new));
    cleanup.add(child);
    return child;
  }

  private Path settings(boolean batchApply) throws Exception {
    return CdcMigrateIT.settings(dataDir, batchApply);
  }

  /** Every optional control table on, in {@code controlSchema}, 5-minute history timeslots. */
  private Path settingsWithControlTables(boolean batchApply, String controlSchema) throws Exception {
    return Files.writeString(dataDir.resolve("control-" + batchApply + ".json"),
        "{\"TargetMetadata\":{\"BatchApplyEnabled\":" + batchApply + "},"
            + "\"ChangeProcessingTuning\":{\"BatchApplyTimeoutMin\":0},"
            + "\"ControlTablesSettings\":{\"ControlSchema\":\"" + controlSchema + "\","
            + "\"StatusTableEnabled\":true,\"HistoryTableEnabled\":true,\"SuspendedTablesTableEnabled\":true}}");
  }
}
