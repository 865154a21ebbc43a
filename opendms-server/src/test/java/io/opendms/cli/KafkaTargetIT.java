package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.testkit.TestingKafka;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} into the real local Kafka broker (KRaft, started by
 * scripts/services.sh), read back with a real consumer: every table's messages, folded by key
 * (load/insert/update set the row, delete removes it), must equal the source's rows. Duplicates
 * are allowed (at least once); a missing or stale row is not.
 */
class KafkaTargetIT {
  /** Decimals exactly as sent: 500.00 stays 500.00. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void fullLoadAndCdcFromPostgresArriveAsDmsMessagesEqualToTheSource() throws Exception {
    TestingPostgres source = fixture.source("kafka_src");
    TestingKafka kafka = topic("kafka_it");
    String task = taskId();
    ChildMigrate migrate = migrate(task, "full-load-and-cdc", source.uri(),
        kafka.uri("&MessageFormat=json-unformatted&IncludeTransactionDetails=true"
            + "&IncludePartitionValue=true&PartitionIncludeSchemaTable=true"), "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);

    Map<String, Map<String, JsonNode>> rows = awaitEqual(source, kafka);
    assertThat(rows.get("public.acct")).hasSize(20000 + 1 - 50);
    List<JsonNode> messages = kafka.readUntil(r -> r.size() >= 20000 + 1 + 100 + 50 + 50000,
            Duration.ofSeconds(60)).stream()
        .map(KafkaTargetIT::json).toList();
    TargetTaskFixture.assertDmsMessagesOfChangeRows(messages);
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
  }

  @Test
  void theBrokerStoppedMidTaskAndKillMinusNineLoseNoChange() throws Exception {
    TestingPostgres source = fixture.source("kafka_stop_src");
    TestingKafka kafka = topic("kafka_stop");
    String task = taskId();
    ChildMigrate first = migrate(task, "full-load-and-cdc", source.uri(), kafka.uri(""),
        "start-replication");
    first.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeDuring(source, TestingKafka::stopBroker, TestingKafka::startBroker);
    awaitEqual(source, kafka);

    ChildMigrate second = fixture.killAndResume(first, task, source, kafka.uri(""));
    awaitEqual(source, kafka);
    assertThat(second.terminate()).isZero();
  }

  /**
   * ParallelApplyThreads 4: 20 transactions each updating the same 500 rows reach the topic with
   * every key's updates in source order (a key's messages all come from one producer, into one
   * partition), the topic folds to the source's rows, and a kill -9 and resume with the setting
   * still on lose no change.
   */
  @Test
  void parallelApplyThreadsKeepEachKeysOrderAndLoseNoChangeAcrossKillMinusNine() throws Exception {
    TestingPostgres source = fixture.source("kafka_parallel_src");
    TestingKafka kafka = topic("kafka_parallel");
    String task = taskId();
    Path settings = fixture.parallelApplySettings();
    ChildMigrate first = fixture.migrate(task, "full-load-and-cdc", source.uri(), kafka.uri(""),
        "start-replication", "--task-settings", settings.toString());
    first.awaitLog("full load complete", Duration.ofSeconds(120));
    for (int round = 1; round <= 20; round++) {
      source.execute("UPDATE public.acct SET note = 'round " + round + "' WHERE id <= 500");
    }
    source.execute("DELETE FROM public.acct WHERE id BETWEEN 501 AND 550",
        "INSERT INTO public.events SELECT g, 'event ' || g FROM generate_series(5001, 7000) g");
    first.awaitLog("parallel apply threads", Duration.ofSeconds(30));
    awaitEqual(source, kafka);

    Map<String, List<Integer>> rounds = new TreeMap<>();
    kafka.readUntil(r -> r.size() >= 20000 + 20 * 500 + 50 + 2000, CONVERGE).stream()
        .map(KafkaTargetIT::json)
        .filter(m -> m.at("/metadata/operation").asText().equals("update"))
        .forEach(m -> rounds.computeIfAbsent(m.at("/data/id").asText(), id -> new ArrayList<>())
            .add(Integer.parseInt(m.at("/data/note").asText().substring("round ".length()))));
    List<Integer> inOrder = java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList();
    assertThat(rounds).hasSize(500);
    rounds.forEach((id, seen) -> assertThat(seen).as("updates of acct %s", id).isEqualTo(inOrder));

    ChildMigrate second = fixture.killAndResume(first, task, source, kafka.uri(""),
        "--task-settings", settings.toString());
    awaitEqual(source, kafka);
    assertThat(second.terminate()).isZero();
  }

