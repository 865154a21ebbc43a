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
 * Full loads whose rows really fail on the target: a pre-existing target table has a narrower
 * column, a NOT NULL and a unique constraint the source lacks. DMS's ErrorBehavior decides about
 * each refused row ({@code DataErrorPolicy}, {@code DataTruncationErrorPolicy}, escalation) while
 * the other rows load; logged rows land in {@code awsdms_apply_exceptions}. PostgreSQL to
 * PostgreSQL, PostgreSQL to MySQL and MySQL to MySQL.
 */
class FullLoadDataErrorPoliciesIT {

  /**
   * 1,000 rows, five the target refuses: 7 and 250 (note too long for varchar(5)), 42 (code NULL
   * into NOT NULL), 600 (code 'c3' again, unique on the target), 999 (note too long).
   */
  private static final String ROWS_PG = "INSERT INTO items SELECT g, CASE WHEN g = 42 THEN NULL WHEN g = 600"
      + " THEN 'c3' ELSE 'c' || g END, CASE WHEN g IN (7, 250, 999) THEN 'much too long' ELSE 'n' || (g % 100) END"
      + " FROM generate_series(1, 1000) g";
  private static final List<String> REFUSED = List.of("7", "42", "250", "600", "999");

  private static TestingPostgres pgSource;
  private static TestingMariaDb mySource;
  @TempDir Path dataDir;

  @BeforeAll
  static void createSources() {
    pgSource = TestingPostgres.create("fl_err_src");
    pgSource.execute("CREATE TABLE items (id int PRIMARY KEY, code text, note varchar(20))", ROWS_PG);
    mySource = TestingMariaDb.create("fl_err_src");
    mySource.execute("CREATE TABLE items (id int PRIMARY KEY, code varchar(20), note varchar(20))",
        "INSERT INTO items SELECT seq, CASE WHEN seq = 42 THEN NULL WHEN seq = 600 THEN 'c3'"
            + " ELSE CONCAT('c', seq) END, CASE WHEN seq IN (7, 250, 999) THEN 'much too long'"
            + " ELSE CONCAT('n', seq % 100) END FROM seq_1_to_1000");
  }

  @AfterAll
  static void dropSources() {
    pgSource.close();
    mySource.close();
  }

  @Test
  void postgresToPostgresLogsEachRefusedRowAndLoadsTheRest() throws Exception {
    try (TestingPostgres target = narrowPostgres("fl_err_pg")) {
      CliRun run = migrate(pgSource.uri(), target.uri(), "{}");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Table completed");
      assertThat(pg(target, "SELECT count(*), count(*) FILTER (WHERE id IN (7, 42, 250, 600, 999)) FROM public.items"))
          .containsExactly("995|0");
      List<String> logged = pg(target, "SELECT task_name || '|' || table_owner || '|' || table_name,"
          + " substring(statement from 'VALUES \\(CAST\\(''(\\d+)'''), error FROM public.awsdms_apply_exceptions"
          + " ORDER BY error_time");
      assertThat(logged).extracting(r -> r.split("\\|")[3]).containsExactlyElementsOf(REFUSED);
      assertThat(logged).allSatisfy(r -> assertThat(r).startsWith("fl-errors|public|items|"));
      assertThat(logged.get(0)).contains("value too long for type character varying(5)").contains("22001");
      assertThat(logged.get(1)).contains("null value in column \"code\"").contains("23502");
      assertThat(logged.get(3)).contains("duplicate key value violates unique constraint").contains("23505");
      assertThat(pg(target, "SELECT statement FROM public.awsdms_apply_exceptions WHERE statement LIKE '%''7'' AS%'"))
          .singleElement().asString().startsWith("INSERT INTO \"public\".\"items\" (\"id\", \"code\", \"note\") VALUES");
    }
  }

  @Test
  void truncationsCanBeIgnoredWhileOtherDataErrorsAreLogged() throws Exception {
    try (TestingPostgres target = narrowPostgres("fl_err_trunc")) {
      CliRun run = migrate(pgSource.uri(), target.uri(), """
          {"ErrorBehavior": {"DataTruncationErrorPolicy": "IGNORE_RECORD", "DataErrorPolicy": "LOG_ERROR"}}""");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(pg(target, "SELECT count(*) FROM public.items")).containsExactly("995");
      assertThat(pg(target, "SELECT substring(statement from 'VALUES \\(CAST\\(''(\\d+)''') FROM"
          + " public.awsdms_apply_exceptions ORDER BY error_time")).containsExactly("42", "600");
    }
  }

