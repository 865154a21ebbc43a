package io.opendms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * What the tests of a full load killed midway share: holding one partition's load back on the
 * target, and reading the partitions the task state records as committed.
 */
final class InterruptedLoads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InterruptedLoads() {}

  /**
   * Makes the load of the partition holding the row {@code id = key} wait on the target, at that
   * row, until the returned connection closes: a trigger waits for an advisory lock the connection
   * holds. Not a row or table lock: a transaction with an id would hold back the creation of the
   * replication slot (which waits for running transactions) and a table lock every partition.
   * Drop the trigger with {@link #release}.
   */
  static Connection holdBackRow(TestingPostgres target, String table, long key) throws SQLException {
    target.execute("""
        CREATE FUNCTION public.hold_back() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id = %d THEN PERFORM pg_advisory_xact_lock(4711); END IF;
          RETURN NEW;
        END $$""".formatted(key),
        "CREATE TRIGGER hold_back BEFORE INSERT ON " + table
            + " FOR EACH ROW EXECUTE FUNCTION public.hold_back()",
        "ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER hold_back");
    Connection lock = target.connect();
    try (var statement = lock.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(4711)");
    }
    return lock;
  }

  /** Drops what {@link #holdBackRow} made. */
  static void release(TestingPostgres target, String table) {
    target.execute("DROP TRIGGER hold_back ON " + table, "DROP FUNCTION public.hold_back()");
  }

  /** The state file of a task under a data directory. */
  record TaskStateFile(Path dataDir, String task) {

    JsonNode read() throws Exception {
      return JSON.readTree(file().toFile());
    }

    /** The partitions of the tables the task state records as committed, by index, as JSON text. */
    Map<Integer, String> committedRanges() throws Exception {
      Map<Integer, String> ranges = new HashMap<>();
      for (JsonNode table : read().path("tables")) {
        for (JsonNode range : table.path("ranges")) {
          ranges.put(range.path("index").asInt(), range.toString());
        }
      }
      return ranges;
    }

    /** Every partition recorded as committed, as JSON text, in the order recorded. */
    List<String> rangeRecords() throws Exception {
      List<String> records = new ArrayList<>();
      for (JsonNode table : read().path("tables")) {
        table.path("ranges").forEach(range -> records.add(range.toString()));
      }
      return records;
    }

    /** Waits until at least {@code count} partitions are recorded as committed; returns them. */
    Map<Integer, String> awaitCommittedRanges(int count, ChildMigrate child) throws Exception {
      long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (true) {
        if (Files.exists(file())) {
          Map<Integer, String> ranges = committedRanges();
          if (ranges.size() >= count) {
            return ranges;
          }
        }
        if (System.nanoTime() > end) {
          throw new AssertionError("fewer than " + count + " ranges committed within 120 s:\n"
              + child.log());
        }
        Thread.sleep(100);
      }
    }

    private Path file() {
      return dataDir.resolve("tasks").resolve(task).resolve("state.json");
    }
  }
}
