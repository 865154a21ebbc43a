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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} end to end between MariaDB and PostgreSQL in all three directions, with
 * the rows compared on both sides, and a value the target cannot hold failing the task with its
 * table, column, row and reason.
 */
class CrossEngineMigrateIT {

  private static TestingMariaDb mysql;
  @TempDir Path dataDir;

  @BeforeAll
  static void createSource() {
    mysql = TestingMariaDb.create("cli_mysql_src");
    mysql.execute(
        "CREATE TABLE orders (id bigint unsigned PRIMARY KEY, customer varchar(40) NOT NULL,"
            + " total decimal(12,2), placed timestamp(6) NULL, shipped datetime, note text,"
            + " tags set('a','b','c'), payload json, raw varbinary(16))",
        "INSERT INTO orders SELECT seq, CONCAT('customer ', seq, ' 😀'), seq * 1.25,"
            + " FROM_UNIXTIME(1700000000 + seq), IF(seq % 3 = 0, NULL, '2024-05-06 07:08:09'),"
            + " IF(seq % 5 = 0, '', CONCAT('tab\\there ', seq)), IF(seq % 2 = 0, 'a,c', ''),"
            + " JSON_OBJECT('n', seq), UNHEX(LPAD(HEX(seq), 8, '0')) FROM seq_1_to_20000",
        "INSERT INTO orders VALUES (18446744073709551615, 'max key', NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL)");
  }

  @AfterAll
  static void dropSource() {
    mysql.close();
  }

  @Test
  void mysqlToMysqlCopiesEveryRow() {
    try (TestingMariaDb target = TestingMariaDb.create("cli_mysql_dst")) {
      CliRun run = migrate(mysql.uri(), target.uri());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Table completed").contains("20,001");
      String checksum = "CHECKSUM TABLE orders";
      assertThat(target.rows(checksum).get(0).get(1)).isEqualTo(mysql.rows(checksum).get(0).get(1));
    }
  }

  @Test
  void mysqlToPostgresKeepsEveryValue() throws SQLException {
    try (TestingPostgres target = TestingPostgres.create("cli_mysql_pg")) {
      CliRun run = migrate(mysql.uri(), target.uri());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      String table = "\"" + mysql.database() + "\".orders";
      assertThat(pg(target, "SELECT count(*), sum(total), max(id)::text, count(shipped),"
          + " sum(length(note)), count(*) FILTER (WHERE tags = 'a,c') FROM " + table))
          .isEqualTo(mysql.rows("SELECT COUNT(*), SUM(total), MAX(id), COUNT(shipped),"
              + " SUM(CHAR_LENGTH(note)), SUM(tags = 'a,c') FROM orders").get(0));
      assertThat(pg(target, "SELECT customer, to_char(placed AT TIME ZONE 'UTC',"
          + " 'YYYY-MM-DD HH24:MI:SS'), payload->>'n', encode(raw, 'hex') FROM " + table
          + " WHERE id = 7"))
          .containsExactly("customer 7 😀", "2023-11-14 22:13:27", "7", "00000007");
    }
  }

  @Test
  void postgresToMysqlKeepsEveryValue() {
    try (TestingPostgres source = TestingPostgres.create("cli_pg_src");
        TestingMariaDb target = TestingMariaDb.create("cli_pg_dst")) {
      source.execute(
          "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(14,4),"
              + " opened timestamptz, active boolean, tags text[])",
          "INSERT INTO accounts SELECT g, 'account ' || g, g * 10.5, timestamptz '2024-01-01 00:00:00+00'"
              + " + g * interval '1 hour', g % 2 = 0, ARRAY['x', g::text] FROM generate_series(1, 5000) g");
      CliRun run = migrate(source.uri(), target.uri());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(target.rows("SELECT COUNT(*), SUM(balance), SUM(active),"
          + " MAX(opened), MIN(tags) FROM accounts"))
          .containsExactly(List.of("5000", "131276250.0000", "2500", "2024-07-27 08:00:00.000000",
              "{x,1000}"));
    }
  }

  @Test
  void aValueTheTargetCannotHoldIsLoggedByDefaultAndStopsTheTaskUnderStopTask() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("cli_pg_nan");
        TestingMariaDb target = TestingMariaDb.create("cli_pg_nan_dst")) {
      source.execute("CREATE TABLE readings (id int PRIMARY KEY, value numeric)",
          "INSERT INTO readings VALUES (1, 1.5), (2, 'NaN')");
      // DataErrorPolicy LOG_ERROR (the default): the row is recorded, never changed, the rest loads
      CliRun run = migrate(source.uri(), target.uri());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(target.rows("SELECT id, CAST(value AS DOUBLE) FROM readings")).containsExactly(List.of("1", "1.5"));
      assertThat(target.rows("SELECT table_name, statement, error FROM awsdms_apply_exceptions"))
          .singleElement().satisfies(row -> assertThat(row).startsWith("readings",
              "INSERT INTO `" + target.database() + "`.`readings` (`id`, `value`) VALUES ('2', 'NaN')"))
          .satisfies(row -> assertThat(row.get(2)).contains("MySQL DECIMAL cannot hold numeric NaN"));

      Path stop = Files.writeString(dataDir.resolve("stop.json"),
          "{\"ErrorBehavior\": {\"DataErrorPolicy\": \"STOP_TASK\"}}");
      run = migrate(source.uri(), target.uri(), "--task-settings", stop.toString(), "--task-id", "nan-stop");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out() + run.err()).contains("public.readings")
          .contains("column value of row 1").contains("MySQL DECIMAL cannot hold numeric NaN")
          .contains("STOP_TASK");
    }
  }

  private CliRun migrate(String source, String target, String... more) {
    List<String> args = new ArrayList<>(List.of("migrate", "--source", source, "--target", target,
        "--migration-type", "full-load", "--data-dir", dataDir.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The first row of a query on PostgreSQL, as text. */
  static List<String> pg(TestingPostgres database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        row.add(rows.getString(i));
      }
      return row;
    }
  }
}
