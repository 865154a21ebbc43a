package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.dms.Json;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opendms assess} against the real local PostgreSQL: report lines and exit codes. */
class AssessCommandIT {
  private static TestingPostgres source;
  private static TestingPostgres target;
  @TempDir Path dir;

  @BeforeAll
  static void createDatabases() {
    source = TestingPostgres.create("assess_cli_src");
    source.execute(
        "CREATE TABLE orders (id int PRIMARY KEY, note text)",
        "INSERT INTO orders VALUES (1, 'x')",
        "CREATE TABLE keyless (a int)",
        "INSERT INTO keyless VALUES (1)");
    target = TestingPostgres.create("assess_cli_dst");
  }

  @AfterAll
  static void dropDatabases() {
    source.close();
    target.close();
  }

  @Test
  void exitsOneAndPrintsTheFixWhenACheckFails() {
    CliRun run = CliRun.of("assess", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", "full-load-and-cdc");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAILED   postgres-check-pk: 1 table(s) have no primary key")
        .contains("objects: public.keyless")
        .contains("fix: add a primary key, or run ALTER TABLE <table> REPLICA IDENTITY FULL")
        .contains("PASSED   postgres-check-wallevel: wal_level is logical")
        .contains("Summary:");
  }

  @Test
  void exitsZeroWhenNothingFailsAndPrintsJsonOnRequest() throws Exception {
    Path mappings = dir.resolve("mappings.json");
    Files.writeString(mappings, """
        {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "orders",
          "rule-action": "include", "object-locator": {"schema-name": "public", "table-name": "orders"}}]}""");
    CliRun run = CliRun.of("assess", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", "full-load", "--table-mappings", mappings.toString(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.path("Status").asText()).isEqualTo("passed");
    assertThat(report.path("Results").findValuesAsText("Name"))
        .contains("opendms-check-selected-tables-exist", "postgres-check-target-privileges");
  }

  @Test
  void exitsTwoOnBadInput() {
    CliRun run = CliRun.of("assess", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", "sideways");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--migration-type").contains("sideways");
  }
}
