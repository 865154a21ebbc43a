package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds.BlockRange;
import io.opendms.testkit.TableFingerprints;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full load with CDC of one table split by PostgreSQL's default block ranges (ctid) into four,
 * killed with SIGKILL after three ranges committed while the third waits on the target, then
 * resumed: the kept ranges are not read again, the blocks of the third are read from a new
 * snapshot replacing rows by key, and the changes since the first snapshot are replayed until
 * source and target are identical, while updates move rows between kept blocks and blocks read
 * again. A rewrite of the table between crash and resume (VACUUM FULL), or a moved row the replay
 * cannot rebuild (its update left out an unchanged TOASTed value), loads the table whole.
 */
class BlockRangeResumeIT {
  private static final String TABLE = "public.big";
  private static final int ROWS = 60_000;
  /** 1 MiB: the table's ~4.5 MB split into four block ranges. */
  private static final String SMALL_PARTITIONS = "-Dopendms.pg.min.partition.bytes=1048576";
  /** A row in the third range whose payload is TOASTed out of line. */
  private static final long TOASTED_KEY = ROWS * 5L / 8 + 300;

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void killedMidLoadResumesBlockRangesWhileRowsMoveAndEndsIdentical() throws Exception {
    TestingPostgres source = database("block_cdc_src");
    TestingPostgres target = database("block_cdc_dst");
    String task = task(source);
    createTables(source, target);
    Map<Integer, String> firstRun;
    long held = blockingKey(source);
    try (RandomWriters writers = new RandomWriters(source, random -> randomChange(random, held))) {
      firstRun = killedAfterThreeRanges(task, source, target, held);
      BlockRange pending = pendingRange(firstRun);
      Map<Long, Long> blocksBefore = blocks(source);
      moveRowsBetweenKeptAndPendingBlocks(source, pending);
      Map<Long, Long> blocksAfter = blocks(source);
      assertThat(moved(blocksBefore, blocksAfter, pending, true)).as("rows moved into the pending blocks")
          .isPositive();
      assertThat(moved(blocksBefore, blocksAfter, pending, false)).as("rows moved out of them")
          .isPositive();

      ChildMigrate second = migrate(task, source, target, "resume-processing");
      second.awaitLog("public.big: resumes range by range: 3 of", Duration.ofSeconds(60));
      second.awaitLog("replayed idempotently to [public.big]", Duration.ofSeconds(120));
      writers.awaitMore(200);
      writers.close();
      TableFingerprints.awaitIdentical(source, target, List.of(TABLE), Duration.ofSeconds(120));
      assertThat(second.log()).contains("replacing rows of the same key on the target")
          .doesNotContain("load(s) again whole").doesNotContain("loads whole again");
    }
    // the kept ranges' records (rows, commit time) are the first run's: they were not read again
    assertThat(stateFile(task).rangeRecords()).containsAll(firstRun.values());
  }

  @Test
  void tableRewrittenBetweenCrashAndResumeLoadsWhole() throws Exception {
    TestingPostgres source = database("block_vf_src");
    TestingPostgres target = database("block_vf_dst");
    String task = task(source);
    createTables(source, target);
    killedAfterThreeRanges(task, source, target, blockingKey(source));
    source.execute("DELETE FROM public.big WHERE id % 5 = 0", "VACUUM FULL public.big");

    ChildMigrate second = migrate(task, source, target, "resume-processing");
    second.awaitLog("public.big: loads whole again (3 of its partitions committed before): its rows"
        + " were rewritten to another file", Duration.ofSeconds(60));
    TableFingerprints.awaitIdentical(source, target, List.of(TABLE), Duration.ofSeconds(120));
  }

