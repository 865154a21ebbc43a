package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DMS's two stop points of a {@code full-load-and-cdc} task, {@code StopTaskCachedChangesNotApplied}
 * and {@code StopTaskCachedChangesApplied}: the task stops after its full load, before or after
 * the changes captured during the load are applied, keeps its slot, and {@code resume-processing}
 * goes on from there without losing or doubling a change.
 */
class CachedChangesStopIT {
  private static final String TABLE = "CREATE TABLE items (id bigint PRIMARY KEY, note text NOT NULL)";
  private static final String ROWS =
      "INSERT INTO items SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 200000) g";

  @TempDir Path dataDir;

  /** The body of a test, given a loaded source, an empty target and the task's id. */
  private interface TaskBody {
    void run(TestingPostgres source, TestingPostgres target, String task) throws Exception;
  }

  /** Runs {@code body} on new databases and drops the task's slot and publication after it. */
  private static void withTask(String prefix, String task, TaskBody body) throws Exception {
    try (TestingPostgres source = TestingPostgres.create(prefix + "_src");
        TestingPostgres target = TestingPostgres.create(prefix + "_dst")) {
      source.execute(TABLE, ROWS);
      try {
        body.run(source, target, task);
      } finally {
        dropSlot(source, task);
      }
    }
  }

  @Test
  void stopsBeforeApplyingTheCachedChangesAndResumeAppliesThem() throws Exception {
    withTask("ccs_not", "ccs-not", (source, target, task) -> {
      CliRun first = migrate(source, target, task, "start-replication", null,
          "{\"FullLoadSettings\":{\"StopTaskCachedChangesNotApplied\":true}}");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.err()).contains("Stop Reason STOPPED_AFTER_FULL_LOAD");
      assertThat(MigrateCommandIT.fingerprint(target, "public.items"))
          .isEqualTo(MigrateCommandIT.fingerprint(source, "public.items"));
      assertThat(slotExists(source, task)).as("the slot stays for resume-processing").isTrue();

      source.execute("INSERT INTO items SELECT g, 'new' FROM generate_series(200001, 200100) g",
          "UPDATE items SET note = 'changed' WHERE id <= 50", "DELETE FROM items WHERE id BETWEEN 100 AND 129");
      assertThat(count(target, "SELECT count(*) FROM items")).as("nothing applied while stopped")
          .isEqualTo(200_000);

      CliRun resumed = migrate(source, target, task, "resume-processing", inSeconds(8), "{}");
      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      assertThat(MigrateCommandIT.fingerprint(target, "public.items"))
          .isEqualTo(MigrateCommandIT.fingerprint(source, "public.items"));
    });
  }

  @Test
  void stopsOnceTheChangesCachedDuringTheLoadAreAppliedAndResumeGoesOn() throws Exception {
    withTask("ccs_app", "ccs-app", (source, target, task) -> {
      CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> migrate(source, target,
          task, "start-replication", null, "{\"FullLoadSettings\":{\"StopTaskCachedChangesApplied\":true}}"));
      List<Long> written = writeUntilDone(source, run);
      CliRun first = run.get(10, TimeUnit.SECONDS);
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.err()).contains("Stop Reason STOPPED_AFTER_CACHED_EVENTS");
      assertThat(Files.readString(dataDir.resolve("tasks/" + task + "/task.log")))
          .contains("then stopping (StopTaskCachedChangesApplied)");

      // the rows written one per transaction reach the target as a prefix, in commit order,
      // and the writes that went on after the stop are not there
      long applied = count(target, "SELECT count(*) FROM items WHERE id > 1000000");
      assertThat(count(target, "SELECT coalesce(max(id), 1000000) - 1000000 FROM items WHERE id > 1000000"))
          .isEqualTo(applied);
      assertThat(applied).as("changes cached during the load were applied").isPositive();
      assertThat(applied).as("changes after the stop point were not").isLessThan(written.size());

      CliRun resumed = migrate(source, target, task, "resume-processing", inSeconds(8), "{}");
      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      assertThat(MigrateCommandIT.fingerprint(target, "public.items"))
          .isEqualTo(MigrateCommandIT.fingerprint(source, "public.items"));
    });
  }

  /** Inserts a row per transaction (ids from 1,000,001) until the run ends, and 20 more after. */
  private static List<Long> writeUntilDone(TestingPostgres source, CompletableFuture<CliRun> run)
      throws SQLException, InterruptedException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = source.connect();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, 'cached')")) {
      int after = 0;
      while (after < 20) {
        long id = 1_000_001 + ids.size();
        insert.setLong(1, id);
        insert.executeUpdate();
        ids.add(id);
        after += run.isDone() ? 1 : 0;
        Thread.sleep(20);
      }
    }
    return ids;
  }

  private CliRun migrate(TestingPostgres source, TestingPostgres target, String task, String start,
      String stopAt, String settings) {
    try {
      Path file = Files.writeString(dataDir.resolve(task + "-" + start + ".json"), settings);
      List<String> args = new ArrayList<>(List.of("migrate", "--source", source.uri(), "--target",
          target.uri(), "--migration-type", "full-load-and-cdc", "--data-dir", dataDir.toString(),
          "--task-id", task, "--start", start, "--task-settings", file.toString()));
      if (stopAt != null) {
        args.addAll(List.of("--cdc-stop-position", "server_time:" + stopAt));
      }
      return CliRun.of(args.toArray(String[]::new));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String inSeconds(int seconds) {
    return LocalDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).withNano(0).toString();
  }

  private static long count(TestingPostgres db, String query) throws SQLException {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static boolean slotExists(TestingPostgres source, String task) throws SQLException {
    return count(source, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'opendms_"
        + task.replace('-', '_') + "'") == 1;
  }

  private static void dropSlot(TestingPostgres source, String task) {
    String slot = "opendms_" + task.replace('-', '_');
    source.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
        + " WHERE slot_name = '" + slot + "'", "DROP PUBLICATION IF EXISTS " + slot);
  }
}
