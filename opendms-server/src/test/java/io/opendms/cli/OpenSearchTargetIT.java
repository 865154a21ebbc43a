package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingOpenSearch;
import io.opendms.testkit.TestingPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} into the local OpenSearch node (scripts/services.sh, 127.0.0.1:9200),
 * read back through its REST API (refreshed first): each table's index, its documents by the
 * SHA-256 of their key, must equal the source's rows; one test stops and restarts the node
 * mid-task (scripts/services.sh). Each test prefixes its tables (and so its
 * indices) with a name of its own and deletes those indices at the end.
 */
class OpenSearchTargetIT {
  // generous: a loaded 2-core machine indexes only a few hundred documents a second
  private static final Duration CONVERGE = Duration.ofSeconds(300);

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;
  private TestingOpenSearch openSearch;

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
    openSearch = fixture.closeLater(TestingOpenSearch.indices("os"));
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void fullLoadAndCdcFromPostgresAreDocumentsEqualToTheSource() throws Exception {
    TestingPostgres source = fixture.source("os_src");
    String task = TargetTaskFixture.taskId("os-it");
    ChildMigrate migrate = fixture.migrate(task, "full-load-and-cdc", source.uri(),
        openSearch.uri(""), "start-replication", "--table-mappings", prefixMappings("public"));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);
    source.execute("UPDATE public.acct SET id = -2 WHERE id = 200"); // a key change