  @Test
  void rowMovedIntoAKeptRangeWithAnUnchangedToastedValueReloadsTheTable() throws Exception {
    TestingPostgres source = database("block_toast_src");
    TestingPostgres target = database("block_toast_dst");
    String task = task(source);
    createTables(source, target);
    Map<Integer, String> firstRun = killedAfterThreeRanges(task, source, target, blockingKey(source));
    BlockRange pending = pendingRange(firstRun);
    assertThat(blocks(source).get(TOASTED_KEY)).as("the TOASTed row's block")
        .isBetween(pending.firstBlock(), pending.endBlock() - 1);
    // the page is full: the new version goes to the table's end, a kept range; the update sends
    // the new row without its TOASTed payload
    source.execute("UPDATE public.big SET grp = grp + 1 WHERE id = " + TOASTED_KEY);
    assertThat(blocks(source).get(TOASTED_KEY)).as("the TOASTed row's new block")
        .isGreaterThanOrEqualTo(pending.endBlock());

    ChildMigrate second = migrate(task, source, target, "resume-processing");
    second.awaitLog("public.big: resumes range by range: 3 of", Duration.ofSeconds(60));
    // a transaction after the resume's snapshot: the replay ends once the stream reads it
    source.execute("INSERT INTO public.big VALUES (" + (ROWS + 1) + ", 0, 'after the resume')");
    second.awaitLog("without their unchanged TOASTed values found no row", Duration.ofSeconds(120));
    TableFingerprints.awaitIdentical(source, target, List.of(TABLE), Duration.ofSeconds(120));
  }

