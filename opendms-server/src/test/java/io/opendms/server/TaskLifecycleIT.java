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
  private static TestServer server;
  private static DmsCalls calls;
  private static TestingPostgres source;
  private static TestingPostgres target;
  private static String instanceArn;
  private static String sourceArn;
  private static String targetArn;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    calls = new DmsCalls(server);
    source = TestingPostgres.create("life_src");
    target = TestingPostgres.create("life_tgt");
    source.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id int PRIMARY KEY, v text)",
        "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 2000) g");
    instanceArn = calls.instance("life");
    sourceArn = calls.postgresEndpoint("life-src", "source", source.database());
    targetArn = calls.postgresEndpoint("life-tgt", "target", target.database());
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
    JsonNode tables = calls.tables(task);
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
    JsonNode tables = calls.tables(task);
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("TableState").asText()).isEqualTo("Table completed");
  }

  private static String task(String identifier, String migrationType) {
    return calls.task(identifier, migrationType, instanceArn, sourceArn, targetArn, DmsCalls.mappings("app"),
        "{\"TargetMetadata\":{\"TargetSchema\":\"" + identifier.replace("-", "_") + "\"}}");
  }

  private static void start(String task, String type) {
    calls.start(task, type);
  }

  private static String status(String task) {
    return calls.status(task);
  }

  private static JsonNode describe(String task) {
    return calls.describe(task);
  }
}
