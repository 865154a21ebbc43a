package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TableFingerprints;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full load of one table split into four key ranges, killed with SIGKILL after three ranges
 * committed and while the third waits on the target, then resumed: the three are not read again
 * (their records in the task state are those of the first run), the third loads from a new
 * snapshot, and with CDC the changes since the first snapshot are replayed until source and
 * target are identical row by row, while writers insert, update, move keys between ranges and
 * delete throughout.
 */
class RangeResumeIT {
  private static final String TABLE = "public.big";
  private static final int ROWS = 100_000;
  /** In the third range, (50000, 75000]; its insert on the target waits while the test says. */
  private static final long BLOCKING_KEY = 60_000;

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void fullLoadAndCdcKilledMidLoadResumesRangeByRangeAndEndsIdentical() throws Exception {
    TestingPostgres source = database("range_cdc_src");
    TestingPostgres target = database("range_cdc_dst");
    createTables(source, target);
    String task = "range-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<Integer, String> firstRun;
    try (RandomWriters writers = new RandomWriters(source, RangeResumeIT::randomChange)) {
      firstRun = killedAfterThreeRanges(task, "full-load-and-cdc", source, target);
      // the slot confirmed nothing while the load ran: the changes since its start can be replayed
      assertThat(confirmedFlush(source, task)).isEqualTo(stateFile(task).read().path("cdc").path("startPosition").asText());

      ChildMigrate second = migrate(task, "full-load-and-cdc", source, target, "resume-processing");
      second.awaitLog("public.big: resumes range by range: 3 of 4 partition(s) committed before and kept",
          Duration.ofSeconds(60));
      second.awaitLog("replayed idempotently to [public.big]", Duration.ofSeconds(120));
      writers.awaitMore(200);
      writers.close();
      try {
        TableFingerprints.awaitIdentical(source, target, List.of(TABLE), Duration.ofSeconds(120));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; rows differing: " + difference(source, target)
            + "\n" + second.log(), e);
      }
    }
    assertKeptRangesNotLoadedAgain(task, firstRun);
  }

  @Test
  void fullLoadKilledMidLoadResumesRangeByRange() throws Exception {
    TestingPostgres source = database("range_fl_src");
    TestingPostgres target = database("range_fl_dst");
    createTables(source, target);
    String task = "range-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<Integer, String> firstRun = killedAfterThreeRanges(task, "full-load", source, target);
    // a full load has no change stream: the reloaded range is as the new snapshot reads it
    source.execute("UPDATE public.big SET payload = 'after the crash' WHERE id BETWEEN 50001 AND 50010");
    ChildMigrate second = migrate(task, "full-load", source, target, "resume-processing");
    assertThat(second.waitFor(Duration.ofSeconds(120))).as(second.log()).isZero();
    assertThat(second.log()).contains("public.big: resumes range by range: 3 of 4 partition(s)");
    TableFingerprints.awaitIdentical(source, target, List.of(TABLE), Duration.ofSeconds(10));
    assertKeptRangesNotLoadedAgain(task, firstRun);
  }

  @Test
  void mysqlSourceResumesRangeByRangeToo() throws Exception {
    TestingMariaDb source = TestingMariaDb.create("range_my_src");
    cleanup.add(source);
    TestingPostgres target = database("range_my_dst");
    source.execute("CREATE TABLE big (id bigint PRIMARY KEY, grp int NOT NULL, payload varchar(64))",
        "INSERT INTO big SELECT seq, seq % 7, MD5(seq) FROM seq_1_to_" + ROWS);
    String schema = source.database();
    target.execute("CREATE SCHEMA \"" + schema + "\"",
        "CREATE TABLE \"" + schema + "\".big (id bigint PRIMARY KEY, grp int NOT NULL, payload varchar(64))");
    String task = "range-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<Integer, String> firstRun = killedAfterThreeRanges(task, "full-load-and-cdc", source.uri(), schema,
        target);
    // after the first snapshot: a key moved from a kept range into the reloaded one and back out,
    // updates and deletes in every range, inserts
    source.execute("DELETE FROM big WHERE id % 1000 = 4", "UPDATE big SET id = 60004 WHERE id = 10",
        "UPDATE big SET id = 90004 WHERE id = 60002", "UPDATE big SET payload = 'changed' WHERE id % 1000 = 3",
        "INSERT INTO big VALUES (100001, 1, 'new'), (100002, 2, 'new')");
    ChildMigrate second = migrate(task, "full-load-and-cdc", source.uri(), schema, target, "resume-processing");
    second.awaitLog("resumes range by range: 3 of 4 partition(s) committed before and kept",
        Duration.ofSeconds(60));
    source.execute("UPDATE big SET id = 60002 WHERE id = 90004", "DELETE FROM big WHERE id = 100001");
    second.awaitLog("replayed idempotently to", Duration.ofSeconds(120));
    String columns = "SELECT id, grp, payload FROM ";
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!source.rows(columns + "big ORDER BY id").equals(
        postgresRows(target, columns + "\"" + schema + "\".big ORDER BY id"))) {
      assertThat(System.nanoTime()).as("target identical to the source within 120 s:\n" + second.log())
          .isLessThan(end);
      Thread.sleep(500);
    }
    assertKeptRangesNotLoadedAgain(task, firstRun);
  }

  private static List<List<String>> postgresRows(TestingPostgres db, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (var connection = db.connect(); var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(List.of(result.getString(1), result.getString(2), result.getString(3)));
      }
    }
    return rows;
  }

  /** Every range is committed, and the kept ones' records (rows, commit time) are the first run's. */
  private void assertKeptRangesNotLoadedAgain(String task, Map<Integer, String> firstRun) throws Exception {
    Map<Integer, String> afterResume = stateFile(task).committedRanges();
    assertThat(afterResume).containsOnlyKeys(0, 1, 2, 3);
    firstRun.forEach((index, record) -> assertThat(afterResume.get(index)).isEqualTo(record));
  }

  /** The rows only one side has, for the failure message. */
  private static String difference(TestingPostgres source, TestingPostgres target) throws SQLException {
    java.util.Set<String> left = rows(source);
    java.util.Set<String> right = rows(target);
    java.util.Set<String> missing = new java.util.TreeSet<>(left);
    missing.removeAll(right);
    java.util.Set<String> extra = new java.util.TreeSet<>(right);
    extra.removeAll(left);
    return "missing on the target " + missing + ", only on the target " + extra;
  }

  private static java.util.Set<String> rows(TestingPostgres db) throws SQLException {
    java.util.Set<String> rows = new java.util.HashSet<>();
    try (var connection = db.connect(); var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT t::text FROM public.big t")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  /**
   * Starts the task, kills it with SIGKILL once the first, second and fourth ranges committed while
   * the third waits, and returns the ranges its state records.
   */
  private Map<Integer, String> killedAfterThreeRanges(String task, String type, TestingPostgres source,
      TestingPostgres target) throws Exception {
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    return killedAfterThreeRanges(task, type, source.uri(), "public", target);
  }

  private Map<Integer, String> killedAfterThreeRanges(String task, String type, String sourceUri,
      String schema, TestingPostgres target) throws Exception {
    Map<Integer, String> committed;
    String table = "\"" + schema + "\".big";
    try (Connection lock = InterruptedLoads.holdBackRow(target, table, BLOCKING_KEY)) {
      ChildMigrate first = migrate(task, type, sourceUri, schema, target, "start-replication");
      committed = stateFile(task).awaitCommittedRanges(3, first);
      first.kill();
    }
    InterruptedLoads.release(target, table);
    assertThat(committed).containsOnlyKeys(0, 1, 3);
    return committed;
  }

  private static void createTables(TestingPostgres source, TestingPostgres target) {
    String ddl = "CREATE TABLE public.big (id bigint PRIMARY KEY, grp int NOT NULL, payload text)";
    source.execute(ddl, "INSERT INTO public.big SELECT g, g % 7, md5(g::text) FROM generate_series(1, "
        + ROWS + ") g");
    target.execute(ddl);
  }

  private ChildMigrate migrate(String task, String type, TestingPostgres source, TestingPostgres target,
      String start) throws Exception {
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    return migrate(task, type, source.uri(), "public", target, start);
  }

  /** The task on {@code schema.big} of the source, split at 25000, 50000 and 75000. */
  private ChildMigrate migrate(String task, String type, String sourceUri, String schema,
      TestingPostgres target, String start) throws Exception {
    Path mappings = Files.writeString(dataDir.resolve("mappings.json"), """
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "big", "rule-action": "include",
           "object-locator": {"schema-name": "%1$s", "table-name": "big"}},
          {"rule-type": "table-settings", "rule-id": "2", "rule-name": "ranges",
           "object-locator": {"schema-name": "%1$s", "table-name": "big"},
           "parallel-load": {"type": "ranges", "columns": ["id"],
                             "boundaries": [["25000"], ["50000"], ["75000"]]}}
        ]}
        """.formatted(schema));
    // the target table exists already, with the row that holds the third range back
    Path settings = Files.writeString(dataDir.resolve("settings.json"),
        "{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"}}");
    Path log = Files.createTempFile(dataDir, task + "-" + start, ".log");
    ChildMigrate child = ChildMigrate.start(log, "--source", sourceUri, "--target", target.uri(),
        "--migration-type", type, "--task-id", task, "--data-dir", dataDir.toString(), "--start", start,
        "--table-mappings", mappings.toString(), "--task-settings", settings.toString());
    cleanup.add(child);
    return child;
  }

  private InterruptedLoads.TaskStateFile stateFile(String task) {
    return new InterruptedLoads.TaskStateFile(dataDir, task);
  }

  static String confirmedFlush(TestingPostgres source, String task) throws Exception {
    try (var connection = source.connect(); var statement = connection.createStatement();
        var row = statement.executeQuery("SELECT confirmed_flush_lsn FROM pg_replication_slots"
            + " WHERE slot_name = 'opendms_" + task.replace('-', '_') + "'")) {
      assertThat(row.next()).as("the task's slot").isTrue();
      return row.getString(1);
    }
  }

  /** Inserts, updates of values, updates that move a key into another range, deletes. */
  private static Optional<String> randomChange(ThreadLocalRandom random) {
    long id = key(random);
    long other = key(random);
    return Optional.of(switch (random.nextInt(4)) {
      case 0 -> "INSERT INTO public.big VALUES (" + id + ", 1, 'new') ON CONFLICT DO NOTHING";
      case 1 -> "UPDATE public.big SET payload = md5(random()::text), grp = grp + 1 WHERE id = " + id;
      case 2 -> "UPDATE public.big SET id = " + other + " WHERE id = " + id
          + " AND NOT EXISTS (SELECT 1 FROM public.big WHERE id = " + other + ")";
      default -> "DELETE FROM public.big WHERE id = " + id;
    });
  }

  /** A key of a row or of none yet, never the blocking one. */
  private static long key(ThreadLocalRandom random) {
    long id = random.nextLong(1, ROWS + 20_000);
    return id == BLOCKING_KEY ? id + 1 : id;
  }
}
