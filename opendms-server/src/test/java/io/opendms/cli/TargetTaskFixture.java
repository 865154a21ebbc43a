package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the tests of the streaming and file targets share: a PostgreSQL source of two tables, the
 * {@code opendms migrate} child processes (logs kept under target/), the source's rows as text to
 * compare with what a target holds, and clean-up in reverse order (slot, databases, topics).
 */
final class TargetTaskFixture implements AutoCloseable {
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final Path dataDir;

  TargetTaskFixture(Path dataDir) {
    this.dataDir = dataDir;
  }

  <T extends AutoCloseable> T closeLater(T resource) {
    cleanup.add(resource);
    return resource;
  }

  /** acct (20,000 rows: id, balance numeric(12,2), note, updated timestamptz, opened date) and an empty events. */
  /**
   * A small source closed with the fixture: {@code public.item (id int PRIMARY KEY, name text)}
   * holding items 1 to 10, for tests about how a task connects rather than what it moves.
   */
  TestingPostgres itemSource(String prefix) {
    TestingPostgres source = closeLater(TestingPostgres.create(prefix));
    source.execute("CREATE TABLE public.item (id int PRIMARY KEY, name text)",
        "INSERT INTO public.item SELECT g, 'item ' || g FROM generate_series(1, 10) g");
    return source;
  }

  TestingPostgres source(String prefix) {
    TestingPostgres source = closeLater(TestingPostgres.create(prefix));
    source.execute(
        "CREATE TABLE public.acct (id bigint PRIMARY KEY, balance numeric(12,2), note text,"
            + " updated timestamptz, opened date)",
        "INSERT INTO public.acct SELECT g, g * 0.5, 'note ' || g, timestamptz '2026-01-01' + g * interval '1 s',"
            + " date '2026-01-01' + g % 365 FROM generate_series(1, 20000) g",
        "CREATE TABLE public.events (id bigint PRIMARY KEY, payload text)");
    return source;
  }

  /**
   * The source's rows by table and id: acct as {@code balance|note|opened}, events as the
   * payload; tables without rows are left out.
   */
  static Map<String, Map<String, String>> sourceRows(TestingPostgres source) throws Exception {
    Map<String, Map<String, String>> tables = new TreeMap<>();
    try (var connection = source.connect(); var statement = connection.createStatement()) {
      for (String[] query : new String[][] {
          {"public.acct", "SELECT id, balance::text || '|' || note || '|' || coalesce(opened::text, '') FROM public.acct"},
          {"public.events", "SELECT id, payload FROM public.events"}}) {
        Map<String, String> rows = new TreeMap<>();
        try (var result = statement.executeQuery(query[1])) {
          while (result.next()) {
            rows.put(result.getString(1), result.getString(2));
          }
        }
        if (!rows.isEmpty()) {
          tables.put(query[0], rows);
        }
      }
    }
    return tables;
  }

  /**
   * DMS messages (Kafka, Kinesis) folded into the rows they leave a consumer that applies them by
   * key: load/insert/update set the row, delete removes it; by "schema.table", then id.
   */
  static Map<String, Map<String, JsonNode>> fold(List<JsonNode> messages) {
    Map<String, Map<String, JsonNode>> tables = new TreeMap<>();
    for (JsonNode message : messages) {
      JsonNode metadata = message.get("metadata");
      String table = metadata.get("schema-name").asText() + "." + metadata.get("table-name").asText();
      String id = message.at("/data/id").asText();
      Map<String, JsonNode> rows = tables.computeIfAbsent(table, t -> new TreeMap<>());
      if (metadata.get("operation").asText().equals("delete")) {
        rows.remove(id);
      } else {
        rows.put(id, message.get("data"));
      }
    }
    return tables;
  }

