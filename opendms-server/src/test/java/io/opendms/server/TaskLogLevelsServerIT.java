package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server task's {@code Logging.LogComponents}, given with the DMS API, decide what the console
 * shows of its log: the full-load workers' DEBUG lines (threads the task started) appear for
 * TARGET_LOAD, no INFO of TASK_MANAGER does.
 */
class TaskLogLevelsServerIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";
  private static final String SETTINGS = "{\"Logging\":{\"LogComponents\":["
      + "{\"Id\":\"TARGET_LOAD\",\"Severity\":\"LOGGER_SEVERITY_DEBUG\"},"
      + "{\"Id\":\"TASK_MANAGER\",\"Severity\":\"LOGGER_SEVERITY_ERROR\"}]}}";

  @Test
  void theTasksComponentSeveritiesShapeTheLogTheConsoleShows() {
    try (ServerWithDatabases fixture = ServerWithDatabases.start("loglevels")) {
      TestServer server = fixture.server;
      fixture.source.execute("CREATE SCHEMA app",
          "CREATE TABLE app.items (id int PRIMARY KEY, v text)",
          "INSERT INTO app.items SELECT g, 'v' || g FROM generate_series(1, 500) g");
      String instance = server.dms("create-replication-instance", "--replication-instance-identifier",
          "loglevels", "--replication-instance-class", "dms.t3.micro").json()
          .at("/ReplicationInstance/ReplicationInstanceArn").asText();
      String task = server.dms("create-replication-task", "--replication-task-identifier", "levels",
          "--source-endpoint-arn", fixture.endpoint("levels-src", "source", fixture.source),
          "--target-endpoint-arn", fixture.endpoint("levels-tgt", "target", fixture.target),
          "--replication-instance-arn", instance, "--migration-type", "full-load",
          "--table-mappings", MAPPINGS, "--replication-task-settings", SETTINGS).json()
          .at("/ReplicationTask/ReplicationTaskArn").asText();
      assertThat(server.dms("start-replication-task", "--replication-task-arn", task,
          "--start-replication-task-type", "start-replication").exitCode()).isZero();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> fixture.status(task).equals("stopped"));

      var console = new ConsoleClient(server.url());
      assertThat(console.signIn(TestServer.KEY_ID, TestServer.SECRET).status()).isEqualTo(200);
      JsonNode entries = console.get("tasks/log?arn=" + task).body().get("Entries");
      List<String> lines = new ArrayList<>();
      entries.forEach(e -> lines.add(e.get("Component").asText() + " " + e.get("Severity").asText()
          + " " + e.get("Message").asText()));
      assertThat(lines)
          .anyMatch(l -> l.startsWith("TARGET_LOAD D app.items") && l.endsWith("500 rows committed"))
          .anyMatch(l -> l.startsWith("TABLES_MANAGER I app.items: completed, 500 rows"))
          .noneMatch(l -> l.startsWith("TASK_MANAGER I") || l.startsWith("TASK_MANAGER W"));
    }
  }
}