  @Test
  void escalationSuspendsTheTableAtTheCountAndStopTaskFailsTheLoad() throws Exception {
    try (TestingPostgres target = narrowPostgres("fl_err_esc")) {
      CliRun run = migrate(pgSource.uri(), target.uri(), """
          {"ErrorBehavior": {"DataErrorEscalationCount": 2, "DataErrorEscalationPolicy": "SUSPEND_TABLE"}}""");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("Table error").contains("SUSPEND_TABLE");
      assertThat(pg(target, "SELECT count(*) FROM public.awsdms_apply_exceptions")).containsExactly("2");
    }
    try (TestingPostgres target = narrowPostgres("fl_err_stop")) {
      CliRun run = migrate(pgSource.uri(), target.uri(), """
          {"ErrorBehavior": {"DataTruncationErrorPolicy": "STOP_TASK"}}""");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out() + run.err()).contains("Table error").contains("STOP_TASK")
          .contains("value too long for type character varying(5)");
      assertThat(pg(target, "SELECT substring(statement from 'VALUES \\(CAST\\(''(\\d+)''') FROM"
          + " public.awsdms_apply_exceptions")).containsExactly("7");
    }
  }

  @Test
  void postgresToMysqlLogsEachRefusedRowAndLoadsTheRest() {
    try (TestingMariaDb target = narrowMysql("fl_err_pgmy")) {
      assertLoggedInMysql(migrate(pgSource.uri(), target.uri(), "{}"), target);
    }
  }

  @Test
  void mysqlToMysqlLogsEachRefusedRowAndLoadsTheRest() {
    try (TestingMariaDb target = narrowMysql("fl_err_mymy")) {
      assertLoggedInMysql(migrate(mySource.uri(), target.uri(), "{}"), target);
    }
  }

  private static void assertLoggedInMysql(CliRun run, TestingMariaDb target) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Table completed");
    assertThat(target.rows("SELECT COUNT(*), SUM(id IN (7, 42, 250, 600, 999)) FROM items"))
        .containsExactly(List.of("995", "0"));
    List<List<String>> logged = target.rows("SELECT task_name, table_owner, table_name,"
        + " REGEXP_SUBSTR(statement, '(?<=VALUES \\\\(.)[0-9]+'), error FROM awsdms_apply_exceptions"
        + " ORDER BY error_time");
    assertThat(logged).extracting(r -> r.get(3)).containsExactlyElementsOf(REFUSED);
    assertThat(logged).allSatisfy(r -> assertThat(r.subList(0, 3))
        .containsExactly("fl-errors", target.database(), "items"));
    // LOAD DATA LOCAL reports a value too long as warning 1265
    assertThat(logged.get(0).get(4)).contains("1265").contains("Data truncated for column 'note'");
    assertThat(logged.get(3).get(4)).contains("1062").contains("Duplicate entry 'c3'");
    assertThat(target.rows("SELECT statement FROM awsdms_apply_exceptions WHERE statement LIKE '%(''7'',%'"))
        .containsExactly(List.of("INSERT INTO `" + target.database() + "`.`items` (`id`, `code`, `note`)"
            + " VALUES ('7', 'c7', 'much too long')"));
  }

  private static TestingPostgres narrowPostgres(String prefix) {
    TestingPostgres target = TestingPostgres.create(prefix);
    target.execute("CREATE TABLE public.items (id int PRIMARY KEY, code text NOT NULL UNIQUE, note varchar(5))");
    return target;
  }

  private static TestingMariaDb narrowMysql(String prefix) {
    TestingMariaDb target = TestingMariaDb.create(prefix);
    target.execute("CREATE TABLE items (id int PRIMARY KEY, code varchar(20) NOT NULL UNIQUE, note varchar(5))");
    return target;
  }

  /** A full load into the existing target tables, 100 rows a commit so that chunks are split. */
  private CliRun migrate(String source, String target, String errorBehavior) {
    try {
      String settings = errorBehavior.equals("{}") ? "" : errorBehavior.strip().substring(1, errorBehavior.strip().length() - 1) + ",";
      Path file = Files.writeString(Files.createTempFile(dataDir, "settings", ".json"), "{" + settings
          + "\"FullLoadSettings\": {\"TargetTablePrepMode\": \"DO_NOTHING\", \"CommitRate\": 100}}");
      return CliRun.of("migrate", "--source", source, "--target", target, "--migration-type", "full-load",
          "--task-id", "fl-errors", "--data-dir", dataDir.toString(), "--task-settings", file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rows of a PostgreSQL query, columns joined by |. */
  private static List<String> pg(TestingPostgres db, String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i > 1 ? "|" : "").append(row.getString(i));
        }
        result.add(line.toString());
      }
    }
    return result;
  }
}