  /**
   * The folded rows as {@link #sourceRows} writes them; acct's note is {@code memo.text} when
   * {@link #objectMappingRules} mapped it.
   */
  static Map<String, Map<String, String>> asText(Map<String, Map<String, JsonNode>> tables) {
    Map<String, Map<String, String>> text = new TreeMap<>();
    tables.forEach((table, rows) -> {
      Map<String, String> byId = new TreeMap<>();
      rows.forEach((id, data) -> byId.put(id, table.equals("public.acct")
          ? data.get("balance").decimalValue().toPlainString() + "|"
              + (data.has("memo") ? data.at("/memo/text") : data.get("note")).asText()
              + "|" + data.path("opened").asText() // a null date is left out of the message
          : data.get("payload").asText()));
      text.put(table, byId);
    });
    return text;
  }

  /**
   * The changes every target test makes after the full load: an insert (with a NULL date), 100
   * updates, 50 deletes and one large transaction of 50,000 inserts.
   */
  static void changeRows(TestingPostgres source) {
    source.execute("INSERT INTO public.acct VALUES (-1, 1.25, 'inserted', now(), NULL)",
        "UPDATE public.acct SET note = 'updated', balance = 99.99 WHERE id <= 100",
        "DELETE FROM public.acct WHERE id BETWEEN 101 AND 150",
        "INSERT INTO public.events SELECT g, 'large ' || g FROM generate_series(1, 50000) g");
  }

  /**
   * Checks the DMS messages of {@link #changeRows} with {@code IncludeTransactionDetails},
   * {@code IncludePartitionValue} and {@code PartitionIncludeSchemaTable}: the insert's metadata
   * and that the full load and the deletes are there (at least once).
   */
  static void assertDmsMessagesOfChangeRows(List<JsonNode> messages) {
    JsonNode insert = messages.stream()
        .filter(m -> m.at("/metadata/operation").asText().equals("insert")
            && m.at("/data/id").asLong() == -1).findFirst().orElseThrow();
    assertThat(insert.at("/metadata/record-type").asText()).isEqualTo("data");
    assertThat(insert.at("/metadata/partition-key-type").asText())
        .isEqualTo("primary-key");
    assertThat(insert.at("/metadata/partition-key-value").asText())
        .isEqualTo("public.acct.-1");
    assertThat(insert.at("/metadata/transaction-id").asLong()).isPositive();
    assertThat(insert.at("/metadata/commit-timestamp").asText()).endsWith("Z");
    assertThat(messages)
        .filteredOn(m -> m.at("/metadata/operation").asText().equals("load"))
        .hasSizeGreaterThanOrEqualTo(20000);
    assertThat(messages)
        .filteredOn(m -> m.at("/metadata/operation").asText().equals("delete"))
        .hasSizeGreaterThanOrEqualTo(50);
  }

  /** A streaming target's message with its key (Kafka's message key, Kinesis's partition key). */
  record KeyedMessage(String key, JsonNode json) {}

  /**
   * Writes task settings that turn parallel apply on (4 threads, buffers of 50 changes, 2 buffers
   * waiting per thread at most) and make full-load requests of 50 rows where the target has
   * such requests (ParallelLoadBufferSize).
   */
  Path parallelApplySettings() throws java.io.IOException {
    Path file = Files.createTempFile(dataDir, "settings", ".json");
    Files.writeString(file, """
        {"TargetMetadata": {"ParallelApplyThreads": 4, "ParallelApplyBufferSize": 50,
          "ParallelApplyQueuesPerThread": 2, "ParallelLoadBufferSize": 50}}""");
    return file;
  }

  /** Writes table mappings that select every table of public, with {@code rules} after it. */
  Path tableMappings(String... rules) throws java.io.IOException {
    Path file = Files.createTempFile(dataDir, "mappings", ".json");
    Files.writeString(file, """
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
           "object-locator": {"schema-name": "public", "table-name": "%"}},
        """ + String.join(",", rules) + "]}");
    return file;
  }

