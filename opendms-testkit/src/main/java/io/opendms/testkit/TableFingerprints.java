package io.opendms.testkit;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares tables of two PostgreSQL databases row by row: the row count and the md5 of every row's
 * text, in order, per table. Waits for a replicating target to catch up.
 */
public final class TableFingerprints {
  private TableFingerprints() {}

  /**
   * Waits until every table reads the same on both sides.
   *
   * @throws AssertionError naming both fingerprints when they still differ after {@code patience}
   */
  public static void awaitIdentical(TestingPostgres source, TestingPostgres target, List<String> tables,
      Duration patience) throws InterruptedException {
    List<String> queries = new ArrayList<>();
    for (String table : tables) {
      queries.add("SELECT '" + table + "', count(*), md5(string_agg(t::text, '|' ORDER BY t::text))"
          + " FROM " + table + " t");
    }
    long end = System.nanoTime() + patience.toNanos();
    while (true) {
      List<String> expected = read(source, queries);
      List<String> actual = read(target, queries);
      if (expected.equals(actual)) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("target still differs after " + patience + ": expected "
            + expected + " but was " + actual);
      }
      Thread.sleep(500);
    }
  }

  private static List<String> read(TestingPostgres db, List<String> queries) {
    List<String> result = new ArrayList<>();
    try (var connection = db.connect(); var statement = connection.createStatement()) {
      for (String query : queries) {
        try (var row = statement.executeQuery(query)) {
          row.next();
          result.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
        }
      }
    } catch (SQLException e) {
      result.add(e.getMessage()); // the target is cut off or a table not there yet
    }
    return result;
  }
}
