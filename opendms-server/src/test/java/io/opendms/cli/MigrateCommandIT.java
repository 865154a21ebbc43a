package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/** {@code opendms migrate} end to end against the real local PostgreSQL. */
class MigrateCommandIT {
  private static TestingPostgres source;
  @TempDir Path dataDir;

  @BeforeAll
  static void createSource() {
    source = TestingPostgres.create("cli_src");
    source.execute(
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.customers (id bigint PRIMARY KEY, name text NOT NULL, email varchar(200))",
        "INSERT INTO sales.customers SELECT g, 'customer ' || g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'c' || g || '@example.com' END FROM generate_series(1, 5000) g",
        "CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(12,2), placed timestamptz, items jsonb)",
        "INSERT INTO sales.orders SELECT g, g % 5000 + 1, g * 1.25, timestamptz '2026-01-01' + g * interval '1 minute', jsonb_build_object('n', g) FROM generate_series(1, 20000) g",
        "CREATE TABLE public.audit_log (at timestamp, message text)",
        "INSERT INTO public.audit_log SELECT timestamp '2026-01-01' + g * interval '1 second', repeat('x', g % 50) FROM generate_series(1, 1000) g");
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void copiesEveryTableAndExitsZero() throws SQLException {
    try (TestingPostgres target = TestingPostgres.create("cli_dst")) {
      Run run = migrate("--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--data-dir", dataDir.toString());

      assertThat(run.exitCode).as(run.toString()).isZero();
      assertThat(run.out).contains("sales.orders").contains("Table completed").contains("20,000");
      for (String table : List.of("sales.customers", "sales.orders", "public.audit_log")) {
        assertThat(fingerprint(target, table)).as(table).isEqualTo(fingerprint(source, table));
      }
      assertThat(primaryKey(target, "sales.orders")).isEqualTo("id");
    }
  }

  @Test
  void theRunsLogIsReadBackWithTaskLog() {
    try (TestingPostgres target = TestingPostgres.create("cli_dst")) {
      Run run = migrate("--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--data-dir", dataDir.toString(), "--task-id", "logged");
      assertThat(run.exitCode).as(run.toString()).isZero();
    }
    CliRun tables = CliRun.of("task-log", "--data-dir", dataDir.toString(), "--task-id", "logged",
        "--component", "TABLES_MANAGER");
    assertThat(tables.exitCode()).as(tables.toString()).isZero();
    assertThat(tables.out()).contains("[TABLES_MANAGER  ]I:  sales.orders").contains("completed, 20000 rows")
        .doesNotContain("[TASK_MANAGER");
    CliRun errors = CliRun.of("task-log", "--data-dir", dataDir.toString(), "--task-id", "logged", "--severity", "E");
    assertThat(errors.exitCode()).isZero();
    assertThat(errors.out()).isEmpty();
    CliRun unknown = CliRun.of("task-log", "--data-dir", dataDir.toString(), "--task-id", "logged", "--component", "SORTING");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err()).contains("unknown log component 'SORTING'");
    assertThat(CliRun.of("task-log", "--data-dir", dataDir.toString(), "--task-id", "never").exitCode())
        .isEqualTo(ExitCode.BAD_INPUT);
  }

  @Test
  void decodedRowsGiveTheSameResultAsTheFastPath() throws SQLException {
    try (TestingPostgres target = TestingPostgres.create("cli_dec")) {
      Run run = migrate("--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--data-dir", dataDir.toString(), "--decode-rows");

      assertThat(run.exitCode).as(run.toString()).isZero();
      assertThat(run.out).contains("decoded rows");
      assertThat(fingerprint(target, "sales.orders")).isEqualTo(fingerprint(source, "sales.orders"));
    }
  }

