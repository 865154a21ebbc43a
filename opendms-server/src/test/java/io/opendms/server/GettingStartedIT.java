package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The getting-started flow of DMS, driven by the real AWS CLI against an in-process server on
 * the local PostgreSQL: instance, endpoints, connection tests, a full-load task, its
 * statistics, tags, events, schemas, and deleting it all.
 */
class GettingStartedIT {
  private static final String PASSWORD = "s3cr3t-pw-never-shown";
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"sales\",\"object-locator\":{\"schema-name\":\"sales\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";

  private static TestServer server;
  private static TestingPostgres source;
  private static TestingPostgres target;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    source = TestingPostgres.create("gs_src");
    target = TestingPostgres.create("gs_tgt");
    source.execute("CREATE SCHEMA sales",
        "CREATE TABLE sales.orders (id bigint PRIMARY KEY, note text, amount numeric(10,2))",
        "INSERT INTO sales.orders SELECT g, 'order ' || g, g * 1.5 FROM generate_series(1, 5000) g",
        "CREATE TABLE sales.customers (id int PRIMARY KEY, name text)",
        "INSERT INTO sales.customers SELECT g, 'c' || g FROM generate_series(1, 300) g",
        "CREATE TABLE public.ignored (id int PRIMARY KEY)");
  }

  @AfterAll
  static void stop() {
    server.close();
    source.close();
    target.close();
  }

  @Test
  void migratesAFullLoadTaskEndToEndWithTheAwsCli() throws Exception {
    JsonNode instance = server.dms("create-replication-instance", "--replication-instance-identifier",
        "Getting-Started", "--replication-instance-class", "dms.t3.medium", "--allocated-storage", "20").json()
        .get("ReplicationInstance");
    String instanceArn = instance.get("ReplicationInstanceArn").asText();
    assertThat(instanceArn).matches("arn:aws:dms:us-east-1:123456789012:rep:[A-Z2-7]{26}");
    assertThat(instance.get("ReplicationInstanceIdentifier").asText()).isEqualTo("getting-started");
    assertThat(server.dms("wait", "replication-instance-available", "--filters",
        "Name=replication-instance-arn,Values=" + instanceArn).exitCode()).isZero();

    String sourceArn = endpoint("gs-source", "source", source.database(), PASSWORD);
    String targetArn = endpoint("gs-target", "target", target.database(), null);
    assertThat(server.dms("describe-endpoints").stdout()).doesNotContain(PASSWORD);
    assertThat(Files.readAllBytes(server.dataDir().resolve("metadata.mv.db")))
        .asString(StandardCharsets.ISO_8859_1).doesNotContain(PASSWORD);

    for (String endpointArn : List.of(sourceArn, targetArn)) {
      assertThat(server.dms("test-connection", "--replication-instance-arn", instanceArn,
          "--endpoint-arn", endpointArn).json().at("/Connection/Status").asText()).isEqualTo("testing");
      assertThat(server.dms("wait", "test-connection-succeeds", "--filters",
          "Name=endpoint-arn,Values=" + endpointArn).exitCode()).isZero();
    }

    JsonNode task = server.dms("create-replication-task", "--replication-task-identifier", "gs-task",
        "--source-endpoint-arn", sourceArn, "--target-endpoint-arn", targetArn,
        "--replication-instance-arn", instanceArn, "--migration-type", "full-load",
        "--table-mappings", MAPPINGS, "--replication-task-settings",
        "{\"FullLoadSettings\":{\"MaxFullLoadSubTasks\":4}}", "--tags", "Key=team,Value=data").json()
        .get("ReplicationTask");
    String taskArn = task.get("ReplicationTaskArn").asText();
    assertThat(taskArn).matches("arn:aws:dms:us-east-1:123456789012:task:[A-Z2-7]{26}");
    assertThat(server.dms("wait", "replication-task-ready", "--filters",
        "Name=replication-task-arn,Values=" + taskArn).exitCode()).isZero();
    JsonNode described = describeTask(taskArn);
    assertThat(described.get("ReplicationTaskSettings").asText())
        .contains("\"MaxFullLoadSubTasks\":4").contains("\"TargetTablePrepMode\"");

    assertThat(server.dms("start-replication-task", "--replication-task-arn", taskArn,
        "--start-replication-task-type", "start-replication").json().at("/ReplicationTask/Status").asText())
        .isIn("starting", "running");
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> describeTask(taskArn).get("Status").asText().equals("stopped"));

    JsonNode finished = describeTask(taskArn);
    assertThat(finished.get("StopReason").asText()).isEqualTo("Stop Reason FULL_LOAD_ONLY_FINISHED");
    JsonNode stats = finished.get("ReplicationTaskStats");
    assertThat(stats.get("FullLoadProgressPercent").asInt()).isEqualTo(100);
    assertThat(stats.get("TablesLoaded").asInt()).isEqualTo(2);
    assertThat(stats.get("TablesErrored").asInt()).isZero();
    assertThat(stats.has("StartDate") && stats.has("StopDate") && stats.has("FullLoadFinishDate")).isTrue();

    JsonNode tables = server.dms("describe-table-statistics", "--replication-task-arn", taskArn).json()
        .get("TableStatistics");
    assertThat(tables).hasSize(2);
    for (JsonNode table : tables) {
      assertThat(table.get("SchemaName").asText()).isEqualTo("sales");
      assertThat(table.get("TableState").asText()).isEqualTo("Table completed");
    }
    assertThat(rowsOf(tables, "orders")).isEqualTo(5000);
    assertThat(count("sales.orders")).isEqualTo(5000);
    assertThat(count("sales.customers")).isEqualTo(300);
    assertThat(server.dms("describe-table-statistics", "--replication-task-arn", taskArn,
        "--filters", "Name=table-name,Values=customers").json().get("TableStatistics")).hasSize(1);

    checkTagsEventsAndSchemas(taskArn, instanceArn, sourceArn);

    assertThat(server.dms("delete-replication-task", "--replication-task-arn", taskArn).exitCode()).isZero();
    assertThat(server.dms("wait", "replication-task-deleted", "--filters",
        "Name=replication-task-arn,Values=" + taskArn).exitCode()).isZero();
    for (String endpointArn : List.of(sourceArn, targetArn)) {
      assertThat(server.dms("delete-endpoint", "--endpoint-arn", endpointArn).exitCode()).isZero();
    }
    assertThat(server.dms("delete-replication-instance", "--replication-instance-arn", instanceArn)
        .json().at("/ReplicationInstance/ReplicationInstanceStatus").asText()).isEqualTo("deleting");
    assertThat(server.dms("wait", "replication-instance-deleted", "--filters",
        "Name=replication-instance-arn,Values=" + instanceArn).exitCode()).isZero();
  }

  private void checkTagsEventsAndSchemas(String taskArn, String instanceArn, String sourceArn) {
    assertThat(server.dms("add-tags-to-resource", "--resource-arn", taskArn, "--tags",
        "Key=env,Value=test").exitCode()).isZero();
    JsonNode tags = server.dms("list-tags-for-resource", "--resource-arn", taskArn).json().get("TagList");
    assertThat(tags.findValuesAsText("Key")).containsExactly("env", "team");
    assertThat(server.dms("remove-tags-from-resource", "--resource-arn", taskArn, "--tag-keys", "env")
        .exitCode()).isZero();
    assertThat(server.dms("list-tags-for-resource", "--resource-arn", taskArn).json()
        .get("TagList").findValuesAsText("Key")).containsExactly("team");

    JsonNode events = server.dms("describe-events", "--source-type", "replication-task").json().get("Events");
    assertThat(events.findValuesAsText("Message"))
        .anyMatch(m -> m.contains("created")).anyMatch(m -> m.contains("FULL_LOAD_ONLY_FINISHED"));

    assertThat(server.dms("refresh-schemas", "--endpoint-arn", sourceArn, "--replication-instance-arn",
        instanceArn).exitCode()).isZero();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
        server.dms("describe-refresh-schemas-status", "--endpoint-arn", sourceArn).json()
            .at("/RefreshSchemasStatus/Status").asText().equals("successful"));
    JsonNode schemas = server.dms("describe-schemas", "--endpoint-arn", sourceArn).json().get("Schemas");
    var names = new ArrayList<String>();
    schemas.forEach(s -> names.add(s.asText()));
    assertThat(names).contains("sales", "public");
  }

  private String endpoint(String identifier, String type, String database, String password) {
    var args = new ArrayList<>(List.of("create-endpoint", "--endpoint-identifier", identifier,
        "--endpoint-type", type, "--engine-name", "postgres", "--server-name", TestingPostgres.HOST,
        "--port", String.valueOf(TestingPostgres.PORT), "--database-name", database,
        "--username", TestingPostgres.USER, "--postgre-sql-settings", "{\"ExecuteTimeout\":60}"));
    if (password != null) {
      args.addAll(List.of("--password", password));
    }
    JsonNode endpoint = server.dms(args.toArray(String[]::new)).json().get("Endpoint");
    assertThat(endpoint.get("EndpointType").asText()).isEqualTo(type.toUpperCase());
    assertThat(endpoint.has("Password")).isFalse();
    return endpoint.get("EndpointArn").asText();
  }

  private static JsonNode describeTask(String taskArn) {
    return server.dms("describe-replication-tasks", "--filters",
        "Name=replication-task-arn,Values=" + taskArn).json().get("ReplicationTasks").get(0);
  }

  private static long rowsOf(JsonNode tables, String name) {
    for (JsonNode table : tables) {
      if (table.get("TableName").asText().equals(name)) {
        return table.get("FullLoadRows").asLong();
      }
    }
    return -1;
  }

  private static long count(String table) throws Exception {
    try (Connection c = target.connect(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
