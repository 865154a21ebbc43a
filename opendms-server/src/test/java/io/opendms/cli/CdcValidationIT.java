package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  @Test
  void validationRacingCdcReportsNoFalseMismatchOnceCaughtUp() throws Exception {
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
    ChildMigrate migrate = ChildMigrate.start(log, "--source", source.uri(), "--target",
        target.uri(), "--migration-type", "full-load-and-cdc", "--task-id", task, "--data-dir",
        dataDir.toString(), "--task-settings", settings.toString());
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
    try (var connection = target.connect(); var statement = connection.createStatement();
        var row = statement.executeQuery(
            "SELECT to_regclass('awsdms_control.awsdms_validation_failures_v1')")) {
      row.next();
      assertThat(row.getString(1)).as("no failure was recorded").isNull();
    }
    assertThat(migrate.terminate()).as(migrate.log()).isZero();
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
