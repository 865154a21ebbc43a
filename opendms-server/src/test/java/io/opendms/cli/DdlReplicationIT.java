package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.testkit.TestingKafka;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DDL on captured tables during CDC ({@code opendms migrate} in a child JVM): a column added,
 * one dropped, one renamed, one retyped, a table truncated and one dropped, with rows written
 * before and after each statement; source and target compared row by row, column by column (by
 * name). Also the policy turned off (the target keeps its tables and rows go on) and the Kafka
 * control record.
 */
class DdlReplicationIT {
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @FunctionalInterface
  private interface Side {
    Connection connect() throws SQLException;
  }

  /** The statements of one engine's dialect for the scenario. */
  private record Dialect(String schema, String rename, String retype) {
    static final Dialect POSTGRES = new Dialect("public.",
        "ALTER TABLE public.items RENAME COLUMN note TO remark",
        "ALTER TABLE public.items ALTER COLUMN qty TYPE bigint");
    static final Dialect MYSQL = new Dialect("",
        "ALTER TABLE items CHANGE note remark varchar(50)",
        "ALTER TABLE items MODIFY qty bigint");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void postgresToPostgresFollowsEveryKindOfDdl() throws Exception {
    TestingPostgres source = postgresSource("ddl_pp_src");
    TestingPostgres target = postgres("ddl_pp_dst");
    String task = postgresTask(source);
    ChildMigrate migrate = migrate(task, source.uri(), target.uri(), settings(""));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    alterDuringCdc(source::execute, Dialect.POSTGRES);
    awaitFollowed(migrate, source::connect, "public.", target::connect, "public.");
    assertThat(migrate.terminate()).isZero();
    assertThat(migrate.log()).containsPattern("CDC public.items: \\d+ inserts, \\d+ updates, 1 deletes, 4 ddls")
        .containsPattern("CDC public.logs: 1 inserts, 0 updates, 0 deletes, 1 ddls")
        .containsPattern("CDC public.scratch: 0 inserts, 0 updates, 0 deletes, 1 ddls");
  }

  @Test
  void mysqlToMysqlFollowsEveryKindOfDdl() throws Exception {
    TestingMariaDb source = mysqlSource("ddl_mm_src");
    TestingMariaDb target = mysql("ddl_mm_dst");
    ChildMigrate migrate = migrate(taskId(), source.uri(), target.uri(), settings(""));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    alterDuringCdc(source::execute, Dialect.MYSQL);
    awaitFollowed(migrate, source::connect, "", target::connect, "");
    assertThat(migrate.terminate()).isZero();
    assertThat(migrate.log()).containsPattern("CDC " + source.database() + ".items: \\d+ inserts, \\d+ updates, 1 deletes, 4 ddls");
  }

