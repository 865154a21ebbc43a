package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code opendms migrate} into kinesalite (the Kinesis API in memory, started by
 * scripts/services.sh on 127.0.0.1:4567), read back with the AWS SDK: every table's records,
 * folded by key, must equal the source's rows. Duplicates are allowed (at least once); a missing
 * or stale row is not. kinesalite keeps streams in memory, so the outage is a cut connection
 * ({@link TcpProxy}), not a restart.
 */
class KinesisTargetIT {
  static {
    System.setProperty("aws.cborEnabled", "false"); // kinesalite speaks JSON only
  }

  private static final String ENDPOINT = "http://127.0.0.1:"
      + Integer.getInteger("opendms.test.kinesalite.port", 4567);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;
  private KinesisClient kinesis;
  private final List<String> streams = new ArrayList<>();

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
    kinesis = KinesisClient.builder().endpointOverride(URI.create(ENDPOINT))
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test"))).build();
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
    for (String stream : streams) {
      kinesis.deleteStream(r -> r.streamName(stream));
    }
    kinesis.close();
  }

  @Test
  void fullLoadAndCdcFromPostgresArriveAsDmsRecordsEqualToTheSource() throws Exception {
    TestingPostgres source = fixture.source("kinesis_src");
    String stream = stream("kinesis-it", 2);
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("kinesis-it"),
        "full-load-and-cdc", source.uri(), uri(ENDPOINT, stream,
            "&MessageFormat=json-unformatted&IncludeTransactionDetails=true"
                + "&IncludePartitionValue=true&PartitionIncludeSchemaTable=true"),
        "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);

    List<JsonNode> messages = awaitEqual(source, stream);
    TargetTaskFixture.assertDmsMessagesOfChangeRows(messages);
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
  }

  /** With ParallelApplyThreads 4 (the other tests apply on one thread). */
  @Test
  void kinesisCutOffMidTaskAndKillMinusNineLoseNoChangeWithParallelApply() throws Exception {
    TestingPostgres source = fixture.source("kinesis_cut_src");
    String stream = stream("kinesis-cut", 1);
    URI endpoint = URI.create(ENDPOINT);
    TcpProxy proxy = fixture.closeLater(new TcpProxy(endpoint.getHost(), endpoint.getPort()));
    String target = uri("http://127.0.0.1:" + proxy.port(), stream, "");
    String task = TargetTaskFixture.taskId("kinesis-cut");
    String settings = fixture.parallelApplySettings().toString();
    ChildMigrate first = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "start-replication", "--task-settings", settings);
    first.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeDuring(source, proxy::cut, proxy::restore);
    awaitEqual(source, stream);

    ChildMigrate second = fixture.killAndResume(first, task, source, target,
        "--task-settings", settings);
    awaitEqual(source, stream);
    assertThat(second.terminate()).isZero();
  }

  @Test
  void fullLoadFromMariaDb() throws Exception {
    TestingMariaDb source = TestingMariaDb.create("kinesis_maria_src");
    fixture.closeLater(source);
    source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2))",
        "INSERT INTO items VALUES (1, 'one', 1.50), (2, NULL, 0.00), (3, 'three', -7.25)");
    String stream = stream("kinesis-maria", 1);
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("kinesis-maria"), "full-load",
        source.uri(), uri(ENDPOINT, stream, ""), "start-replication");
    assertThat(migrate.waitFor(Duration.ofSeconds(120))).isZero();

    List<JsonNode> messages = read(stream);
    assertThat(messages).hasSize(3);
    Map<String, JsonNode> rows = TargetTaskFixture.fold(messages)
        .get(source.database() + ".items");
    for (List<String> row : source.rows("SELECT id, name, price FROM items ORDER BY id")) {
      JsonNode data = rows.get(row.get(0));
      assertThat(data.path("name").isMissingNode() ? null : data.get("name").asText())
          .isEqualTo(row.get(1));
      assertThat(data.get("price").decimalValue().toPlainString()).isEqualTo(row.get(2));
    }
  }

  @Test
  void objectMappingRulesShapeTheDataAndPartitionKeyOfFullLoadAndCdcRecords() throws Exception {
    TestingPostgres source = fixture.source("kinesis_mapped_src");
    String stream = stream("kinesis-mapped", 2);
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("kinesis-mapped"),
        "full-load-and-cdc", source.uri(), uri(ENDPOINT, stream, "&MessageFormat=json-unformatted"),
        "start-replication", "--table-mappings", fixture.objectMappingRules().toString());
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);

    awaitEqual(source, stream);
    TargetTaskFixture.assertObjectMapped(readKeyed(stream));
    assertThat(migrate.terminate()).isZero();
  }

  private List<JsonNode> awaitEqual(TestingPostgres source, String stream) throws Exception {
    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    Map<String, Map<String, String>> actual = Map.of();
    List<JsonNode> messages = List.of();
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < end) {
      messages = read(stream);
      actual = TargetTaskFixture.asText(TargetTaskFixture.fold(messages));
      if (actual.equals(expected)) {
        return messages;
      }
      Thread.sleep(2000);
    }
    assertThat(TargetTaskFixture.differences(expected, actual))
        .as("source rows missing or stale in Kinesis").isEmpty();
    return messages;
  }

  private List<JsonNode> read(String stream) throws Exception {
    return readKeyed(stream).stream().map(TargetTaskFixture.KeyedMessage::json).toList();
  }

  /** Every record of the stream, shard by shard (a key's records stay in one shard, in order). */
  private List<TargetTaskFixture.KeyedMessage> readKeyed(String stream) throws Exception {
    List<TargetTaskFixture.KeyedMessage> messages = new ArrayList<>();
    for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
          .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
          .shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10000));
        for (Record record : page.records()) {
          messages.add(new TargetTaskFixture.KeyedMessage(record.partitionKey(),
              JSON.readTree(record.data().asUtf8String())));
        }
        if (page.records().isEmpty()) {
          break; // kinesalite pages by size and reports 0 ms behind before the last page
        }
        iterator = page.nextShardIterator();
      }
    }
    return messages;
  }

  private String stream(String prefix, int shards) throws Exception {
    String stream = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
    for (int i = 0; i < 100 && !kinesis.describeStreamSummary(r -> r.streamName(stream))
        .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"); i++) {
      Thread.sleep(100);
    }
    streams.add(stream);
    return stream;
  }

  private static String uri(String endpoint, String stream, String more) {
    return "kinesis://" + stream + "?endpoint=" + endpoint
        + "&AccessKeyId=test&SecretAccessKey=test" + more;
  }
}
