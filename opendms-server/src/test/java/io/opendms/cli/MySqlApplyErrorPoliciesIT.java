package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} CDC into a MariaDB target whose changes really fail there: the target
 * misses a row, has a narrower column and a unique constraint the source lacks. The task's
 * ErrorBehavior decides each, failed changes land in {@code awsdms_apply_exceptions} of the
 * control database, a suspended table gets no more changes while another table goes on. From a
 * MariaDB source (transactional apply) and a PostgreSQL source (batch apply).
 */
class MySqlApplyErrorPoliciesIT {
  private static final String SETTINGS = """
      {"TargetMetadata": {"BatchApplyEnabled": %s},
       "ChangeProcessingTuning": {"BatchApplyTimeoutMin": 0},
       "ControlTablesSettings": {"SuspendedTablesTableEnabled": true},
       "ErrorBehavior": {"ApplyErrorUpdatePolicy": "UPDATE_RECORD", "DataTruncationErrorPolicy": "LOG_ERROR",
                         "ApplyErrorInsertPolicy": "SUSPEND_TABLE"}}""";
  private static final String[] CHANGES = {
    "UPDATE a SET note = 'upd' WHERE id = 2", // missing on the target: UPDATE_RECORD inserts it
    "INSERT INTO a VALUES (3, 'c', 'much too long')", // varchar(5): logged
    "INSERT INTO a VALUES (4, 'a', NULL)", // code 'a' is unique on the target: suspends a
    "INSERT INTO a VALUES (5, 'e', NULL)", // a is suspended: not applied
    "INSERT INTO b VALUES (1, 'b1')"};

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void mysqlToMysqlPoliciesDecideRefusedChangesAndRecordThem() throws Exception {
    TestingMariaDb source = mysql("myerr_src");
    source.execute("CREATE TABLE a (id int PRIMARY KEY, code varchar(20), note varchar(20))",
        "CREATE TABLE b (id int PRIMARY KEY, v text)", "INSERT INTO a VALUES (1, 'a', 'x'), (2, 'b', 'y')");
    TestingMariaDb target = narrowTarget("myerr_dst");
    String task = "myerr-it-" + UUID.randomUUID().toString().substring(0, 8);
    runChanges(task, source.uri(), target, false, source::execute);
  }

  @Test
  void postgresToMysqlPoliciesDecideRefusedChangesWithBatchApply() throws Exception {
    TestingPostgres source = TestingPostgres.create("myerr_pgsrc");
    cleanup.add(source);
    source.execute("CREATE TABLE public.a (id int PRIMARY KEY, code text, note varchar(20))",
        "CREATE TABLE public.b (id int PRIMARY KEY, v text)", "INSERT INTO public.a VALUES (1, 'a', 'x'), (2, 'b', 'y')");
    TestingMariaDb target = narrowTarget("myerr_pgdst");
    String task = "myerr-pg-" + UUID.randomUUID().toString().substring(0, 8);
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    runChanges(task, source.uri(), target, true, source::execute);
  }

  private void runChanges(String task, String sourceUri, TestingMariaDb target, boolean batchApply,
      Consumer<String[]> sourceSql) throws Exception {
    Path settings = Files.writeString(dataDir.resolve("settings.json"), SETTINGS.formatted(batchApply));
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate migrate = ChildMigrate.start(log, "--source", sourceUri, "--target", target.uri(),
        "--migration-type", "cdc", "--task-id", task, "--data-dir", dataDir.toString(),
        "--start", "start-replication", "--task-settings", settings.toString());
    cleanup.add(migrate);
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    sourceSql.accept(CHANGES);
    awaitRows(target, "SELECT COUNT(*) FROM b", "1");

    assertThat(target.rows("SELECT id, code, IFNULL(note, '-') FROM a ORDER BY id"))
        .containsExactly(List.of("1", "a", "x"), List.of("2", "b", "upd"));
    List<List<String>> logged = target.rows("SELECT task_name, table_owner, table_name, statement, error"
        + " FROM awsdms_apply_exceptions ORDER BY error_time");
    assertThat(logged).hasSize(2).allSatisfy(r -> assertThat(r.subList(0, 3))
        .containsExactly(task, target.database(), "a"));
    assertThat(logged.get(0).get(4)).contains("Data too long for column 'note'").contains("22001");
    assertThat(logged.get(1).get(3)).isEqualTo("INSERT INTO `" + target.database() + "`.`a`"
        + " (`id`, `code`, `note`) VALUES ('4', 'a', NULL)");
    assertThat(logged.get(1).get(4)).contains("Duplicate entry 'a'").contains("error 1062");
    assertThat(target.rows("SELECT task_name, table_owner, table_name, SUBSTRING_INDEX(suspend_reason, ':', 1)"
        + " FROM awsdms_suspended_tables")).containsExactly(List.of(task, target.database(), "a", "DUPLICATE_KEY"));
    assertThat(migrate.terminate()).isZero();
    assertThat(migrate.log()).contains("suspended (SUSPEND_TABLE policy)").contains("Table error (suspended)");
  }

  /** A target narrower than the source, missing row 2. */
  private TestingMariaDb narrowTarget(String prefix) {
    TestingMariaDb target = mysql(prefix);
    target.execute("CREATE TABLE a (id int PRIMARY KEY, code varchar(20) UNIQUE, note varchar(5))",
        "CREATE TABLE b (id int PRIMARY KEY, v text)", "INSERT INTO a VALUES (1, 'a', 'x')");
    return target;
  }

  private TestingMariaDb mysql(String prefix) {
    TestingMariaDb database = TestingMariaDb.create(prefix);
    cleanup.add(database);
    return database;
  }

  private static void awaitRows(TestingMariaDb db, String sql, String expected) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!List.of(List.of(expected)).equals(db.rows(sql))) {
      assertThat(System.nanoTime()).as("%s = %s within 60 s", sql, expected).isLessThan(end);
      Thread.sleep(300);
    }
    Thread.sleep(500);
  }
}