  @Test
  void tableMappingsSelectAndSettingsApply() throws Exception {
    Path mappings = Files.writeString(dataDir.resolve("mappings.json"), """
        {"rules":[
          {"rule-type":"selection","rule-id":"1","rule-name":"sales","object-locator":{"schema-name":"sales","table-name":"%"},"rule-action":"include"},
          {"rule-type":"selection","rule-id":"2","rule-name":"no-orders","object-locator":{"schema-name":"sales","table-name":"ord%"},"rule-action":"exclude"}
        ]}""");
    Path settings = Files.writeString(dataDir.resolve("settings.json"), """
        {"TargetMetadata":{"TargetSchema":"copied"},"FullLoadSettings":{"MaxFullLoadSubTasks":2,"CreatePkAfterFullLoad":true}}""");
    try (TestingPostgres target = TestingPostgres.create("cli_map")) {
      Run run = migrate("--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--table-mappings", mappings.toString(), "--task-settings", settings.toString(),
          "--data-dir", dataDir.toString());

      assertThat(run.exitCode).as(run.toString()).isZero();
      assertThat(tables(target)).containsExactly("copied.customers");
      assertThat(fingerprint(target, "copied.customers")).isEqualTo(fingerprint(source, "sales.customers"));
      assertThat(primaryKey(target, "copied.customers")).isEqualTo("id");
    }
  }

