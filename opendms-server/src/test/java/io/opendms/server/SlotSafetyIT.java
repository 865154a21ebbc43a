package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replication slots through the API: the WAL a slot keeps is a task statistic with a warning
 * past its budget; a stopped task keeps its slot (to resume) and shows its recovery checkpoint;
 * a task that fails before storing any position leaves no slot behind.
 */
class SlotSafetyIT {
  private static PostgresTaskFixture fixture;
  private static DmsCalls calls;

  @BeforeAll
  static void start() {
    fixture = new PostgresTaskFixture("slots", "CREATE SCHEMA app",
        "CREATE TABLE app.items (id int PRIMARY KEY, v text)", "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 100) g");
    calls = fixture.calls;
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void reportsRetainedWalWarnsPastTheBudgetAndKeepsTheSlotOfAStoppedTask() throws Exception {
    String task = task("slot-budget", "full-load-and-cdc",
        "{\"TargetMetadata\":{\"TargetSchema\":\"budget\"},\"OpenDmsSettings\":{\"SlotRetainedWalWarningMb\":0}}");
    start(task);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> describe(task).at("/ReplicationTaskStats/TablesLoaded").asInt() == 1);
    fixture.source.execute("INSERT INTO app.items VALUES (1000, 'after the load')");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> describe(task).has("RecoveryCheckpoint"));
    // the AWS CLI drops members DMS does not have; a raw call sees OpenDMS's own statistic
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> SignedHttp.call(fixture.server.port(), "DescribeReplicationTasks",
                "{\"Filters\":[{\"Name\":\"replication-task-arn\",\"Values\":[\"" + task + "\"]}]}")
            .body().at("/ReplicationTasks/0/ReplicationTaskStats/OpenDmsSlotRetainedWalBytes").isIntegralNumber());
    assertThat(describe(task).get("RecoveryCheckpoint").asText())
        .matches("checkpoint:V1#1#[0-9A-F]+/[0-9A-F]+#0#0#\\*#0#0");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .until(() -> fixture.server.dms("describe-events", "--source-identifier", "slot-budget", "--source-type",
            "replication-task").json().get("Events").findValuesAsText("Message").stream()
            .anyMatch(m -> m.contains("over the budget of 0 MB")));

    fixture.server.dms("stop-replication-task", "--replication-task-arn", task);
    await().atMost(Duration.ofSeconds(60)).until(() -> describe(task).get("Status").asText().equals("stopped"));
    assertThat(slots(task)).as("a stopped CDC task keeps its slot to resume").isEqualTo(1);
    assertThat(describe(task).get("RecoveryCheckpoint").asText()).startsWith("checkpoint:V1#1#");
    fixture.server.dms("delete-replication-task", "--replication-task-arn", task);
    assertThat(slots(task)).isZero();
  }

  @Test
  void aTaskThatFailsBeforeStoringAPositionLeavesNoSlot() throws Exception {
    // PostgreSQL refuses schema names starting with pg_: the control table cannot be made
    String task = task("slot-fail", "cdc", "{\"ControlTablesSettings\":{\"ControlSchema\":\"pg_nope\"}}");
    start(task);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> describe(task).get("Status").asText().equals("failed"));
    assertThat(describe(task).get("LastFailureMessage").asText()).contains("pg_nope");
    assertThat(slots(task)).isZero();
    fixture.server.dms("delete-replication-task", "--replication-task-arn", task);
  }

  /** The task's slot, named after the task's resource name. */
  private static long slots(String taskArn) throws Exception {
    String slot = "opendms_task_" + taskArn.substring(taskArn.lastIndexOf(':') + 1).toLowerCase();
    try (Connection c = fixture.source.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String task(String identifier, String migrationType, String settings) {
    return fixture.task(identifier, migrationType, DmsCalls.mappings("app"), settings);
  }

  private static void start(String task) {
    calls.start(task, "start-replication");
  }

  private static JsonNode describe(String task) {
    return calls.describe(task);
  }
}
