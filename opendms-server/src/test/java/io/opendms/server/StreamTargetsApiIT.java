package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingKafka;
import io.opendms.testkit.TestingKafkaSecurity;
import io.opendms.testkit.TestingOpenSearch;
import io.opendms.testkit.TestingPostgres;
import io.opendms.testkit.TestingS3;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka, S3, Redis, Kinesis and OpenSearch endpoints made with the AWS CLI's create-endpoint
 * ({@code --kafka-settings}, {@code --s3-settings}, {@code --redis-settings}, {@code
 * --kinesis-settings}, {@code --elasticsearch-settings}), echoed as DMS does with
    }
  }

  @Test
 * Kafka, S3, Redis, Kinesis and DynamoDB endpoints made with the AWS CLI's create-endpoint ({@code
 * --kafka-settings}, {@code --s3-settings}, {@code --redis-settings}, {@code --kinesis-settings},
 * {@code --dynamo-db-settings}), echoed as DMS does with
 * secrets left out, and a full-load task into each, run by the server against the local broker,
 * S3Proxy and Redis.
 */
class StreamTargetsApiIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";

  private static TestServer server;
  private static TestingPostgres source;
  private static TestingKafka kafka;
  private static TestingS3 s3;
  private static String instanceArn;
  private static String sourceArn;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    source = TestingPostgres.create("api_stream_src");
    kafka = TestingKafka.topic("api_stream");
    s3 = TestingS3.create("api-stream");
    source.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id int PRIMARY KEY, v text)",
        "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 500) g");
    instanceArn = server.dms("create-replication-instance", "--replication-instance-identifier", "streams",
        "--replication-instance-class", "dms.t3.micro").json().at("/ReplicationInstance/ReplicationInstanceArn").asText();
    sourceArn = server.dms("create-endpoint", "--endpoint-identifier", "stream-src", "--endpoint-type",
        "source", "--engine-name", "postgres", "--server-name", TestingPostgres.HOST, "--port",
        String.valueOf(TestingPostgres.PORT), "--database-name", source.database(), "--username",
        TestingPostgres.USER).json().at("/Endpoint/EndpointArn").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
    source.close();
    kafka.close();
    s3.close();
  }

  @Test
  void aKafkaEndpointKeepsItsSettingsSealsTheSaslPasswordAndTakesAFullLoad() {
    JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-kafka",
        "--endpoint-type", "target", "--engine-name", "kafka", "--kafka-settings",
        "{\"Broker\":\"" + TestingKafka.BOOTSTRAP + "\",\"Topic\":\"" + kafka.topic() + "\","
            + "\"MessageFormat\":\"json-unformatted\",\"IncludeTransactionDetails\":true,"
            + "\"SaslUsername\":\"u\",\"SaslPassword\":\"never-shown\"}").json().get("Endpoint");

    assertThat(endpoint.at("/KafkaSettings/Topic").asText()).isEqualTo(kafka.topic());
    assertThat(endpoint.at("/KafkaSettings/MessageFormat").asText()).isEqualTo("json-unformatted");
    assertThat(endpoint.toString()).doesNotContain("never-shown");
    String described = server.dms("describe-endpoints").stdout();
    assertThat(described).contains(kafka.topic()).doesNotContain("never-shown");

    runFullLoad("to-kafka-task", endpoint.get("EndpointArn").asText());
    assertThat(kafka.readUntil(r -> r.size() >= 500, Duration.ofSeconds(30)))
        .hasSize(500).allMatch(r -> r.value().contains("\"operation\":\"load\""));
  }

  @Test
  void aKafkaEndpointWithSslAuthenticationUsesTheCertificatesAndKeyImportedWithImportCertificate() {
    String ca = importCertificate("stream-kafka-ca", TestingKafkaSecurity.ca());
    String client = importCertificate("stream-kafka-client", TestingKafkaSecurity.clientCertificate());
    String key = importCertificate("stream-kafka-client-key", TestingKafkaSecurity.clientKey());
    try (TestingKafka tlsTopic = TestingKafka.topic("api_stream_tls")) {
      JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-kafka-tls",
          "--endpoint-type", "target", "--engine-name", "kafka", "--kafka-settings",
          "{\"Broker\":\"" + TestingKafkaSecurity.MTLS_BOOTSTRAP + "\",\"Topic\":\""
              + tlsTopic.topic() + "\",\"SecurityProtocol\":\"ssl-authentication\","
              + "\"SslCaCertificateArn\":\"" + ca + "\",\"SslClientCertificateArn\":\"" + client
              + "\",\"SslClientKeyArn\":\"" + key + "\",\"SslClientKeyPassword\":\""
              + TestingKafkaSecurity.CLIENT_KEY_PASSWORD + "\"}").json().get("Endpoint");
      assertThat(endpoint.at("/KafkaSettings/SslClientKeyArn").asText()).isEqualTo(key);
      assertThat(endpoint.toString()).doesNotContain(TestingKafkaSecurity.CLIENT_KEY_PASSWORD);

      runFullLoad("to-kafka-tls-task", endpoint.get("EndpointArn").asText());
      assertThat(tlsTopic.readUntil(r -> r.size() >= 500, Duration.ofSeconds(30))).hasSize(500);
    }
  }

  private static String importCertificate(String identifier, java.nio.file.Path pem) {
    return server.dms("import-certificate", "--certificate-identifier", identifier,
        "--certificate-pem", "file://" + pem).json().at("/Certificate/CertificateArn").asText();
  }

  @Test
  void anS3EndpointWritesParquetToAnS3CompatibleStoreNamedByServerName() {
    JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-s3",
        "--endpoint-type", "target", "--engine-name", "s3", "--server-name", "127.0.0.1",
        "--port", "9000", "--username", TestingS3.KEY, "--password", TestingS3.KEY,
        "--s3-settings", "{\"BucketName\":\"" + s3.bucket() + "\",\"BucketFolder\":\"api\","
            + "\"DataFormat\":\"parquet\",\"ServiceAccessRoleArn\":\"arn:aws:iam::1:role/dms\"}")
        .json().get("Endpoint");

    assertThat(endpoint.at("/S3Settings/DataFormat").asText()).isEqualTo("parquet");
    assertThat(endpoint.at("/S3Settings/BucketName").asText()).isEqualTo(s3.bucket());

    runFullLoad("to-s3-task", endpoint.get("EndpointArn").asText());
    assertThat(s3.keys("api/app/items/")).containsExactly("api/app/items/LOAD00000001.parquet");
  }

  @Test
  void aRedisEndpointKeepsItsSettingsSealsTheAuthPasswordAndTakesAFullLoad() {
    String database = String.valueOf(java.util.concurrent.ThreadLocalRandom.current().nextInt(8, 16));
    JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-redis",
        "--endpoint-type", "target", "--engine-name", "redis", "--database-name", database,
        "--redis-settings", "{\"ServerName\":\"127.0.0.1\",\"Port\":6379,"
            + "\"SslSecurityProtocol\":\"plaintext\",\"AuthType\":\"none\","
            + "\"AuthPassword\":\"never-shown\"}").json().get("Endpoint");

    assertThat(endpoint.at("/RedisSettings/ServerName").asText()).isEqualTo("127.0.0.1");
    assertThat(endpoint.at("/RedisSettings/SslSecurityProtocol").asText()).isEqualTo("plaintext");
    assertThat(endpoint.toString()).doesNotContain("never-shown");
    assertThat(server.dms("describe-endpoints").stdout()).doesNotContain("never-shown");

    try (var redis = new redis.clients.jedis.Jedis("127.0.0.1", 6379)) {
      redis.select(Integer.parseInt(database));
      try {
        runFullLoad("to-redis-task", endpoint.get("EndpointArn").asText());
        assertThat(redis.hgetAll("app.items.42")).containsEntry("id", "42").containsEntry("v", "v42");
        assertThat(redis.keys("app.items.*")).hasSize(500);
      } finally {
        redis.keys("app.items.*").forEach(redis::unlink);
      }
    }
  }

  @Test
  void aKinesisEndpointNamedByStreamArnTakesAFullLoadFromAKinesisCompatibleService() {
    System.setProperty("aws.cborEnabled", "false"); // kinesalite speaks JSON only
    String stream = "api-stream-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (var kinesis = software.amazon.awssdk.services.kinesis.KinesisClient.builder()
        .endpointOverride(java.net.URI.create("http://127.0.0.1:4567"))
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
            .create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
        .build()) {
      kinesis.createStream(r -> r.streamName(stream).shardCount(1));
      try {
        JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-kinesis",
            "--endpoint-type", "target", "--engine-name", "kinesis", "--server-name", "127.0.0.1",
            "--port", "4567", "--username", "test", "--password", "test", "--kinesis-settings",
            "{\"StreamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/" + stream + "\","
                + "\"MessageFormat\":\"json-unformatted\","
                + "\"ServiceAccessRoleArn\":\"arn:aws:iam::1:role/dms\"}").json().get("Endpoint");
        assertThat(endpoint.at("/KinesisSettings/MessageFormat").asText()).isEqualTo("json-unformatted");

        runFullLoad("to-kinesis-task", endpoint.get("EndpointArn").asText());
        String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
            .shardIteratorType("TRIM_HORIZON")).shardIterator();
        assertThat(kinesis.getRecords(r -> r.shardIterator(iterator).limit(1000)).records())
            .hasSize(500).allMatch(r -> r.data().asUtf8String().contains("\"operation\":\"load\""));
      } finally {
        kinesis.deleteStream(r -> r.streamName(stream));
      }
    }
  }

  @Test
  void anOpenSearchEndpointMadeWithElasticsearchSettingsTakesAFullLoad() {
    try (TestingOpenSearch openSearch = TestingOpenSearch.indices("api")) {
      JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-opensearch",
          "--endpoint-type", "target", "--engine-name", "opensearch", "--elasticsearch-settings",
          "{\"EndpointUri\":\"" + TestingOpenSearch.URL + "\",\"FullLoadErrorPercentage\":5,"
              + "\"ErrorRetryDuration\":60,\"ServiceAccessRoleArn\":\"arn:aws:iam::1:role/dms\"}")
          .json().get("Endpoint");
      assertThat(endpoint.get("EngineName").asText()).isEqualTo("opensearch");
      assertThat(endpoint.at("/ElasticsearchSettings/FullLoadErrorPercentage").asInt()).isEqualTo(5);

      try {
        runFullLoad("to-opensearch-task", endpoint.get("EndpointArn").asText());
        assertThat(openSearch.documents("items")).hasSize(500);
      } finally {
        openSearch.request("DELETE", "items", null);
      }
    }
  }

  @Test
  void aDynamoDbEndpointTakesAFullLoadLaidOutByItsObjectMapping() {
    try (var dynamo = new io.opendms.testkit.TestingDynamoDb()) {
      String table = dynamo.table("api_items");
      java.net.URI local = java.net.URI.create(io.opendms.testkit.TestingDynamoDb.ENDPOINT);
      JsonNode endpoint = server.dms("create-endpoint", "--endpoint-identifier", "to-dynamodb",
          "--endpoint-type", "target", "--engine-name", "dynamodb", "--server-name",
          local.getHost(), "--port", String.valueOf(local.getPort()), "--username", "test",
          "--password", "test", "--dynamo-db-settings",
          "{\"ServiceAccessRoleArn\":\"arn:aws:iam::1:role/dms\"}").json().get("Endpoint");
      assertThat(endpoint.at("/DynamoDbSettings/ServiceAccessRoleArn").asText())
          .isEqualTo("arn:aws:iam::1:role/dms");

      runFullLoad("to-dynamodb-task", endpoint.get("EndpointArn").asText(), MAPPINGS.replace("}]}",
          "},{\"rule-type\":\"object-mapping\",\"rule-id\":\"2\",\"rule-name\":\"2\","
              + "\"rule-action\":\"map-record-to-document\",\"target-table-name\":\"" + table
              + "\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"items\"}}]}"));
      var items = dynamo.items(table);
      assertThat(items).hasSize(500);
      assertThat(items).allMatch(item -> item.get("_doc").m().get("v").s()
          .equals("v" + item.get("id").n()));
    }
  }

  private static void runFullLoad(String identifier, String targetArn) {
    runFullLoad(identifier, targetArn, MAPPINGS);
  }

  private static void runFullLoad(String identifier, String targetArn, String mappings) {
    String task = server.dms("create-replication-task", "--replication-task-identifier", identifier,
        "--source-endpoint-arn", sourceArn, "--target-endpoint-arn", targetArn,
        "--replication-instance-arn", instanceArn, "--migration-type", "full-load",
        "--table-mappings", mappings).json().at("/ReplicationTask/ReplicationTaskArn").asText();
    assertThat(server.dms("start-replication-task", "--replication-task-arn", task,
        "--start-replication-task-type", "start-replication").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> server.dms("describe-replication-tasks", "--without-settings", "--filters",
            "Name=replication-task-arn,Values=" + task).json().at("/ReplicationTasks/0/Status")
            .asText().equals("stopped"));
    JsonNode tables = server.dms("describe-table-statistics", "--replication-task-arn", task).json()
        .get("TableStatistics");
    assertThat(tables.get(0).get("TableState").asText()).isEqualTo("Table completed");
    assertThat(tables.get(0).get("FullLoadRows").asLong()).isEqualTo(500);
  }
}
