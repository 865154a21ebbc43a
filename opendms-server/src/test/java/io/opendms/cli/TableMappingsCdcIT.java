package io.opendms.cli;

import static io.opendms.cli.TableMappingsMigrateIT.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full-load-and-cdc task with table mappings in a child JVM against the real PostgreSQL:
 * captured changes are filtered and transformed exactly as the full load's rows were, and
 * {@code operation_indicator} turns deletes into flagged rows.
 */
class TableMappingsCdcIT {
  private static final Duration CONVERGE = Duration.ofSeconds(90);

  @TempDir Path dataDir;

  @ParameterizedTest(name = "BatchApplyEnabled={0}")
  @ValueSource(booleans = {false, true})
  void changesAreFilteredAndTransformedLikeTheFullLoad(boolean batchApply) throws Exception {
    String task = "map-cdc-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestingPostgres source = TestingPostgres.create("map_cdc_src");
        TestingPostgres target = TestingPostgres.create("map_cdc_dst")) {
      source.execute(
          "CREATE TABLE public.acct (id int PRIMARY KEY, region text, balance numeric(12,2),"
              + " secret text)",
          "ALTER TABLE public.acct REPLICA IDENTITY FULL",
          "INSERT INTO public.acct SELECT g, CASE WHEN g % 2 = 0 THEN 'EU' ELSE 'US' END,"
              + " g * 10, 's' || g FROM generate_series(1, 100) g");
      Path mappings = Files.writeString(dataDir.resolve("cdc.json"), """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "acct",
             "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "acct"},
             "filters": [{"filter-type": "source", "column-name": "region",
               "filter-conditions": [{"filter-operator": "eq", "value": "EU"}]}]},
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "rename", "value": "copy",
             "object-locator": {"schema-name": "public"}},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "secret",
             "rule-target": "column", "rule-action": "remove-column",
             "object-locator": {"schema-name": "public", "table-name": "acct", "column-name": "secret"}},
            {"rule-type": "transformation", "rule-id": "4", "rule-name": "amount",
             "rule-target": "column", "rule-action": "rename", "value": "amount",
             "object-locator": {"schema-name": "public", "table-name": "acct", "column-name": "balance"}},
            {"rule-type": "transformation", "rule-id": "5", "rule-name": "flag",
             "rule-target": "column", "rule-action": "add-column", "value": "op",
             "expression": "operation_indicator('D', 'U', 'I')",
             "data-type": {"type": "string", "length": 1},
             "object-locator": {"schema-name": "public", "table-name": "acct"}},
            {"rule-type": "transformation", "rule-id": "6", "rule-name": "last",
             "rule-target": "column", "rule-action": "add-column", "value": "last_op",
             "expression": "$AR_H_OPERATION",
             "data-type": {"type": "string", "length": 10},
             "object-locator": {"schema-name": "public", "table-name": "acct"}},
            {"rule-type": "transformation", "rule-id": "7", "rule-name": "before",
             "rule-target": "column", "rule-action": "add-before-image-columns",
             "before-image-def": {"column-prefix": "bi_", "column-filter": "non-lob"},
             "object-locator": {"schema-name": "public", "table-name": "acct", "column-name": "balance"}}
          ]}
          """);
      Path settings = Files.writeString(dataDir.resolve("settings.json"),
          "{\"TargetMetadata\":{\"BatchApplyEnabled\":" + batchApply + "},"
              + "\"ChangeProcessingTuning\":{\"BatchApplyTimeoutMin\":0}}");
      ChildMigrate migrate = ChildMigrate.start(dataDir.resolve(task + ".log"),
          "--source", source.uri(), "--target", target.uri(), "--migration-type",
          "full-load-and-cdc", "--task-id", task, "--data-dir", dataDir.toString(),
          "--table-mappings", mappings.toString(), "--task-settings", settings.toString());
      try {
        migrate.awaitLog("full load complete", Duration.ofSeconds(120));
        assertThat(row(target, "SELECT count(*), min(op), min(last_op), count(bi_amount)"
            + " FROM copy.acct")).containsExactly("50", "I", "LOAD", "0");

        source.execute(
            "INSERT INTO public.acct VALUES (1000, 'EU', 1, 'x'), (1001, 'US', 1, 'x')",
            "UPDATE public.acct SET balance = 999 WHERE id IN (2, 3)",
            "DELETE FROM public.acct WHERE id IN (4, 5)",
            "UPDATE public.acct SET secret = 'changed' WHERE id = 6");
        awaitRow(target, "SELECT count(*) FROM copy.acct WHERE op = 'D'", List.of("1"));

        assertThat(row(target, "SELECT count(*) FROM copy.acct")).containsExactly("51");
        assertThat(row(target, "SELECT amount, op, last_op FROM copy.acct WHERE id = 1000"))
            .containsExactly("1.00", "I", "INSERT");
        assertThat(row(target, "SELECT count(*) FROM copy.acct WHERE id IN (1001, 3, 5)"))
            .containsExactly("0");
        assertThat(row(target, "SELECT amount, bi_amount, op, last_op FROM copy.acct"
            + " WHERE id = 2")).containsExactly("999.00", "20.00", "U", "UPDATE");
        assertThat(row(target, "SELECT amount, region, op, last_op FROM copy.acct WHERE id = 4"))
            .containsExactly("40.00", "EU", "D", "DELETE");
        assertThat(row(target, "SELECT op FROM copy.acct WHERE id = 6")).containsExactly("U");
        assertThat(row(target, "SELECT count(*) FROM information_schema.columns"
            + " WHERE table_schema = 'copy' AND column_name = 'secret'")).containsExactly("0");
      } finally {
        assertThat(migrate.terminate()).isZero();
        source.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = 'opendms_" + task.replace('-', '_') + "'",
            "DROP PUBLICATION IF EXISTS opendms_" + task.replace('-', '_'));
      }
    }
  }

  private static void awaitRow(TestingPostgres database, String sql, List<String> expected)
      throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (!row(database, sql).equals(expected)) {
      if (System.nanoTime() > end) {
        assertThat(row(database, sql)).as(sql).isEqualTo(expected);
      }
      Thread.sleep(300);
    }
  }
}