  private String task(TestingPostgres source) {
    String task = "block-it-" + UUID.randomUUID().toString().substring(0, 8);
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    return task;
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  /**
   * Full pages (fillfactor 100) in key order, never vacuumed behind the test's back; one row of
   * the third quarter holds a payload stored out of line.
   */
  private static void createTables(TestingPostgres source, TestingPostgres target) {
    String ddl = "CREATE TABLE public.big (id bigint PRIMARY KEY, grp int NOT NULL, payload text)";
    source.execute(ddl + " WITH (fillfactor = 100, autovacuum_enabled = false)",
        "ALTER TABLE public.big ALTER COLUMN payload SET STORAGE EXTERNAL",
        "INSERT INTO public.big SELECT g, g % 7, CASE WHEN g = " + TOASTED_KEY
            + " THEN repeat(md5(g::text), 300) ELSE md5(g::text) END FROM generate_series(1, "
            + ROWS + ") g");
    target.execute(ddl);
  }

  /**
   * Starts the task, kills it with SIGKILL once three ranges committed while the third waits (on
   * {@code blockingKey}, in the middle of its blocks), and returns the ranges its state records.
   */
  private Map<Integer, String> killedAfterThreeRanges(String task, TestingPostgres source,
      TestingPostgres target, long blockingKey) throws Exception {
    Map<Integer, String> committed;
    try (Connection lock = InterruptedLoads.holdBackRow(target, TABLE, blockingKey)) {
      ChildMigrate first = migrate(task, source, target, "start-replication");
      committed = stateFile(task).awaitCommittedRanges(3, first);
      first.kill();
    }
    InterruptedLoads.release(target, TABLE);
    assertThat(committed).containsOnlyKeys(0, 1, 3);
    return committed;
  }

  /** The first row of the block at 5/8 of the table: the middle of the third of four ranges. */
  private static long blockingKey(TestingPostgres source) throws SQLException {
    try (var connection = source.connect(); var statement = connection.createStatement();
        var row = statement.executeQuery("SELECT id FROM public.big WHERE ctid >= format('(%s,0)',"
            + " pg_relation_size('public.big') / 8192 * 5 / 8)::tid ORDER BY ctid LIMIT 1")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** The blocks of the range not committed: between the second and the fourth. */
  private static BlockRange pendingRange(Map<Integer, String> committed) {
    BlockRange second = bounds(committed.get(1));
    BlockRange fourth = bounds(committed.get(3));
    return new BlockRange(second.endBlock(), fourth.firstBlock(), fourth.fileNode());
  }

  private static BlockRange bounds(String record) {
    String text = record.replaceAll(".*\"bounds\":\"([^\"]*)\".*", "$1");
    return BlockRange.parse(text).orElseThrow(() -> new AssertionError("not a block range: " + record));
  }

  /**
   * Frees space in the first blocks and in the pending ones, then widens rows of both so that
   * their new versions no longer fit their page and go where there is space: some rows of kept
   * blocks into pending ones, and the other way.
   */
  private static void moveRowsBetweenKeptAndPendingBlocks(TestingPostgres source, BlockRange pending) {
    String firstBlocks = "ctid < '(40,0)'";
    String pendingBlocks = "ctid >= '(" + pending.firstBlock() + ",0)' AND ctid < '("
        + (pending.firstBlock() + 40) + ",0)'";
    source.execute("DELETE FROM public.big WHERE (" + firstBlocks + " OR " + pendingBlocks
            + ") AND id % 3 = 0 AND id <> " + TOASTED_KEY,
        "VACUUM public.big",
        "UPDATE public.big SET payload = payload || payload WHERE " + pendingBlocks
            + " AND id % 3 = 1 AND id <> " + TOASTED_KEY,
        "UPDATE public.big SET payload = payload || payload WHERE ctid >= '(40,0)'"
            + " AND ctid < '(80,0)' AND id % 3 = 1");
  }

  /** The block of each row. */
  private static Map<Long, Long> blocks(TestingPostgres source) throws SQLException {
    Map<Long, Long> blocks = new HashMap<>();
    try (var connection = source.connect(); var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT id, (ctid::text::point)[0]::int8 FROM public.big")) {
      while (rows.next()) {
        blocks.put(rows.getLong(1), rows.getLong(2));
      }
    }
    return blocks;
  }

  /** How many rows moved into the pending blocks from kept ones, or out of them into kept ones. */
  private static long moved(Map<Long, Long> before, Map<Long, Long> after, BlockRange pending,
      boolean into) {
    return after.entrySet().stream().filter(e -> before.containsKey(e.getKey())).filter(e -> {
      boolean wasPending = inRange(before.get(e.getKey()), pending);
      boolean isPending = inRange(e.getValue(), pending);
      return into ? !wasPending && isPending : wasPending && !isPending;
    }).count();
  }

  private static boolean inRange(long block, BlockRange range) {
    return block >= range.firstBlock() && block < range.endBlock();
  }

  private InterruptedLoads.TaskStateFile stateFile(String task) {
    return new InterruptedLoads.TaskStateFile(dataDir, task);
  }

  /** The task on public.big, split by the source's default block ranges. */
  private ChildMigrate migrate(String task, TestingPostgres source, TestingPostgres target,
      String start) throws Exception {
    Path mappings = Files.writeString(dataDir.resolve("mappings.json"), """
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "big", "rule-action": "include",
           "object-locator": {"schema-name": "public", "table-name": "big"}}
        ]}
        """);
    // the target table exists already, with the row that holds the third range back; four
    // partitions per table whatever the machine's cores
    Path settings = Files.writeString(dataDir.resolve("settings.json"),
        "{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"},"
            + "\"TargetMetadata\":{\"ParallelLoadThreads\":4}}");
    Path log = Files.createTempFile(dataDir, task + "-" + start, ".log");
    ChildMigrate child = ChildMigrate.start(log, List.of(SMALL_PARTITIONS), "--source", source.uri(),
        "--target", target.uri(), "--migration-type", "full-load-and-cdc", "--task-id", task,
        "--data-dir", dataDir.toString(), "--start", start, "--table-mappings", mappings.toString(),
        "--task-settings", settings.toString());
    cleanup.add(child);
    return child;
  }

  /**
   * Inserts, updates that widen a row so that it leaves its full page for another block, deletes;
   * never of the row holding a range back nor of the TOASTed row.
   */
  private static Optional<String> randomChange(ThreadLocalRandom random, long held) {
    long id = random.nextLong(1, ROWS + 10_000);
    if (id == held || id == TOASTED_KEY) {
      return Optional.empty();
    }
    return Optional.of(switch (random.nextInt(4)) {
      case 0 -> "INSERT INTO public.big VALUES (" + id + ", 1, 'new') ON CONFLICT DO NOTHING";
      case 1, 2 -> "UPDATE public.big SET payload = payload || md5(random()::text), grp = grp + 1"
          + " WHERE id = " + id;
      default -> "DELETE FROM public.big WHERE id = " + id;
    });
  }
}
