package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingPostgres;
import java.util.ArrayList;
import java.util.List;

/** The AWS CLI calls the task integration tests share, against one {@link TestServer}. */
final class DmsCalls {
  /** Selects every table of one schema. */
  static String mappings(String schema) {
    return "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"1\","
        + "\"object-locator\":{\"schema-name\":\"" + schema + "\",\"table-name\":\"%\"},"
        + "\"rule-action\":\"include\"}]}";
  }

  private final TestServer server;

  DmsCalls(TestServer server) {
    this.server = server;
  }

  String instance(String identifier) {
    return server.dms("create-replication-instance", "--replication-instance-identifier", identifier,
        "--replication-instance-class", "dms.t3.micro").json()
        .at("/ReplicationInstance/ReplicationInstanceArn").asText();
  }

  String postgresEndpoint(String identifier, String type, String database) {
    return server.dms("create-endpoint", "--endpoint-identifier", identifier, "--endpoint-type", type,
        "--engine-name", "postgres", "--server-name", TestingPostgres.HOST, "--port",
        String.valueOf(TestingPostgres.PORT), "--database-name", database, "--username",
        TestingPostgres.USER).json().at("/Endpoint/EndpointArn").asText();
  }

  /** Creates a task; {@code settings} may be null for DMS's defaults. */
  String task(String identifier, String migrationType, String instanceArn, String sourceArn,
      String targetArn, String mappings, String settings) {
    List<String> args = new ArrayList<>(List.of("create-replication-task",
        "--replication-task-identifier", identifier, "--source-endpoint-arn", sourceArn,
        "--target-endpoint-arn", targetArn, "--replication-instance-arn", instanceArn,
        "--migration-type", migrationType, "--table-mappings", mappings));
    if (settings != null) {
      args.addAll(List.of("--replication-task-settings", settings));
    }
    return server.dms(args.toArray(String[]::new)).json().at("/ReplicationTask/ReplicationTaskArn").asText();
  }

  void start(String task, String type) {
    assertThat(server.dms("start-replication-task", "--replication-task-arn", task,
        "--start-replication-task-type", type).exitCode()).isZero();
  }

  JsonNode describe(String task) {
    return server.dms("describe-replication-tasks", "--without-settings", "--filters",
        "Name=replication-task-arn,Values=" + task).json().get("ReplicationTasks").get(0);
  }

  String status(String task) {
    return describe(task).get("Status").asText();
  }

  /** The task's TableStatistics, all of them. */
  JsonNode tables(String task) {
    return server.dms("describe-table-statistics", "--replication-task-arn", task).json().get("TableStatistics");
  }
}
