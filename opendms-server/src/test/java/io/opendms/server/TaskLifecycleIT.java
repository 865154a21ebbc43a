package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.store.MetadataStore;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoreLocation;
import io.opendms.server.store.StoredResource;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task states beyond the happy path: CDC through the API, stop while running, resume after restart. */
class TaskLifecycleIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";

  private static TestServer server;
  private static TestingPostgres source;
  private static TestingPostgres target;
  private static String instanceArn;
  private static String sourceArn;
  private static String targetArn;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    source = TestingPostgres.create("life_src");
    target = TestingPostgres.create("life_tgt");
    source.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id int PRIMARY KEY, v text)",
        "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 2000) g");
    instanceArn = server.dms("create-replication-instance", "--replication-instance-identifier", "life",
        "--replication-instance-class", "dms.t3.micro").json().at("/ReplicationInstance/ReplicationInstanceArn").asText();
    sourceArn = endpoint("life-src", "source", source.database());
    targetArn = endpoint("life-tgt", "target", target.database());
  }

  @AfterAll
  static void stop() {
    server.close();
    source.close();
    target.close();
  }

  @Test
  void aCdcTaskReplicatesChangesStopsAndItsDeletionDropsTheSlot() throws Exception {
    String task = task("life-cdc", "full-load-and-cdc");
    start(task, "start-replication");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> tableState(task).equals("Table completed"));
    assertThat(status(task)).isEqualTo("running");

    source.execute("INSERT INTO app.items VALUES (100001, 'after the load')",
        "UPDATE app.items SET v = 'changed' WHERE id = 1", "DELETE FROM app.items WHERE id = 2");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> targetCount("WHERE id = 100001 OR (id = 1 AND v = 'changed')") == 2
            && targetCount("WHERE id = 2") == 0);

    server.dms("stop-replication-task", "--replication-task-arn", task);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> status(task).equals("stopped"));
    assertThat(describe(task).get("StopReason").asText()).isEqualTo("Stop Reason NORMAL");
    assertThat(slotsOnSource()).isPositive();

    assertThat(server.dms("delete-replication-task", "--replication-task-arn", task).exitCode()).isZero();
    assertThat(slotsOnSource()).isZero();
  }

  private static String tableState(String task) {
    JsonNode tables = server.dms("describe-table-statistics", "--replication-task-arn", task).json()
        .get("TableStatistics");
    return tables.isEmpty() ? "" : tables.get(0).get("TableState").asText();
  }

  private static long targetCount(String where) throws Exception {
    try (Connection c = target.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM life_cdc.items " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long slotsOnSource() throws Exception {
    try (Connection c = source.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void stopsARunningTaskNormally() throws Exception {
    String task = task("life-stop", "full-load");
    try (Connection lock = source.connect(); Statement statement = lock.createStatement()) {
      // Holding the table locked keeps the load waiting, so the task is surely running when stopped.
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE app.items IN ACCESS EXCLUSIVE MODE");
      start(task, "start-replication");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> status(task).equals("running"));
      assertThat(server.dms("stop-replication-task", "--replication-task-arn", task).json()
          .at("/ReplicationTask/Status").asText()).isEqualTo("stopping");
      lock.rollback();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> status(task).equals("stopped"));
    assertThat(describe(task).get("StopReason").asText()).isEqualTo("Stop Reason NORMAL");
  }

  @Test
  void resumesATaskThatWasRunningWhenTheServerDied() {
    String task = task("life-resume", "full-load");
    start(task, "start-replication");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> status(task).equals("stopped"));
    server.stopServer();
    // What a killed server leaves behind: the store still says running.
    try (MetadataStore store = MetadataStore.open(StoreLocation.h2File(server.dataDir()))) {
      StoredResource stored = store.find(task).orElseThrow();
      ObjectNode body = stored.body().deepCopy().put("Status", "running");
      store.update(stored.withBody(body));
      assertThat(store.list(ResourceKind.TASK)).isNotEmpty();
    }
    server.startAgain();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> status(task).equals("stopped"));
    assertThat(describe(task).get("StopReason").asText()).isEqualTo("Stop Reason FULL_LOAD_ONLY_FINISHED");
    assertThat(server.dms("describe-events", "--source-identifier", "life-resume", "--source-type",
        "replication-task").json().get("Events").findValuesAsText("Message"))
        .anyMatch(m -> m.contains("resume-processing"));
    JsonNode tables = server.dms("describe-table-statistics", "--replication-task-arn", task).json()
        .get("TableStatistics");
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("TableState").asText()).isEqualTo("Table completed");
  }

  @Test
  void describeTableStatisticsReportsEachTablesValidation() {
    String task = task("life-valid", "full-load", ",\"ValidationSettings\":{\"EnableValidation\":true}");
    start(task, "start-replication");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> status(task).equals("stopped"));
    JsonNode table = server.dms("describe-table-statistics", "--replication-task-arn", task).json()
        .get("TableStatistics").get(0);
    assertThat(table.get("ValidationState").asText()).isEqualTo("Validated");
    assertThat(table.get("ValidationFailedRecords").asLong()).isZero();
    assertThat(table.get("ValidationPendingRecords").asLong()).isZero();
  }

  private static String endpoint(String identifier, String type, String database) {
    return server.dms("create-endpoint", "--endpoint-identifier", identifier, "--endpoint-type", type,
        "--engine-name", "postgres", "--server-name", TestingPostgres.HOST, "--port",
        String.valueOf(TestingPostgres.PORT), "--database-name", database, "--username",
        TestingPostgres.USER).json().at("/Endpoint/EndpointArn").asText();
  }

  private static String task(String identifier, String migrationType) {
    return task(identifier, migrationType, "");
  }

  /** @param moreSettings further sections of the task settings, each after a comma */
  private static String task(String identifier, String migrationType, String moreSettings) {
    return server.dms("create-replication-task", "--replication-task-identifier", identifier,
        "--source-endpoint-arn", sourceArn, "--target-endpoint-arn", targetArn, "--replication-instance-arn",
        instanceArn, "--migration-type", migrationType, "--table-mappings", MAPPINGS,
        "--replication-task-settings", "{\"TargetMetadata\":{\"TargetSchema\":\"" + identifier.replace("-", "_") + "\"}" + moreSettings + "}")
        .json().at("/ReplicationTask/ReplicationTaskArn").asText();
  }

  private static void start(String task, String type) {
    assertThat(server.dms("start-replication-task", "--replication-task-arn", task,
        "--start-replication-task-type", type).exitCode()).isZero();
  }

  private static String status(String task) {
    return describe(task).get("Status").asText();
  }

  private static JsonNode describe(String task) {
    return server.dms("describe-replication-tasks", "--without-settings", "--filters",
        "Name=replication-task-arn,Values=" + task).json().get("ReplicationTasks").get(0);
  }
}