  /**
   * Writes table mappings that give acct DMS's object mapping for streams (events keeps none):
   * note and updated excluded, {@code account} = {@code acct-${id}} as the partition key,
   * {@code memo} a document of note and opened.
   */
  Path objectMappingRules() throws java.io.IOException {
    return tableMappings("""
        {"rule-type": "object-mapping", "rule-id": "2", "rule-name": "acct-record",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "public", "table-name": "acct"},
         "mapping-parameters": {
           "partition-key-type": "attribute-name", "partition-key-name": "account",
           "exclude-columns": ["note", "updated"],
           "attribute-mappings": [
             {"target-attribute-name": "account", "attribute-type": "scalar",
              "attribute-sub-type": "string", "value": "acct-${id}"},
             {"target-attribute-name": "memo", "attribute-type": "document",
              "attribute-sub-type": "json", "value": {"text": "${note}", "opened": "${opened}"}}]}}
        """);
  }

  /**
   * Checks every message of a task run with {@link #objectMappingRules} and {@link #changeRows}:
   * acct's data holds exactly the mapped attributes (a PostgreSQL delete: the key and the
   * attributes it feeds), keyed by {@code account}; events' messages are as without a rule.
   */
  static void assertObjectMapped(List<KeyedMessage> messages) {
    var operations = new TreeSet<String>();
    for (KeyedMessage message : messages) {
      JsonNode metadata = message.json().get("metadata");
      JsonNode data = message.json().get("data");
      String operation = metadata.get("operation").asText();
      var fields = new TreeSet<String>();
      data.fieldNames().forEachRemaining(fields::add);
      String id = data.get("id").asText();
      if (metadata.get("table-name").asText().equals("acct")) {
        operations.add(operation);
        assertThat(message.key()).as("key of acct %s", id).isEqualTo("acct-" + id);
        assertThat(metadata.get("partition-key-type").asText()).isEqualTo("attribute-name");
        assertThat(data.get("account").asText()).isEqualTo("acct-" + id);
        if (operation.equals("delete")) {
          assertThat(fields).as("deleted acct %s", id).containsExactly("account", "id");
        } else {
          assertThat(fields).as("acct %s", id).containsAll(List.of("id", "balance", "account", "memo"))
              .isSubsetOf("id", "balance", "opened", "account", "memo");
          assertThat(data.at("/memo/text").asText()).isNotEmpty();
          assertThat(data.at("/memo/opened").asText()).isEqualTo(data.path("opened").asText());
        }
      } else {
        assertThat(message.key()).as("events keyed by its primary key").isEqualTo(id);
        assertThat(metadata.get("partition-key-type").asText()).isEqualTo("primary-key");
        assertThat(fields).containsExactly("id", "payload");
      }
    }
    assertThat(operations).containsExactly("delete", "insert", "load", "update");
  }

  /** One step of a test that may throw: stopping or restarting a target, cutting a connection. */
  interface Step {
    void run() throws Exception;
  }

  /**
   * The outage every message/key-value target test goes through ({@code down} makes the target
   * unreachable, {@code up} reachable again): 1,000 rows updated before it,
   * then 20 updates and 20 inserts while the target is away, then deletes once it is back.
   */
  static void changeDuring(TestingPostgres source, Step down, Step up) throws Exception {
    source.execute("UPDATE public.acct SET note = 'before the outage' WHERE id <= 1000");
    Thread.sleep(2000);
    down.run();
    try {
      for (int i = 0; i < 20; i++) {
        source.execute("UPDATE public.acct SET note = 'while away " + i + "' WHERE id % 20 = " + i,
            "INSERT INTO public.events VALUES (" + (100 + i) + ", 'while away')");
        Thread.sleep(200);
      }
      Thread.sleep(3000);
    } finally {
      up.run();
    }
    source.execute("DELETE FROM public.acct WHERE id > 19000");
  }