    Map<String, Map<String, String>> rows = awaitEqual(source);
    assertThat(rows.get("public.acct")).hasSize(20000 + 1 - 50).doesNotContainKey("200")
        .containsKey("-2");
    Map<String, JsonNode> documents = openSearch.documents(openSearch.prefix() + "acct");
    JsonNode inserted = documents.get(sha256("-1"));
    assertThat(inserted).as("document id = SHA-256 of the key").isNotNull();
    assertThat(inserted.get("balance").decimalValue()).isEqualByComparingTo("99.99");
    assertThat(inserted.get("note").asText()).isEqualTo("updated");
    assertThat(inserted.get("opened").isNull()).as("a NULL column is JSON null").isTrue();
    assertThat(documents.get(sha256("1")).get("updated").asText())
        .isEqualTo("2026-01-01T00:00:01Z");
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
  }

  /**
   * With ParallelApplyThreads 4 (the other tests apply on one thread): a node that goes away
   * fails one of the parallel deliveries, which restarts change processing from the stored
   * position; a key update and kill -9 too leave the documents equal to the source.
   */
  @Test
  void openSearchStoppedMidTaskAndKillMinusNineLoseNoChangeWithParallelApply() throws Exception {
    TestingPostgres source = fixture.source("os_stop_src");
    String target = openSearch.uri("");
    String task = TargetTaskFixture.taskId("os-stop");
    String mappings = prefixMappings("public");
    String settings = fixture.parallelApplySettings().toString();
    ChildMigrate first = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "start-replication", "--table-mappings", mappings, "--task-settings", settings);
    first.awaitLog("full load complete", Duration.ofSeconds(120));
    // the node itself stops and starts again (its indices are on disk): writes are retried
    TargetTaskFixture.changeDuring(source, TestingOpenSearch::stopNode, TestingOpenSearch::startNode);
    awaitEqual(source);

    first.kill();
    source.execute("UPDATE public.acct SET note = 'after kill -9' WHERE id < 500",
        "INSERT INTO public.events SELECT g, 'after kill' FROM generate_series(1000, 3000) g",
        "DELETE FROM public.acct WHERE id BETWEEN 600 AND 700",
        "UPDATE public.acct SET id = -id WHERE id BETWEEN 800 AND 810");
    ChildMigrate second = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "resume-processing", "--table-mappings", mappings, "--task-settings", settings);
    second.awaitLog("resuming change processing", Duration.ofSeconds(60));
    awaitEqual(source);
    assertThat(second.terminate()).isZero();
  }

  @Test
  void fullLoadAndCdcFromMariaDbAreDocumentsEqualToTheSource() throws Exception {
    TestingMariaDb source = fixture.closeLater(TestingMariaDb.create("os_maria_src"));
    source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
            + " added DATETIME(3), photo VARBINARY(8))",
        "INSERT INTO items SELECT seq, concat('item ', seq), seq / 4, '2026-01-02 03:04:05.678',"
            + " x'01ff' FROM seq_1_to_5000",
        "INSERT INTO items VALUES (-1, NULL, 0.00, NULL, NULL), (900000, 'tr\\\"icky\\nname', -7.25,"
            + " '1999-12-31 23:59:59', '')");
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("os-maria"),
        "full-load-and-cdc", source.uri(), openSearch.uri(""), "start-replication",
        "--table-mappings", prefixMappings(source.database()));
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("INSERT INTO items VALUES (-3, 'inserted', 1.25, NULL, x'00')",
        "UPDATE items SET name = 'updated', price = 99.99 WHERE id <= 100",
        "DELETE FROM items WHERE id BETWEEN 101 AND 150",
        // one large transaction
        "INSERT INTO items SELECT 100000 + seq, 'large', seq, NULL, NULL FROM seq_1_to_30000");

    String index = openSearch.prefix() + "items";
    Function<JsonNode, String> asText = document -> text(document.get("name")) + "|"
        + document.get("price").decimalValue().toPlainString() + "|" + text(document.get("photo"));
    Map<String, String> expected = new TreeMap<>();
    source.rows("SELECT id, coalesce(name, '<null>'), price,"
            + " coalesce(concat('0x', hex(photo)), '<null>') FROM items")
        .forEach(row -> expected.put(row.get(0), row.get(1) + "|" + row.get(2) + "|" + row.get(3)));
    Map<String, String> actual = awaitEqual(index, expected, asText);
    assertThat(actual).hasSize(5000 + 2 + 1 - 50 + 30000);
    JsonNode tricky = openSearch.documents(index).get(sha256("900000"));
    assertThat(tricky.get("name").asText()).isEqualTo("tr\"icky\nname");
    assertThat(tricky.get("photo").asText()).as("an empty binary is not NULL").isEqualTo("0x");
    assertThat(openSearch.documents(index).get(sha256("1")).get("added").asText())
        .startsWith("2026-01-02T03:04:05.678");
    assertThat(migrate.terminate()).isZero();
  }

  /** Reads the index until its documents, keyed by their id column, equal {@code expected}. */
  private Map<String, String> awaitEqual(String index, Map<String, String> expected,
      Function<JsonNode, String> asText) throws Exception {
    return TargetTaskFixture.awaitEqual(Map.of(index, expected),
        () -> Map.of(index, byId(index, asText)), CONVERGE, "OpenSearch").get(index);
  }

  /** Both tables of the PostgreSQL fixture until they equal the source's rows. */
  private Map<String, Map<String, String>> awaitEqual(TestingPostgres source) throws Exception {
    return TargetTaskFixture.awaitEqual(TargetTaskFixture.sourceRows(source), () -> {
      Map<String, Map<String, String>> tables = new TreeMap<>();
      putIfAny(tables, "public.acct", byId(openSearch.prefix() + "acct", document ->
          document.get("balance").decimalValue().toPlainString() + "|"
              + document.get("note").asText() + "|"
              + (document.get("opened").isNull() ? "" : document.get("opened").asText())));
      putIfAny(tables, "public.events", byId(openSearch.prefix() + "events",
          document -> document.get("payload").asText()));
      return tables;
    }, CONVERGE, "OpenSearch");
  }

  /** The index's documents as text by their {@code id} column; each under the SHA-256 of it. */
  private Map<String, String> byId(String index, Function<JsonNode, String> asText) {
    Map<String, String> rows = new TreeMap<>();
    openSearch.documents(index).forEach((documentId, document) -> {
      String id = document.get("id").asText();
      rows.put(id, documentId.equals(sha256(id)) ? asText.apply(document)
          : "document id " + documentId + " is not the SHA-256 of " + id);
    });
    return rows;
  }

  private static void putIfAny(Map<String, Map<String, String>> tables, String table,
      Map<String, String> rows) {
    if (!rows.isEmpty()) {
      tables.put(table, rows);
    }
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? "<null>" : value.asText();
  }

  /** Table mappings selecting every table of {@code schema} and prefixing the target tables. */
  private String prefixMappings(String schema) throws Exception {
    Path file = Files.createTempFile(dataDir, "mappings", ".json");
    Files.writeString(file, """
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
           "object-locator": {"schema-name": "%s", "table-name": "%%"}},
          {"rule-type": "transformation", "rule-id": "2", "rule-name": "2", "rule-target": "table",
           "rule-action": "add-prefix", "value": "%s",
           "object-locator": {"schema-name": "%s", "table-name": "%%"}}]}
        """.formatted(schema, openSearch.prefix(), schema));
    return file.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
