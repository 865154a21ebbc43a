package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingDynamoDb;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code opendms migrate} into dynalite (the DynamoDB API in memory, started by
 * scripts/services.sh on 127.0.0.1:4568), read back with the AWS SDK: the items must equal the
 * source's rows after the full load and after the changes. PostgreSQL's acct is mapped
 * record-to-record (one attribute per column, one excluded, one computed), events
 * record-to-document (the columns in {@code _doc}); the MariaDB table takes DMS's default layout.
 * dynalite keeps tables in memory, so the outage is a cut connection ({@link TcpProxy}).
 */
class DynamoDbTargetIT {
  private static final Duration CONVERGE = Duration.ofSeconds(180);

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;
  private TestingDynamoDb dynamo;

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
    dynamo = new TestingDynamoDb();
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
    dynamo.close();
  }

  @Test
  void fullLoadAndCdcFromPostgresFollowTheObjectMappings() throws Exception {
    TestingPostgres source = fixture.source("dynamo_src");
    Tables tables = tables();
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("dynamo-it"),
        "full-load-and-cdc", source.uri(), dynamo.uri(""), "start-replication",
        "--table-mappings", tables.mappings(dataDir).toString());
    migrate.awaitLog("full load complete", Duration.ofSeconds(180));
    assertThat(awaitEqual(source, tables)).isEqualTo(TargetTaskFixture.sourceRows(source));

    TargetTaskFixture.changeRows(source);
    awaitEqual(source, tables);
    assertThat(dynamo.keySchema(tables.acct)).containsExactly("id");
    Map<String, AttributeValue> inserted = dynamo.client().getItem(r -> r.tableName(tables.acct)
        .key(Map.of("id", AttributeValue.fromN("-1")))).item();
    assertThat(inserted).containsKeys("id", "balance", "note", "label")
        .doesNotContainKeys("updated", "opened"); // excluded; NULL left out, as DMS does
    // inserted, then caught by "UPDATE ... WHERE id <= 100"; its NULL date renders empty
    assertThat(inserted.get("label").s()).isEqualTo("updated/");
    assertThat(inserted.get("balance").n()).isEqualTo("99.99");
    Map<String, AttributeValue> event = dynamo.client().getItem(r -> r.tableName(tables.events)
        .key(Map.of("id", AttributeValue.fromN("7")))).item();
    assertThat(event.keySet()).containsExactlyInAnyOrder("id", "_doc");
    assertThat(event.get("_doc").m()).containsOnlyKeys("payload");
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
  }

  /** With ParallelApplyThreads 4 (the other tests apply on one thread). */
  @Test
  void connectionCutMidTaskAndKillMinusNineLoseNoChangeWithParallelApply() throws Exception {
    TestingPostgres source = fixture.source("dynamo_cut_src");
    Tables tables = tables();
    URI endpoint = URI.create(TestingDynamoDb.ENDPOINT);
    TcpProxy proxy = fixture.closeLater(new TcpProxy(endpoint.getHost(), endpoint.getPort()));
    String target = "dynamodb://?endpoint=http://127.0.0.1:" + proxy.port()
        + "&AccessKeyId=test&SecretAccessKey=test";
    String task = TargetTaskFixture.taskId("dynamo-cut");
    String mappings = tables.mappings(dataDir).toString();
    String settings = fixture.parallelApplySettings().toString();
    ChildMigrate first = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "start-replication", "--table-mappings", mappings, "--task-settings", settings);
    first.awaitLog("full load complete", Duration.ofSeconds(180));
    TargetTaskFixture.changeDuring(source, proxy::cut, proxy::restore);
    awaitEqual(source, tables);

    first.kill();
    source.execute("UPDATE public.acct SET note = 'after kill -9' WHERE id < 500",
        "INSERT INTO public.events SELECT g, 'after kill' FROM generate_series(1000, 3000) g");
    ChildMigrate second = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "resume-processing", "--table-mappings", mappings, "--task-settings", settings);
    second.awaitLog("resuming change processing", Duration.ofSeconds(60));
    awaitEqual(source, tables);
    assertThat(second.terminate()).isZero();
  }

  @Test
  void fullLoadAndCdcFromMariaDbTakeTheDefaultLayout() throws Exception {
    TestingMariaDb source = fixture.closeLater(TestingMariaDb.create("dynamo_maria_src"));
    String table = dynamo.table("items");
    source.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40),"
            + " price DECIMAL(10,2), data VARBINARY(8), at DATETIME)",
        "INSERT INTO " + table + " VALUES (1, 'one', 1.50, x'0102', '2026-03-08 12:12:12'),"
            + " (2, NULL, 0.00, NULL, NULL), (3, 'three', -7.25, x'', '2026-01-01 00:00:00')");
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("dynamo-maria"),
        "full-load-and-cdc", source.uri(), dynamo.uri(""), "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    Supplier<Map<String, String>> expected = () -> mariaRows(source, table);
    awaitRows(expected, () -> items(table));

    source.execute("INSERT INTO " + table + " VALUES (4, 'four', 4.00, x'ff', NULL)",
        "UPDATE " + table + " SET name = 'two', price = 2.20 WHERE id = 2",
        "DELETE FROM " + table + " WHERE id = 3",
        // one large transaction
        "INSERT INTO " + table + " SELECT seq, CONCAT('bulk ', seq), seq / 100, NULL, NULL"
            + " FROM seq_1000_to_5999");
    awaitRows(expected, () -> items(table));
    Map<String, AttributeValue> one = dynamo.client().getItem(r -> r.tableName(table)
        .key(Map.of("id", AttributeValue.fromN("1")))).item();
    assertThat(one.get("data").b().asByteArray()).containsExactly(1, 2);
    assertThat(one.get("at").s()).isEqualTo("2026-03-08T12:12:12");
    assertThat(migrate.terminate()).isZero();
  }

  /** The target tables of acct and events, unique to the test. */
  private record Tables(String acct, String events) {
    Path mappings(Path dir) throws Exception {
      Path file = Files.createTempFile(dir, "mappings", ".json");
      Files.writeString(file, """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "%"}},
            {"rule-type": "object-mapping", "rule-id": "2", "rule-name": "acct",
             "rule-action": "map-record-to-record", "target-table-name": "ACCT",
             "object-locator": {"schema-name": "public", "table-name": "acct"},
             "mapping-parameters": {"partition-key-name": "id", "exclude-columns": ["updated"],
               "attribute-mappings": [{"target-attribute-name": "label", "attribute-type": "scalar",
                 "attribute-sub-type": "string", "value": "${note}/${opened}"}]}},
            {"rule-type": "object-mapping", "rule-id": "3", "rule-name": "events",
             "rule-action": "map-record-to-document", "target-table-name": "EVENTS",
             "object-locator": {"schema-name": "public", "table-name": "events"},
             "mapping-parameters": {"partition-key-name": "id"}}
          ]}""".replace("ACCT", acct).replace("EVENTS", events));
      return file;
    }
  }

  private Tables tables() {
    return new Tables(dynamo.table("acct"), dynamo.table("events"));
  }

  /** The items as {@link TargetTaskFixture#sourceRows} gives the source's rows. */
  private Map<String, Map<String, String>> items(Tables tables) {
    Map<String, Map<String, String>> rows = new TreeMap<>();
    Map<String, String> acct = new TreeMap<>();
    for (Map<String, AttributeValue> item : dynamo.items(tables.acct)) {
      acct.put(item.get("id").n(), new BigDecimal(item.get("balance").n()).setScale(2)
          .toPlainString() + "|" + item.get("note").s() + "|"
          + (item.containsKey("opened") ? item.get("opened").s() : ""));
    }
    Map<String, String> events = new TreeMap<>();
    for (Map<String, AttributeValue> item : dynamo.items(tables.events)) {
      events.put(item.get("id").n(), item.get("_doc").m().get("payload").s());
    }
    if (!acct.isEmpty()) {
      rows.put("public.acct", acct);
    }
    if (!events.isEmpty()) {
      rows.put("public.events", events);
    }
    return rows;
  }

  private Map<String, Map<String, String>> awaitEqual(TestingPostgres source, Tables tables)
      throws Exception {
    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    Map<String, Map<String, String>> actual = Map.of();
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < end) {
      actual = items(tables);
      if (actual.equals(expected)) {
        return actual;
      }
      Thread.sleep(2000);
    }
    assertThat(TargetTaskFixture.differences(expected, actual))
        .as("source rows missing or stale in DynamoDB").isEmpty();
    return actual;
  }

  /** The MariaDB rows by id as {@code name|price|hex(data)|at}. */
  private static Map<String, String> mariaRows(TestingMariaDb source, String table) {
    Map<String, String> rows = new TreeMap<>();
    for (List<String> row : source.rows("SELECT id, name, price, HEX(data),"
        + " DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s') FROM " + table)) {
      rows.put(row.get(0), row.get(1) + "|" + row.get(2) + "|" + row.get(3) + "|" + row.get(4));
    }
    return rows;
  }

  private Map<String, String> items(String table) {
    Map<String, String> rows = new TreeMap<>();
    for (Map<String, AttributeValue> item : dynamo.items(table)) {
      rows.put(item.get("id").n(), text(item, "name") + "|"
          + (item.containsKey("price") ? new BigDecimal(item.get("price").n()).setScale(2)
              .toPlainString() : null)
          + "|" + (item.containsKey("data") ? java.util.HexFormat.of().withUpperCase()
              .formatHex(item.get("data").b().asByteArray()) : null)
          + "|" + text(item, "at"));
    }
    return rows;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? item.get(name).s() : null;
  }

  private static void awaitRows(Supplier<Map<String, String>> expected,
      Supplier<Map<String, String>> actual) throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    Map<String, String> want = expected.get();
    Map<String, String> got = actual.get();
    while (!got.equals(want) && System.nanoTime() < end) {
      Thread.sleep(1000);
      want = expected.get();
      got = actual.get();
    }
    assertThat(TargetTaskFixture.differences(Map.of("t", want), Map.of("t", got)))
        .as("MariaDB rows missing or stale in DynamoDB").isEmpty();
  }
}
