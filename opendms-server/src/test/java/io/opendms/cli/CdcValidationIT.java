package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validation racing CDC, in a child JVM against the real local PostgreSQL: while writers change
 * the source, rows found different are only pending; once the writers stop and the target caught
 * up, the table is Validated and no failure was recorded.
 */
class CdcValidationIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  /**
   * @param maxKeys changed keys remembered per table before falling back to key ranges: with 20,
   *     the writers' changes overflow at once and the ranges holding them are re-checked
   */
  @ParameterizedTest
  @ValueSource(ints = {100_000, 20})
  void validationRacingCdcReportsNoFalseMismatchOnceCaughtUp(int maxKeys) throws Exception {
    TestingPostgres source = database("cdcval_src");
    TestingPostgres target = database("cdcval_dst");
    source.execute(
        "CREATE SEQUENCE public.acct_ids START 10000000",
        "CREATE TABLE public.acct (id bigint PRIMARY KEY, balance numeric(12,2), note text,"
            + " updated timestamptz)",
        "INSERT INTO public.acct SELECT g, g * 0.5, 'note ' || g, timestamptz '2026-01-01' + g"
            + " * interval '1 s' FROM generate_series(1, 20000) g",
        "CREATE TABLE public.nokey (a int, b text)",
        "ALTER TABLE public.nokey REPLICA IDENTITY FULL");
    String task = "cdcval-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("settings.json"),
        "{\"ValidationSettings\": {\"EnableValidation\": true, \"PartitionSize\": 2000}}");
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate migrate = ChildMigrate.start(log,
        List.of("-Dopendms.validation.cdc.max.keys=" + maxKeys), "--source", source.uri(),
        "--target", target.uri(), "--migration-type", "full-load-and-cdc", "--task-id", task,
        "--data-dir", dataDir.toString(), "--task-settings", settings.toString());
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    cleanup.add(migrate);

    try (SourceWriters writers = new SourceWriters(source, 11)) {
      migrate.awaitLog("full load complete", Duration.ofSeconds(120));
      migrate.awaitLog("public.acct: validation during CDC", Duration.ofSeconds(60));
      Thread.sleep(8000); // more passes while the writers keep changing rows
      assertThat(writers.transactions()).isPositive();
    }
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String state = "";
    while (System.nanoTime() < end && !state.equals("VALIDATED")) {
      Thread.sleep(500);
      state = validationState(task, "acct");
    }
    assertThat(state).as(migrate.log()).isEqualTo("VALIDATED");
    assertThat(validationState(task, "nokey")).isEqualTo("NO_PRIMARY_KEY");
    if (maxKeys < 100) {
      assertThat(migrate.log()).contains("public.acct: more than " + maxKeys
          + " changed keys wait for validation; re-checking the key ranges holding them");
    }
    try (var connection = target.connect(); var statement = connection.createStatement();
        var row = statement.executeQuery(
            "SELECT to_regclass('awsdms_control.awsdms_validation_failures_v1')")) {
      row.next();
      assertThat(row.getString(1)).as("no failure was recorded").isNull();
    }
    assertThat(migrate.terminate()).as(migrate.log()).isZero();
  }

  /**
   * PostgreSQL to MariaDB: triggers on the target make ledger row 7 differ for good, and make the
   * tags' labels upper case, which MariaDB's case-insensitive collation takes as equal. Only the
   * ledger row is recorded, once it differed for RecordFailureDelayLimitInMinutes; the rows the
   * writers keep changing end Validated.
   */
  @Test
  void aPersistentMismatchIsRecordedAndCollationEqualValuesAreNot() throws Exception {
    TestingPostgres source = database("cdcval_pgmy");
    TestingMariaDb target = TestingMariaDb.create("cdcval_my");
    cleanup.add(target);
    source.execute(
        "CREATE SEQUENCE public.acct_ids START 10000000",
        "CREATE TABLE public.acct (id bigint PRIMARY KEY, balance numeric(12,2), note text,"
            + " updated timestamptz)",
        "INSERT INTO public.acct SELECT g, g * 0.5, 'note ' || g, timestamptz '2026-01-01' + g"
            + " * interval '1 s' FROM generate_series(1, 5000) g",
        "CREATE TABLE public.nokey (a int, b text)",
        "ALTER TABLE public.nokey REPLICA IDENTITY FULL",
        "CREATE TABLE public.ledger (id int PRIMARY KEY, amount int)",
        "INSERT INTO public.ledger SELECT g, g FROM generate_series(1, 100) g",
        "CREATE TABLE public.tags (code varchar(20) PRIMARY KEY, label varchar(40))",
        "INSERT INTO public.tags SELECT 'k' || g, 'label ' || g FROM generate_series(1, 50) g");
    String task = "cdcvalmy-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = Files.writeString(dataDir.resolve("settings.json"),
        "{\"ValidationSettings\": {\"EnableValidation\": true, \"PartitionSize\": 1000,"
            + " \"HandleCollationDiff\": true, \"RecordFailureDelayLimitInMinutes\": 1},"
            + " \"ControlTablesSettings\": {\"ControlSchema\": \"" + target.database() + "\"}}");
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate migrate = ChildMigrate.start(log, "--source", source.uri(), "--target",
        target.uri(), "--migration-type", "full-load-and-cdc", "--task-id", task, "--data-dir",
        dataDir.toString(), "--task-settings", settings.toString());
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    cleanup.add(migrate);

    try (SourceWriters writers = new SourceWriters(source, 13)) {
      migrate.awaitLog("full load complete", Duration.ofSeconds(120));
      // OpenDMS creates text columns utf8mb4_bin; make tags case-insensitive, as a schema made
      // by hand often is
      target.execute(
          "ALTER TABLE tags CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
      for (String event : List.of("INSERT", "UPDATE")) {
        target.execute("CREATE TRIGGER ledger_skew_" + event + " BEFORE " + event + " ON ledger"
            + " FOR EACH ROW SET NEW.amount = NEW.amount + (NEW.id = 7)",
            "CREATE TRIGGER tags_upper_" + event + " BEFORE " + event + " ON tags"
            + " FOR EACH ROW SET NEW.label = UPPER(NEW.label)");
      }
      source.execute("UPDATE public.ledger SET amount = amount + 10 WHERE id IN (7, 8)",
          "UPDATE public.tags SET label = label || ' x' WHERE code IN ('k3', 'k4')");
      migrate.awaitLog("public.acct: validation during CDC", Duration.ofSeconds(60));
      Thread.sleep(5000); // re-checks while the writers keep changing rows
      assertThat(writers.transactions()).isPositive();
    }
    assertThat(awaitState(task, "ledger", "MISMATCHED_RECORDS", Duration.ofSeconds(240)))
        .as(migrate.log()).isEqualTo("MISMATCHED_RECORDS");
    assertThat(awaitState(task, "acct", "VALIDATED", Duration.ofSeconds(60))).isEqualTo("VALIDATED");
    assertThat(validationState(task, "tags")).isEqualTo("VALIDATED");
    assertThat(target.rows("SELECT label FROM tags WHERE code = 'k3'"))
        .containsExactly(List.of("LABEL 3 X"));
    assertThat(target.rows("SELECT TASK_NAME, TABLE_NAME, `KEY`, FAILURE_TYPE FROM "
        + target.database() + ".awsdms_validation_failures_v1"))
        .containsExactly(List.of(task, "ledger", "{\"key\":[\"7\"]}", "RECORD_DIFF"));
    // migrate exits 1 when validation found a table that differs
    assertThat(migrate.terminate()).as(migrate.log()).isEqualTo(1);
  }

  private String awaitState(String task, String table, String wanted, Duration limit)
      throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    String state = validationState(task, table);
    while (System.nanoTime() < end && !state.equals(wanted)) {
      Thread.sleep(500);
      state = validationState(task, table);
    }
    return state;
  }

  private String validationState(String task, String table) throws Exception {
    Path file = dataDir.resolve("tasks").resolve(task).resolve("state.json");
    if (!Files.exists(file)) {
      return "";
    }
    for (JsonNode record : JSON.readTree(file.toFile()).path("tables")) {
      if (record.path("source").path("name").asText().equals(table)) {
        return record.path("validation").path("state").asText("");
      }
    }
    return "";
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }
}
