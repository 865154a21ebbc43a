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
  private static PostgresTaskFixture fixture;
  private static DmsCalls calls;

  @BeforeAll
  static void start() {
    fixture = new PostgresTaskFixture("life", "CREATE SCHEMA app",
        "CREATE TABLE app.items (id int PRIMARY KEY, v text)", "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 2000) g");
    calls = fixture.calls;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aCdcTaskReplicatesChangesStopsAndItsDeletionDropsTheSlot() throws Exception {
    String task = task("life-cdc", "full-load-and-cdc");
    calls.start(task, "start-replication");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> tableState(task).equals("Table completed"));
    assertThat(calls.status(task)).isEqualTo("running");

    fixture.source.execute("INSERT INTO app.items VALUES (100001, 'after the load')",
        "UPDATE app.items SET v = 'changed' WHERE id = 1", "DELETE FROM app.items WHERE id = 2");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> targetCount("WHERE id = 100001 OR (id = 1 AND v = 'changed')") == 2
            && targetCount("WHERE id = 2") == 0);

    fixture.server.dms("stop-replication-task", "--replication-task-arn", task);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> calls.status(task).equals("stopped"));
    assertThat(calls.describe(task).get("StopReason").asText()).isEqualTo("Stop Reason NORMAL");
    assertThat(slotsOnSource()).isPositive();

    assertThat(fixture.server.dms("delete-replication-task", "--replication-task-arn", task).exitCode()).isZero();
    assertThat(slotsOnSource()).isZero();
  }

  private static String tableState(String task) {
    JsonNode tables = calls.tables(task);
    return tables.isEmpty() ? "" : tables.get(0).get("TableState").asText();
  }

  private static long targetCount(String where) throws Exception {
    try (Connection c = fixture.target.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM life_cdc.items " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long slotsOnSource() throws Exception {
    try (Connection c = fixture.source.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void stopsARunningTaskNormally() throws Exception {
    String task = task("life-stop", "full-load");
    try (Connection lock = fixture.source.connect(); Statement statement = lock.createStatement()) {
      // Holding the table locked keeps the load waiting, so the task is surely running when stopped.
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE app.items IN ACCESS EXCLUSIVE MODE");
      calls.start(task, "start-replication");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> calls.status(task).equals("running"));
      assertThat(fixture.server.dms("stop-replication-task", "--replication-task-arn", task).json()
          .at("/ReplicationTask/Status").asText()).isEqualTo("stopping");
      lock.rollback();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> calls.status(task).equals("stopped"));
    assertThat(calls.describe(task).get("StopReason").asText()).isEqualTo("Stop Reason NORMAL");
  }

  @Test
  void resumesATaskThatWasRunningWhenTheServerDied() {
    String task = task("life-resume", "full-load");
    calls.start(task, "start-replication");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> calls.status(task).equals("stopped"));
    fixture.server.stopServer();
    // What a killed server leaves behind: the store still says running.
    try (MetadataStore store = MetadataStore.open(StoreLocation.h2File(fixture.server.dataDir()))) {
      StoredResource stored = store.find(task).orElseThrow();
      ObjectNode body = stored.body().deepCopy().put("Status", "running");
      store.update(stored.withBody(body));
      assertThat(store.list(ResourceKind.TASK)).isNotEmpty();
    }
    fixture.server.startAgain();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> calls.status(task).equals("stopped"));
    assertThat(calls.describe(task).get("StopReason").asText()).isEqualTo("Stop Reason FULL_LOAD_ONLY_FINISHED");
    assertThat(fixture.server.dms("describe-events", "--source-identifier", "life-resume", "--source-type",
        "replication-task").json().get("Events").findValuesAsText("Message"))
        .anyMatch(m -> m.contains("resume-processing"));
    JsonNode tables = calls.tables(task);
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("TableState").asText()).isEqualTo("Table completed");
  }

  @Test
  void describeTableStatisticsReportsEachTablesValidation() {
    String task = task("life-valid", "full-load", ",\"ValidationSettings\":{\"EnableValidation\":true}");
    calls.start(task, "start-replication");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> calls.status(task).equals("stopped"));
    JsonNode table = calls.tables(task).get(0);
    assertThat(table.get("ValidationState").asText()).isEqualTo("Validated");
    assertThat(table.get("ValidationFailedRecords").asLong()).isZero();
    assertThat(table.get("ValidationPendingRecords").asLong()).isZero();
  }

  private static String task(String identifier, String migrationType) {
    return task(identifier, migrationType, "");
  }

  /** @param moreSettings further sections of the task settings, each after a comma */
  private static String task(String identifier, String migrationType, String moreSettings) {
    return fixture.task(identifier, migrationType, DmsCalls.mappings("app"),
        "{\"TargetMetadata\":{\"TargetSchema\":\"" + identifier.replace("-", "_") + "\"}"
            + moreSettings + "}");
  }
}