  @Test
  void resumeLoadsOnlyTheTablesThatDidNotComplete() throws Exception {
    try (TestingPostgres target = TestingPostgres.create("cli_res")) {
      // A pre-existing target table whose column cannot hold the source's values makes one table
      // fail: its first refused row suspends it.
      target.execute("CREATE SCHEMA sales", "CREATE TABLE sales.customers (id bigint PRIMARY KEY, name int, email text)");
      Path doNothing = writeSettings("{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"},"
          + "\"ErrorBehavior\":{\"DataErrorPolicy\":\"SUSPEND_TABLE\"}}");
      String[] args = {"--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--data-dir", dataDir.toString(), "--task-id", "resume-test", "--task-settings", doNothing.toString()};

      Run first = migrate(args);
      assertThat(first.exitCode).as(first.toString()).isEqualTo(1);
      assertThat(first.out).contains("Table error").contains("sales.customers");
      assertThat(first.err).contains("resume-processing");

      target.execute("DROP TABLE sales.customers");
      target.execute("INSERT INTO sales.orders VALUES (-1, 0, 0, now(), '{}')");
      Run second = migrate(append(args, "--start", "resume-processing"));

      assertThat(second.exitCode).as(second.toString()).isZero();
      assertThat(second.out).contains("completed by an earlier run");
      assertThat(fingerprint(target, "sales.customers")).isEqualTo(fingerprint(source, "sales.customers"));
      // sales.orders was not loaded again: the marker row is still there.
      assertThat(count(target, "sales.orders WHERE id = -1")).isEqualTo(1);
    }
  }

  @Test
  void tableErrorPolicyStopTaskCancelsTheTablesNotLoadedYet() throws Exception {
    try (TestingPostgres target = TestingPostgres.create("cli_stop")) {
      // sales.customers loads first (load-order) and fails: its name column cannot hold text
      target.execute("CREATE SCHEMA sales", "CREATE TABLE sales.customers (id bigint PRIMARY KEY, name int, email text)");
      Path mappings = Files.writeString(dataDir.resolve("stop-mappings.json"), """
          {"rules":[
            {"rule-type":"selection","rule-id":"1","rule-name":"first","object-locator":{"schema-name":"sales","table-name":"customers"},"rule-action":"include","load-order":10},
            {"rule-type":"selection","rule-id":"2","rule-name":"rest","object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"include"}
          ]}""");
      Path settings = writeSettings("{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\",\"MaxFullLoadSubTasks\":1},"
          + "\"ErrorBehavior\":{\"TableErrorPolicy\":\"STOP_TASK\",\"DataErrorPolicy\":\"SUSPEND_TABLE\"}}");
      Run run = migrate("--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--table-mappings", mappings.toString(), "--task-settings", settings.toString(),
          "--data-dir", dataDir.toString(), "--task-id", "stop-on-table-error");

      assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
      assertThat(run.out).contains("Table error").contains("Table cancelled");
      assertThat(count(target, "sales.orders")).as("sales.orders was never loaded").isZero();
    }
  }

  @Test
  void mappingsSelectingNothingFailUnlessFailOnNoTablesCapturedIsFalse() throws Exception {
    Path mappings = Files.writeString(dataDir.resolve("none.json"), """
        {"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"none","object-locator":{"schema-name":"nosuch","table-name":"%"},"rule-action":"include"}]}""");
    try (TestingPostgres target = TestingPostgres.create("cli_none")) {
      String[] args = {"--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--table-mappings", mappings.toString(), "--data-dir", dataDir.toString()};
      Run failing = migrate(args);
      assertThat(failing.exitCode).as(failing.toString()).isEqualTo(2);
      assertThat(failing.err).contains("select no table");

      Path lenient = writeSettings("{\"ErrorBehavior\":{\"FailOnNoTablesCaptured\":false}}");
      Run run = migrate(append(args, "--task-settings", lenient.toString()));
      assertThat(run.exitCode).as(run.toString()).isZero();
    }
  }

  @Test
  void badInputExitsTwoWithAOneLineReason() throws Exception {
    String pg = source.uri();
    assertBadInput(migrate("--source", "postgresql://postgres@127.0.0.1:notaport/db", "--target", pg,
        "--migration-type", "full-load"), "port");
    assertBadInput(migrate("--source", "oracle://h/db", "--target", pg, "--migration-type", "full-load"), "oracle");
    assertBadInput(migrate("--source", pg, "--target", pg, "--migration-type", "everything"), "migration type");
    assertBadInput(migrate("--source", "postgresql://postgres:secret@127.0.0.1:1/x", "--target", pg,
        "--migration-type", "full-load", "--data-dir", dataDir.toString()), "127.0.0.1:1");
    assertBadInput(migrate("--source", "postgresql://postgres@127.0.0.1:5432/no_such_db_here", "--target", pg,
        "--migration-type", "full-load", "--data-dir", dataDir.toString()), "no_such_db_here");
    Path broken = writeSettings("{\"FullLoadSettings\":{\"MaxFullLoadSubTasks\":0}");
    assertBadInput(migrate("--source", pg, "--target", pg, "--migration-type", "full-load",
        "--task-settings", broken.toString()), "settings");
    Path nothing = Files.writeString(dataDir.resolve("none.json"), """
        {"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"x","object-locator":{"schema-name":"nope","table-name":"%"},"rule-action":"include"}]}""");
    assertBadInput(migrate("--source", pg, "--target", pg, "--migration-type", "full-load",
        "--table-mappings", nothing.toString(), "--data-dir", dataDir.toString()), "select no table");
    assertBadInput(migrate("--source", pg, "--target", pg, "--migration-type", "full-load",
        "--data-dir", dataDir.toString()), "is the source table itself");
    assertThat(fingerprint(source, "sales.orders")).startsWith("20000:");
  }

  private static void assertBadInput(Run run, String mentioned) {
    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).as(run.toString()).containsIgnoringCase(mentioned).doesNotContain("secret")
        .doesNotContain("Exception");
  }

  private Path writeSettings(String json) throws java.io.IOException {
    return Files.writeString(Files.createTempFile(dataDir, "settings", ".json"), json);
  }

  private static String[] append(String[] args, String... more) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** An order-independent digest of a table's content, computed by PostgreSQL itself. */
  static String fingerprint(TestingPostgres db, String table) throws SQLException {
    return query(db, "SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text))), '') FROM " + table + " t");
  }

  private static long count(TestingPostgres db, String from) throws SQLException {
    return Long.parseLong(query(db, "SELECT count(*) FROM " + from));
  }

  private static String primaryKey(TestingPostgres db, String table) throws SQLException {
    return query(db, "SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
        + " AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = '" + table + "'::regclass");
  }

  private static List<String> tables(TestingPostgres db) throws SQLException {
    var names = new ArrayList<String>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
            + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String query(TestingPostgres db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Run migrate(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    String[] full = new String[args.length + 1];
    full[0] = "migrate";
    System.arraycopy(args, 0, full, 1, args.length);
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = OpenDmsCli.run(full);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