  /**
   * kill -9 of the first run, source changes while nothing runs, and a second run that resumes
   * from the stored position, started with {@code more} options too; returns the second run once
   * it resumed.
   */
  ChildMigrate killAndResume(ChildMigrate first, String task, TestingPostgres source,
      String target, String... more) throws Exception {
    first.kill();
    source.execute("UPDATE public.acct SET note = 'after kill -9' WHERE id < 500",
        "INSERT INTO public.events SELECT g, 'after kill' FROM generate_series(1000, 3000) g");
    ChildMigrate second = migrate(task, "full-load-and-cdc", source.uri(), target,
        "resume-processing", more);
    second.awaitLog("resuming change processing", java.time.Duration.ofSeconds(60));
    return second;
  }

  /**
   * Reads the target with {@code read} until its rows equal {@code expected} (a target applies
   * changes some time after the source commits them) and asserts that they do once {@code
   * timeout} has passed, listing the rows that differ; returns the last rows read.
   */
  static Map<String, Map<String, String>> awaitEqual(Map<String, Map<String, String>> expected,
      java.util.function.Supplier<Map<String, Map<String, String>>> read, java.time.Duration timeout,
      String target) throws InterruptedException {
    Map<String, Map<String, String>> actual = Map.of();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      actual = read.get();
      if (actual.equals(expected)) {
        return actual;
      }
      Thread.sleep(1000);
    }
    assertThat(differences(expected, actual)).as("source rows missing or stale in " + target)
        .isEmpty();
    return actual;
  }

  /** At most 10 rows that differ, as "table id: expected -> actual": readable when it fails. */
  static List<String> differences(Map<String, Map<String, String>> expected,
      Map<String, Map<String, String>> actual) {
    List<String> differences = new ArrayList<>();
    var tables = new TreeSet<>(expected.keySet());
    tables.addAll(actual.keySet());
    for (String table : tables) {
      Map<String, String> want = expected.getOrDefault(table, Map.of());
      Map<String, String> got = actual.getOrDefault(table, Map.of());
      var ids = new TreeSet<>(want.keySet());
      ids.addAll(got.keySet());
      for (String id : ids) {
        if (!Objects.equals(want.get(id), got.get(id)) && differences.size() < 10) {
          differences.add(table + " " + id + ": " + want.get(id) + " -> " + got.get(id));
        }
      }
    }
    return differences;
  }

  static String taskId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Starts {@code opendms migrate}; drops the slot a PostgreSQL source got at clean-up. */
  ChildMigrate migrate(String task, String type, String source, String target, String start,
      String... more) throws Exception {
    Path log = Files.createTempFile(Path.of("target"), task + "-" + start, ".log");
    List<String> args = new ArrayList<>(List.of("--source", source, "--target", target,
        "--migration-type", type, "--task-id", task, "--data-dir", dataDir.toString(), "--start", start));
    args.addAll(List.of(more));
    ChildMigrate child = ChildMigrate.start(log, args.toArray(String[]::new));
    if (source.startsWith("postgresql")) {
      String path = source.split("\\?")[0]; // a query may hold file paths: sslrootcert=/...
      String database = path.substring(path.lastIndexOf('/') + 1);
      cleanup.add(() -> dropSlot(database, task));
    }
    cleanup.add(child);
    return child;
  }

  private static void dropSlot(String database, String task) throws Exception {
    String slot = "opendms_" + task.replace('-', '_');
    String url = "jdbc:postgresql://" + TestingPostgres.HOST + ":" + TestingPostgres.PORT + "/" + database;
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var connection = java.sql.DriverManager.getConnection(url, TestingPostgres.USER, "");
          var statement = connection.createStatement()) {
        statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = '" + slot + "'");
        statement.execute("DROP PUBLICATION IF EXISTS " + slot);
        return;
      } catch (java.sql.SQLException e) {
        Thread.sleep(200); // the killed process's walsender may still hold the slot for a moment
      }
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }
}