  @Test
  void postgresToMysqlFollowsEveryKindOfDdl() throws Exception {
    TestingPostgres source = postgresSource("ddl_pm_src");
    TestingMariaDb target = mysql("ddl_pm_dst");
    String task = postgresTask(source);
    ChildMigrate migrate = migrate(task, source.uri(), target.uri(), settings(""));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    alterDuringCdc(source::execute, Dialect.POSTGRES);
    awaitFollowed(migrate, source::connect, "public.", target::connect, "");
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void mysqlToPostgresFollowsEveryKindOfDdl() throws Exception {
    TestingMariaDb source = mysqlSource("ddl_mp_src");
    TestingPostgres target = postgres("ddl_mp_dst");
    ChildMigrate migrate = migrate(taskId(), source.uri(), target.uri(), settings(""));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    alterDuringCdc(source::execute, Dialect.MYSQL);
    awaitFollowed(migrate, source::connect, "", target::connect, "\"" + source.database() + "\".");
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void withThePolicyOffTheTargetKeepsItsTablesAndRowsGoOn() throws Exception {
    TestingPostgres source = postgresSource("ddl_off_src");
    TestingPostgres target = postgres("ddl_off_dst");
    String task = postgresTask(source);
    ChildMigrate migrate = migrate(task, source.uri(), target.uri(), settings(
        ",\"ChangeProcessingDdlHandlingPolicy\":{\"HandleSourceTableDropped\":false,"
            + "\"HandleSourceTableTruncated\":false,\"HandleSourceTableAltered\":false}"));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("INSERT INTO public.items VALUES (1001, 1, 'before', 'g1001')",
        "ALTER TABLE public.items ADD COLUMN extra varchar(30)",
        "INSERT INTO public.items VALUES (1011, 2, 'added', 'g1011', 'x')",
        "ALTER TABLE public.items DROP COLUMN gone",
        "INSERT INTO public.items VALUES (1021, 3, 'dropped', 'y')",
        "UPDATE public.items SET note = 'later' WHERE id = 5",
        "TRUNCATE public.logs", "INSERT INTO public.logs VALUES (999, 'after truncate')",
        "DROP TABLE public.scratch");
    String expected = "[id=1001 qty=1 note=before gone=g1001, id=1011 qty=2 note=added gone=g1011,"
        + " id=1021 qty=3 note=dropped gone=null]";
    awaitEqual(migrate, () -> String.valueOf(rows(target::connect, "SELECT * FROM public.items WHERE id > 1000")),
        expected);
    assertThat(rows(target::connect, "SELECT id, note FROM public.items WHERE id = 5").toString())
        .isEqualTo("[id=5 note=later]");
    assertThat(rows(target::connect, "SELECT count(*) AS n FROM public.logs").toString())
        .as("the truncation was not applied").isEqualTo("[n=51]");
    assertThat(rows(target::connect, "SELECT count(*) AS n FROM public.scratch").toString())
        .as("the drop was not applied").isEqualTo("[n=3]");
    assertThat(migrate.terminate()).isZero();
    assertThat(migrate.log()).contains("HandleSourceTableAltered is false")
        .contains("HandleSourceTableTruncated is false").doesNotContain("ERROR");
  }

  @Test
  void applyErrorFailOnTruncationDdlFailsTheTaskWithoutApplyingTheTruncation() throws Exception {
    TestingPostgres source = postgresSource("ddl_failtrunc_src");
    TestingPostgres target = postgres("ddl_failtrunc_dst");
    ChildMigrate migrate = migrate(postgresTask(source), source.uri(), target.uri(),
        settings(",\"ErrorBehavior\":{\"ApplyErrorFailOnTruncationDdl\":true}"));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("TRUNCATE public.logs");

    assertThat(migrate.waitFor(CONVERGE)).as("exit code: the task failed").isEqualTo(1);
    assertThat(migrate.log()).contains("truncation of [public.logs] captured")
        .contains("ApplyErrorFailOnTruncationDdl");
    assertThat(rows(target::connect, "SELECT count(*) AS n FROM public.logs").toString())
        .as("the truncation was not applied").isEqualTo("[n=50]");
  }

  /**
   * With ParallelApplyThreads 4 one of the parallel deliveries sends the control record (once)
   * and every other one writes the table's later rows with the new column.
   */
  @ParameterizedTest(name = "ParallelApplyThreads {0}")
  @ValueSource(ints = {0, 4})
  void kafkaGetsAControlRecordForAnAddedColumnAndRowsWithIt(int threads) throws Exception {
    TestingPostgres source = postgresSource("ddl_kafka_src");
    TestingKafka kafka = TestingKafka.topic("ddl_kafka");
    cleanup.add(kafka);
    String task = postgresTask(source);
    ChildMigrate migrate = migrate(task, source.uri(), kafka.uri("&MessageFormat=json-unformatted"
        + "&IncludeTableAlterOperations=true&IncludeControlDetails=true"),
        settings(",\"TargetMetadata\":{\"ParallelApplyThreads\":" + threads + "}"));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("ALTER TABLE public.items ADD COLUMN extra varchar(30)",
        "INSERT INTO public.items SELECT g, 7, 'n', 'g', 'e' || g FROM generate_series(2001, 2040) g");
    List<JsonNode> messages = kafka.readUntil(records -> records.stream()
            .filter(r -> r.value().contains("\"operation\":\"insert\"")).count() >= 40,
            Duration.ofSeconds(90))
        .stream().map(DdlReplicationIT::json).toList();
    List<JsonNode> controls = messages.stream()
        .filter(m -> m.path("metadata").path("record-type").asText().equals("control")).toList();
    assertThat(controls).as("control records in %s", messages).hasSize(1);
    JsonNode control = controls.get(0);
    assertThat(control.path("metadata").path("operation").asText()).isEqualTo("add-column");
    assertThat(control.path("metadata").path("partition-key-type").asText()).isEqualTo("task-id");
    assertThat(control.path("metadata").path("table-name").asText()).isEqualTo("items");
    assertThat(control.path("control").path("table-def").path("columns").path("extra")
        .path("type").asText()).isEqualTo("WSTRING");
    assertThat(control.path("control").path("table-def").path("primary-key").get(0).asText()).isEqualTo("id");
    List<JsonNode> inserts = messages.stream()
        .filter(m -> m.path("metadata").path("operation").asText().equals("insert")).toList();
    assertThat(inserts).hasSize(40).allSatisfy(insert -> {
      assertThat(messages.indexOf(insert)).isGreaterThan(messages.indexOf(control));
      assertThat(insert.path("data").path("extra").asText())
          .isEqualTo("e" + insert.path("data").path("id").asText());
    });
    assertThat(migrate.terminate()).isZero();
  }

  /** The scenario, in the source's dialect: rows before and after each statement. */
  private static void alterDuringCdc(SqlRunner source, Dialect dialect) {
    String items = dialect.schema() + "items";
    source.execute(
        "INSERT INTO " + items + " VALUES (1001, 1, 'before', 'g1001')",
        "ALTER TABLE " + items + " ADD COLUMN extra varchar(30)",
        "INSERT INTO " + items + " VALUES (1011, 2, 'added', 'g1011', 'x')",
        "UPDATE " + items + " SET extra = 'old row' WHERE id = 3",
        "ALTER TABLE " + items + " DROP COLUMN gone",
        "INSERT INTO " + items + " VALUES (1021, 3, 'dropped', 'y')",
        dialect.rename(),
        "INSERT INTO " + items + " VALUES (1031, 4, 'renamed', 'z')",
        "UPDATE " + items + " SET remark = 'changed' WHERE id <= 10",
        dialect.retype(),
        "INSERT INTO " + items + " VALUES (1041, 5000000000, 'retyped', 'w')",
        "DELETE FROM " + items + " WHERE id = 20",
        "TRUNCATE TABLE " + dialect.schema() + "logs",
        "INSERT INTO " + dialect.schema() + "logs VALUES (999, 'after truncate')",
        "DROP TABLE " + dialect.schema() + "scratch");
  }

  @FunctionalInterface
  private interface SqlRunner {
    void execute(String... sql);
  }

  /** Waits until the target holds the source's rows and columns and the dropped table is gone. */
  private static void awaitFollowed(ChildMigrate migrate, Side source, String sourcePrefix,
      Side target, String targetPrefix) throws Exception {
    awaitEqual(migrate, () -> rows(target, "SELECT * FROM " + targetPrefix + "items ORDER BY id") + " "
            + rows(target, "SELECT * FROM " + targetPrefix + "logs ORDER BY id") + " "
            + rows(target, "SELECT * FROM " + targetPrefix + "scratch"),
        rows(source, "SELECT * FROM " + sourcePrefix + "items ORDER BY id") + " "
            + rows(source, "SELECT * FROM " + sourcePrefix + "logs ORDER BY id") + " "
            + rows(source, "SELECT * FROM " + sourcePrefix + "scratch"));
    assertThat(rows(target, "SELECT * FROM " + targetPrefix + "items WHERE id = 1041").toString())
        .isEqualTo("[id=1041 qty=5000000000 remark=retyped extra=w]");
  }

  private static void awaitEqual(ChildMigrate migrate, Callable<String> actual,
      String expected) throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    String now = actual.call();
    while (!now.equals(expected) && System.nanoTime() < end) {
      Thread.sleep(1000);
      now = actual.call();
    }
    assertThat(now).as("target rows; the task's log:%n%s", migrate.log()).isEqualTo(expected);
  }

  /**
   * The rows as {@code name=value} lists in column order (a missing table: its error state);
   * column names lower-cased, so both engines read alike.
   */
  private static List<String> rows(Side side, String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = side.connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i > 1 ? " " : "").append(meta.getColumnLabel(i).toLowerCase(Locale.ROOT))
              .append('=').append(result.getString(i));
        }
        rows.add(row.toString());
      }
    } catch (SQLException e) {
      return List.of("no table");
    }
    return rows;
  }

  private TestingPostgres postgresSource(String prefix) {
    TestingPostgres source = postgres(prefix);
    source.execute(
        "CREATE TABLE public.items (id bigint PRIMARY KEY, qty int, note varchar(50), gone varchar(20))",
        "INSERT INTO public.items SELECT g, g, 'note ' || g, 'g' || g FROM generate_series(1, 100) g",
        "CREATE TABLE public.logs (id bigint PRIMARY KEY, msg varchar(50))",
        "INSERT INTO public.logs SELECT g, 'log ' || g FROM generate_series(1, 50) g",
        "CREATE TABLE public.scratch (id bigint PRIMARY KEY, v varchar(10))",
        "INSERT INTO public.scratch VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    return source;
  }

  private TestingMariaDb mysqlSource(String prefix) {
    TestingMariaDb source = mysql(prefix);
    source.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, qty int, note varchar(50), gone varchar(20))",
        "INSERT INTO items SELECT seq, seq, CONCAT('note ', seq), CONCAT('g', seq) FROM seq_1_to_100",
        "CREATE TABLE logs (id bigint PRIMARY KEY, msg varchar(50))",
        "INSERT INTO logs SELECT seq, CONCAT('log ', seq) FROM seq_1_to_50",
        "CREATE TABLE scratch (id bigint PRIMARY KEY, v varchar(10))",
        "INSERT INTO scratch VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    return source;
  }

  private String postgresTask(TestingPostgres source) {
    String task = taskId();
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    return task;
  }

  private TestingMariaDb mysql(String prefix) {
    TestingMariaDb database = TestingMariaDb.create(prefix);
    cleanup.add(database);
    return database;
  }

  private TestingPostgres postgres(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }

  private static String taskId() {
    return "ddl-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ChildMigrate migrate(String task, String source, String target, Path settings) throws Exception {
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate child = ChildMigrate.start(log, "--source", source, "--target", target,
        "--migration-type", "full-load-and-cdc", "--task-id", task, "--data-dir", dataDir.toString(),
        "--start", "start-replication", "--task-settings", settings.toString());
    cleanup.add(child);
    return child;
  }

  /** Task settings with {@code more} (members starting with a comma) after the tuning. */
  private Path settings(String more) throws Exception {
    return Files.writeString(Files.createTempFile(dataDir, "settings", ".json"),
        "{\"ChangeProcessingTuning\":{\"BatchApplyTimeoutMin\":0}" + more + "}");
  }

  private static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + record.value(), e);
    }
  }
}
