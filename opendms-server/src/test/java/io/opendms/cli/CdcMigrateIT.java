package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TableFingerprints;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} with CDC, in a child JVM, against the real local PostgreSQL: concurrent
 * writers, kill -9 and resume, an unreachable target, a dropped slot. Each test compares source
 * and target row by row at the end and drops the slot and publication it made.
 */
class CdcMigrateIT {
  private static final List<String> TABLES = SourceWriters.TABLES;
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void fullLoadAndCdcWithConcurrentWritersEndsIdentical() throws Exception {
    TestingPostgres source = source("cdc_src");
    TestingPostgres target = database("cdc_dst");
    String task = taskId();
    ChildMigrate migrate = migrate(task, "full-load-and-cdc", source, target, "start-replication", settings(false));
    try (SourceWriters writers = new SourceWriters(source, 1)) {
      migrate.awaitLog("full load complete", Duration.ofSeconds(120));
      source.execute("INSERT INTO public.events SELECT g, jsonb_build_object('g', g) FROM generate_series(1, 100000) g");
      source.execute("UPDATE public.nokey SET b = b || '!' WHERE a % 2 = 0", "TRUNCATE public.nokey",
          "INSERT INTO public.nokey VALUES (1, 'after truncate')");
      Thread.sleep(1000);
      assertThat(writers.transactions()).isPositive();
    }
    awaitIdentical(source, target);
    assertThat(migrate.log()).contains("CDCLatencySource").contains("CDCIncomingChanges");
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
    assertThat(migrate.log()).containsPattern("CDC public.events: 100000 inserts, 0 updates")
        .containsPattern("CDC public.nokey: \\d+ inserts, \\d+ updates, 0 deletes, 1 ddls");
  }

