package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} with ValidationSettings: EnableValidation validates each table after
 * its full load and keeps the counters in the task state; ValidationOnly compares without
 * loading, fails the run on a difference and records it in awsdms_validation_failures_v1 with
 * DMS's columns.
 */
class MigrateValidationIT {

  @TempDir Path dataDir;

  @Test
  void enableValidationValidatesEachTableAfterItsFullLoad() throws IOException {
    try (TestingPostgres source = TestingPostgres.create("mval_src");
        TestingPostgres target = TestingPostgres.create("mval_dst")) {
      source.execute("CREATE TABLE parts (id int PRIMARY KEY, name text, price numeric(8,2))",
          "INSERT INTO parts SELECT g, 'part ' || g, g * 0.5 FROM generate_series(1, 3000) g",
          "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('no key')");
      CliRun run = migrate(source, target, "full-load",
          "{\"ValidationSettings\": {\"EnableValidation\": true, \"PartitionSize\": 1000}}");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("validation:").contains("public.parts")
          .contains("Validated").contains("3,000").contains("No primary key");
      assertThat(Files.readString(dataDir.resolve("tasks/mval/state.json")))
          .contains("\"state\" : \"VALIDATED\"").contains("NO_PRIMARY_KEY");
    }
  }

  @Test
  void validationOnlyReportsAndRecordsDifferencesWithoutLoading() throws SQLException {
    try (TestingPostgres source = TestingPostgres.create("mvo_src");
        TestingPostgres target = TestingPostgres.create("mvo_dst")) {
      String table = "CREATE TABLE parts (id int PRIMARY KEY, name text, price numeric(8,2))";
      source.execute(table,
          "INSERT INTO parts SELECT g, 'part ' || g, g * 0.5 FROM generate_series(1, 100) g");
      target.execute(table,
          "INSERT INTO parts SELECT g, 'part ' || g, g * 0.5 FROM generate_series(2, 100) g",
          "UPDATE parts SET price = 0 WHERE id = 50");
      CliRun run = migrate(source, target, "full-load", "{\"ValidationSettings\":"
          + " {\"ValidationOnly\": true}, \"FullLoadSettings\": {\"TargetTablePrepMode\":"
          + " \"DO_NOTHING\"}}");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("0 table(s) loaded").contains("Mismatched records");
      assertThat(rows(target, "SELECT count(*) FROM parts")).containsExactly(List.of("99"));
      assertThat(rows(target, "SELECT task_name, table_owner, table_name, key_type, key,"
          + " failure_type, details FROM awsdms_control.awsdms_validation_failures_v1"
          + " ORDER BY failure_type"))
          .containsExactly(
              List.of("mval", "public", "parts", "Row", "{\"key\":[\"1\"]}", "MISSING_TARGET", "{}"),
              List.of("mval", "public", "parts", "Row", "{\"key\":[\"50\"]}", "RECORD_DIFF",
                  "{\"price\":{\"source\":\"25\",\"target\":\"0\"}}"));
    }
  }

  @Test
  void repairMismatchedRecordsRewritesTheTargetAndValidatesAgain() throws SQLException {
    try (TestingPostgres source = TestingPostgres.create("mvr_src");
        TestingPostgres target = TestingPostgres.create("mvr_dst")) {
      String table = "CREATE TABLE parts (id int PRIMARY KEY, name text, price numeric(8,2))";
      source.execute(table,
          "INSERT INTO parts SELECT g, 'part ' || g, g * 0.5 FROM generate_series(1, 100) g");
      target.execute(table,
          "INSERT INTO parts SELECT g, 'part ' || g, g * 0.5 FROM generate_series(2, 101) g",
          "UPDATE parts SET name = '' WHERE id = 50");
      CliRun run = migrate(source, target, "full-load", "{\"ValidationSettings\":"
          + " {\"ValidationOnly\": true, \"RepairMismatchedRecords\": true},"
          + " \"FullLoadSettings\": {\"TargetTablePrepMode\": \"DO_NOTHING\"}}");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Validated");
      assertThat(rows(target, "SELECT count(*), min(id), max(id), count(*) FILTER (WHERE name"
          + " = 'part 50') FROM parts")).containsExactly(List.of("100", "1", "100", "1"));
      assertThat(rows(target, "SELECT to_regclass('awsdms_control.awsdms_validation_failures_v1')"))
          .containsExactly(java.util.Collections.singletonList(null));
    }
  }

  @Test
  void failuresAreRecordedOnAMySqlTargetToo() {
    try (TestingPostgres source = TestingPostgres.create("mvm_src");
        io.opendms.testkit.TestingMariaDb target =
            io.opendms.testkit.TestingMariaDb.create("mvm_dst")) {
      source.execute("CREATE TABLE parts (id int PRIMARY KEY, name text)",
          "INSERT INTO parts VALUES (1, 'one'), (2, 'two')");
      target.execute("CREATE TABLE parts (id int PRIMARY KEY, name longtext)",
          "INSERT INTO parts VALUES (1, 'one'), (2, 'TWO'), (3, 'three')");
      Path file = dataDir.resolve("mysql-settings.json");
      try {
        // the test's own database as ControlSchema: awsdms_control would be shared by every test
        Files.writeString(file, "{\"ValidationSettings\": {\"ValidationOnly\": true},"
            + " \"FullLoadSettings\": {\"TargetTablePrepMode\": \"DO_NOTHING\"},"
            + " \"ControlTablesSettings\": {\"ControlSchema\": \"" + target.database() + "\"}}");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      CliRun run = CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
          "--migration-type", "full-load", "--task-settings", file.toString(), "--task-id",
          "mvm", "--data-dir", dataDir.toString());
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(target.rows("SELECT TASK_NAME, TABLE_OWNER, TABLE_NAME, KEY_TYPE, `KEY`,"
          + " FAILURE_TYPE, DETAILS FROM awsdms_validation_failures_v1"
          + " ORDER BY FAILURE_TYPE"))
          .containsExactly(
              List.of("mvm", "public", "parts", "Row", "{\"key\":[\"3\"]}", "MISSING_SOURCE", "{}"),
              List.of("mvm", "public", "parts", "Row", "{\"key\":[\"2\"]}", "RECORD_DIFF",
                  "{\"name\":{\"source\":\"two\",\"target\":\"TWO\"}}"));
    }
  }

  private CliRun migrate(TestingPostgres source, TestingPostgres target, String type,
      String settings) {
    Path file = dataDir.resolve("settings.json");
    try {
      Files.writeString(file, settings);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", type, "--task-settings", file.toString(), "--task-id", "mval",
        "--data-dir", dataDir.toString());
  }

  private static List<List<String>> rows(TestingPostgres database, String sql)
      throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      var rows = new ArrayList<List<String>>();
      while (result.next()) {
        var row = new ArrayList<String>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