  @Test
  void fullLoadFromMariaDb() throws Exception {
    TestingMariaDb source = TestingMariaDb.create("kafka_maria_src");
    fixture.closeLater(source);
    source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
            + " added DATETIME(3), photo VARBINARY(8))",
        "INSERT INTO items VALUES (1, 'one', 1.50, '2026-01-02 03:04:05.678', x'01ff'),"
            + " (2, NULL, 0.00, NULL, NULL), (3, 'tr\\\"icky\\nname', -7.25, '1999-12-31 23:59:59', '')");
    TestingKafka kafka = topic("kafka_maria");
    ChildMigrate migrate = migrate(taskId(), "full-load", source.uri(), kafka.uri(""), "start-replication");
    assertThat(migrate.waitFor(Duration.ofSeconds(120))).isZero();

    Map<String, JsonNode> byId = new TreeMap<>();
    kafka.readUntil(r -> r.size() >= 3, Duration.ofSeconds(30))
        .forEach(r -> byId.put(r.key(), json(r).get("data")));
    List<List<String>> expected = source.rows("SELECT id, name, price, photo FROM items ORDER BY id");
    assertThat(byId).hasSize(3);
    for (List<String> row : expected) {
      JsonNode data = byId.get(row.get(0));
      assertThat(data.path("name").isMissingNode() ? null : data.get("name").asText())
          .isEqualTo(row.get(1));
      assertThat(data.get("price").decimalValue().toPlainString()).isEqualTo(row.get(2));
    }
    assertThat(byId.get("1").get("photo").asText()).isEqualTo("0x01FF");
    assertThat(byId.get("1").get("added").asText()).startsWith("2026-01-02T03:04:05.678");
    assertThat(byId.get("2").has("name")).as("null columns left out by default").isFalse();
  }

  @Test
  void objectMappingRulesSendATableToItsOwnTopic() throws Exception {
    TestingPostgres source = fixture.source("kafka_topics_src");
    TestingKafka shared = topic("kafka_shared");
    TestingKafka events = topic("kafka_events");
    Path mappings = fixture.tableMappings("""
        {"rule-type": "object-mapping", "rule-id": "2", "rule-name": "events-topic",
         "rule-action": "map-record-to-record", "kafka-target-topic": "EVENTS_TOPIC",
         "object-locator": {"schema-name": "public", "table-name": "events"}}
        """.replace("EVENTS_TOPIC", events.topic()));
    ChildMigrate migrate = fixture.migrate(taskId(), "full-load-and-cdc", source.uri(),
        shared.uri(""), "start-replication", "--table-mappings", mappings.toString());
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);

    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    assertThat(awaitTables(shared, Map.of("public.acct", expected.get("public.acct"))))
        .as("the shared topic holds acct only").containsOnlyKeys("public.acct");
    assertThat(awaitTables(events, Map.of("public.events", expected.get("public.events"))))
        .as("events went to its own topic").containsOnlyKeys("public.events");
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void beforeImagesOfUpdatesHoldTheColumnsColumnFilterChooses() throws Exception {
    TestingPostgres source = fixture.closeLater(TestingPostgres.create("kafka_before_src"));
    source.execute("CREATE TABLE public.doc (id int PRIMARY KEY, title varchar(40), body text)",
        "ALTER TABLE public.doc REPLICA IDENTITY FULL",
        "INSERT INTO public.doc VALUES (1, 'old title', 'old body')");
    TestingKafka kafka = topic("kafka_before");
    Path settings = Files.createTempFile(dataDir, "settings", ".json");
    Files.writeString(settings, """
        {"BeforeImageSettings": {"EnableBeforeImage": true, "FieldName": "before",
          "ColumnFilter": "non-lob"}}""");
    ChildMigrate migrate = fixture.migrate(taskId(), "full-load-and-cdc", source.uri(),
        kafka.uri(""), "start-replication", "--task-settings", settings.toString());
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    source.execute("UPDATE public.doc SET title = 'new title', body = 'new body' WHERE id = 1");

    JsonNode update = kafka.readUntil(r -> r.stream().anyMatch(KafkaTargetIT::isUpdate), CONVERGE)
        .stream().filter(KafkaTargetIT::isUpdate).map(KafkaTargetIT::json).findFirst()
        .orElseThrow();
    assertThat(update.get("data").get("title").asText()).isEqualTo("new title");
    assertThat(update.get("before")).as("non-lob: the old key and title, not the text body")
        .isEqualTo(JSON.readTree("{\"id\":1,\"title\":\"old title\"}"));
    assertThat(migrate.terminate()).isZero();
  }

  private static boolean isUpdate(ConsumerRecord<String, String> record) {
    return json(record).path("metadata").path("operation").asText().equals("update");
  }

  @Test
  void objectMappingRulesShapeTheDataAndKeyOfFullLoadAndCdcMessages() throws Exception {
    TestingPostgres source = fixture.source("kafka_mapped_src");
    TestingKafka kafka = topic("kafka_mapped");
    ChildMigrate migrate = fixture.migrate(taskId(), "full-load-and-cdc", source.uri(),
        kafka.uri("&MessageFormat=json-unformatted"), "start-replication", "--table-mappings",
        fixture.objectMappingRules().toString());
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);

    awaitEqual(source, kafka);
    TargetTaskFixture.assertObjectMapped(kafka.readUntil(
            r -> r.size() >= 20000 + 1 + 100 + 50 + 50000, Duration.ofSeconds(60)).stream().map(r -> new TargetTaskFixture.KeyedMessage(r.key(), json(r))).toList());
    assertThat(migrate.terminate()).isZero();
  }

  /** Reads a topic until its folded messages equal {@code expected}; returns what it holds. */
  private static Map<String, Map<String, String>> awaitTables(TestingKafka kafka,
      Map<String, Map<String, String>> expected) {
    var folded = new Object() {
      Map<String, Map<String, String>> text = Map.of();
    };
    kafka.readUntil(records -> {
      folded.text = TargetTaskFixture.asText(
          TargetTaskFixture.fold(records.stream().map(KafkaTargetIT::json).toList()));
      return folded.text.equals(expected);
    }, CONVERGE);
    assertThat(TargetTaskFixture.differences(expected, folded.text))
        .as("source rows missing or stale in " + kafka.topic()).isEmpty();
    return folded.text;
  }

  /** Reads the topic until the folded messages equal the source's rows of both tables. */
  private static Map<String, Map<String, JsonNode>> awaitEqual(TestingPostgres source,
      TestingKafka kafka) throws Exception {
    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    var folded = new Object() {
      Map<String, Map<String, JsonNode>> rows = Map.of();
      Map<String, Map<String, String>> text = Map.of();
    };
    kafka.readUntil(records -> {
      folded.rows = TargetTaskFixture.fold(records.stream().map(KafkaTargetIT::json).toList());
      folded.text = TargetTaskFixture.asText(folded.rows);
      return folded.text.equals(expected);
    }, CONVERGE);
    assertThat(TargetTaskFixture.differences(expected, folded.text)).as("source rows missing or stale in Kafka")
        .isEmpty();
    return folded.rows;
  }

  private static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + record.value(), e);
    }
  }

  private TestingKafka topic(String prefix) {
    TestingKafka kafka = TestingKafka.topic(prefix);
    fixture.closeLater(kafka);
    return kafka;
  }

  private static String taskId() {
    return TargetTaskFixture.taskId("kafka-it");
  }

  private ChildMigrate migrate(String task, String type, String source, String target, String start)
      throws Exception {
    return fixture.migrate(task, type, source, target, start);
  }
}