  @Test
  void resumesAfterKillMinusNineMidCdcWithBatchApply() throws Exception {
    TestingPostgres source = source("cdc_kill_src");
    TestingPostgres target = database("cdc_kill_dst");
    String task = taskId();
    Path settings = settings(true);
    try (SourceWriters writers = new SourceWriters(source, 2)) {
      ChildMigrate first = migrate(task, "full-load-and-cdc", source, target, "start-replication", settings);
      first.awaitLog("full load complete", Duration.ofSeconds(120));
      first.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(30));
      Thread.sleep(1500);
      first.kill();
      source.execute("INSERT INTO public.events SELECT g, '{}' FROM generate_series(1, 5000) g");
      Thread.sleep(1000);
      ChildMigrate second = migrate(task, "full-load-and-cdc", source, target, "resume-processing", settings);
      second.awaitLog("resuming change processing", Duration.ofSeconds(60));
      Thread.sleep(1000);
    }
    awaitIdentical(source, target);
  }

  @Test
  void resumesAFullLoadKilledMidLoadWithoutReadingItsCompletedTablesAgain() throws Exception {
    TestingPostgres source = source("cdc_midload_src");
    source.execute("INSERT INTO public.events SELECT g, jsonb_build_object('g', g) FROM generate_series(1, 30000) g");
    TestingPostgres target = database("cdc_midload_dst");
    target.execute("CREATE TABLE public.events (id bigint PRIMARY KEY, payload jsonb)");
    String task = taskId();
    Path settings = Files.writeString(dataDir.resolve("settings-keep.json"),
        "{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"}}");
    try (SourceWriters writers = new SourceWriters(source, 4)) {
      try (var lock = target.connect(); var statement = lock.createStatement()) {
        // the load of events waits for this lock, so the process dies with it unfinished
        lock.setAutoCommit(false);
        statement.execute("LOCK TABLE public.events IN SHARE MODE");
        ChildMigrate first = migrate(task, "full-load-and-cdc", source, target, "start-replication", settings);
        first.awaitLog("public.acct: completed", Duration.ofSeconds(120));
        first.awaitLog("public.nokey: completed", Duration.ofSeconds(60));
        Thread.sleep(1000);
        first.kill();
        lock.rollback();
      }
      Thread.sleep(1000);
      ChildMigrate second = migrate(task, "full-load-and-cdc", source, target, "resume-processing", settings);
      second.awaitLog("resuming its interrupted full load: 2 completed table(s) kept, 1 to load again",
          Duration.ofSeconds(60));
      second.awaitLog("public.events: completed", Duration.ofSeconds(120));
      Thread.sleep(2000);
      assertThat(writers.transactions()).isPositive();
      assertThat(second.log()).doesNotContain("public.acct: completed").doesNotContain("public.nokey: completed");
    }
    awaitIdentical(source, target);
  }

  @Test
  void survivesAnUnreachableTargetNamesADroppedSlotAndReloads() throws Exception {
    TestingPostgres source = source("cdc_cut_src");
    TestingPostgres target = source("cdc_cut_dst"); // cdc copies nothing: start from equal data
    String task = taskId();
    ChildMigrate migrate = migrate(task, "cdc", source, target, "start-replication", settings(false));
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("INSERT INTO public.acct SELECT g, 1, 'before', now() FROM generate_series(100001, 100100) g");
    Thread.sleep(2000);
    cutOff(target, true);
    try (SourceWriters writers = new SourceWriters(source, 3)) {
      Thread.sleep(6000);
    } finally {
      cutOff(target, false);
    }
    migrate.awaitLog("restarting change processing", Duration.ofSeconds(30));
    awaitIdentical(source, target);
    assertThat(migrate.terminate()).isZero();

    source.execute("SELECT pg_drop_replication_slot('" + slotName(task) + "')");
    ChildMigrate resume = migrate(task, "cdc", source, target, "resume-processing", settings(false));
    assertThat(resume.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(resume.log()).contains("replication slot " + slotName(task) + " does not exist");

    ChildMigrate reload = migrate(task, "cdc", source, target, "reload-target", settings(false));
    reload.awaitLog("capture: slot " + slotName(task), Duration.ofSeconds(60));
    source.execute("INSERT INTO public.acct VALUES (-5, 5, 'after reload', now())");
    awaitIdentical(source, target);
    assertThat(reload.terminate()).isZero();
  }

  @Test
  void aTargetUnreachableLongerThanTheRecoverableErrorCountAllowsFailsTheTask() throws Exception {
    TestingPostgres source = source("cdc_gone_src");
    TestingPostgres target = source("cdc_gone_dst");
    String task = taskId();
    Path settings = Files.writeString(dataDir.resolve("recoverable.json"), """
        {"ErrorBehavior": {"RecoverableErrorCount": 2, "RecoverableErrorInterval": 1,
                           "RecoverableErrorThrottling": false}}""");
    ChildMigrate migrate = migrate(task, "cdc", source, target, "start-replication", settings);
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    cutOff(target, true);
    try {
      source.execute("INSERT INTO public.acct VALUES (-7, 7, 'never applied', now())");
      assertThat(migrate.waitFor(Duration.ofSeconds(90))).isEqualTo(ExitCode.TASK_FAILED);
    } finally {
      cutOff(target, false);
    }
    assertThat(migrate.log()).contains("restarting change processing in 1 s (restart 1)")
        .contains("restarting change processing in 1 s (restart 2)")
        .contains("no restart left after 2 (RecoverableErrorCount")
        .doesNotContain("(restart 3)");
  }

  private static void awaitIdentical(TestingPostgres source, TestingPostgres target) throws Exception {
    TableFingerprints.awaitIdentical(source, target, TABLES, CONVERGE);
  }

  /** Refuses new connections to the target database and ends its sessions; never stops the server. */
  private static void cutOff(TestingPostgres target, boolean cut) throws Exception {
    try (var admin = java.sql.DriverManager.getConnection(
            "jdbc:postgresql://" + TestingPostgres.HOST + ":" + TestingPostgres.PORT + "/postgres",
            TestingPostgres.USER, "");
        var statement = admin.createStatement()) {
      statement.execute("ALTER DATABASE " + target.database() + " ALLOW_CONNECTIONS " + !cut);
      if (cut) {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + target.database() + "' AND pid <> pg_backend_pid()");
      }
    }
  }

  private TestingPostgres source(String prefix) {
    TestingPostgres source = database(prefix);
    SourceWriters.createTables(source);
    return source;
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  private String taskId() {
    String task = "cdc-it-" + UUID.randomUUID().toString().substring(0, 8);
    return task;
  }

  private ChildMigrate migrate(String task, String type, TestingPostgres source, TestingPostgres target,
      String start, Path settings) throws Exception {
    Path log = Files.createTempFile(dataDir, task + "-" + start, ".log");
    ChildMigrate child = ChildMigrate.start(log, "--source", source.uri(), "--target", target.uri(),
        "--migration-type", type, "--task-id", task, "--data-dir", dataDir.toString(), "--start", start,
        "--task-settings", settings.toString());
    // runs before the databases are dropped: the child first, then the slot it used
    cleanup.add(() -> dropSlot(source, task));
    cleanup.add(child);
    return child;
  }

  private Path settings(boolean batchApply) throws Exception {
    return settings(dataDir, batchApply);
  }

  /** Task settings with or without batch apply, which commits at once when idle. */
  static Path settings(Path dataDir, boolean batchApply) throws Exception {
    return Files.writeString(dataDir.resolve("settings-" + batchApply + ".json"),
        "{\"TargetMetadata\":{\"BatchApplyEnabled\":" + batchApply + "},"
            + "\"ChangeProcessingTuning\":{\"BatchApplyTimeoutMin\":0}}");
  }

  private static String slotName(String task) {
    return "opendms_" + task.replace('-', '_');
  }

  /** Drops the slot and publication of a task, once the process that used them is gone. */
  static void dropSlot(TestingPostgres source, String task) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var connection = source.connect(); var statement = connection.createStatement()) {
        statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = '" + slotName(task) + "'");
        statement.execute("DROP PUBLICATION IF EXISTS " + slotName(task));
        return;
      } catch (java.sql.SQLException e) {
        Thread.sleep(200); // the killed process's walsender may still hold the slot for a moment
      }
    }
  }
}
