package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Modify calls, pagination by Marker and filters, through the AWS CLI. */
class ResourcesIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pagesThroughEndpointsWithMarkersAndFilters() {
    for (int i = 0; i < 25; i++) {
      server.dms("create-endpoint", "--endpoint-identifier", "page-" + i, "--endpoint-type",
          i % 2 == 0 ? "source" : "target", "--engine-name", i % 5 == 0 ? "mysql" : "postgres").json();
    }
    // Other tests of this class may have made endpoints too: count them all first.
    int total = server.dms("describe-endpoints", "--page-size", "20").json().get("Endpoints").size();
    assertThat(total).isBetween(25, 39);
    JsonNode first = server.dms("describe-endpoints", "--no-paginate", "--max-records", "20").json();
    assertThat(first.get("Endpoints")).hasSize(20);
    String marker = first.get("Marker").asText();
    JsonNode second = server.dms("describe-endpoints", "--no-paginate", "--max-records", "20", "--marker", marker).json();
    assertThat(second.get("Endpoints")).hasSize(total - 20);
    assertThat(second.has("Marker")).isFalse();
    Set<String> seen = new HashSet<>(first.get("Endpoints").findValuesAsText("EndpointIdentifier"));
    seen.addAll(second.get("Endpoints").findValuesAsText("EndpointIdentifier"));
    assertThat(seen).hasSize(total);

    JsonNode mysqlTargets = server.dms("describe-endpoints", "--filters", "Name=engine-name,Values=mysql",
        "Name=endpoint-type,Values=target").json().get("Endpoints");
    assertThat(mysqlTargets.findValuesAsText("EndpointIdentifier")).containsExactlyInAnyOrder("page-5", "page-15");
  }

  @Test
  void modifiesEndpointsMergingOrReplacingSettings() {
    String arn = server.dms("create-endpoint", "--endpoint-identifier", "mod-ep", "--endpoint-type", "source",
        "--engine-name", "postgres", "--server-name", "db1", "--port", "5432", "--password", "first",
        "--postgre-sql-settings", "{\"SlotName\":\"s1\",\"ExecuteTimeout\":30}").json()
        .at("/Endpoint/EndpointArn").asText();
    JsonNode merged = server.dms("modify-endpoint", "--endpoint-arn", arn, "--port", "6432", "--password",
        "second", "--postgre-sql-settings", "{\"HeartbeatEnable\":true}").json().get("Endpoint");
    assertThat(merged.get("Port").asInt()).isEqualTo(6432);
    assertThat(merged.at("/PostgreSQLSettings/SlotName").asText()).isEqualTo("s1");
    assertThat(merged.at("/PostgreSQLSettings/HeartbeatEnable").asBoolean()).isTrue();
    JsonNode exact = server.dms("modify-endpoint", "--endpoint-arn", arn, "--exact-settings",
        "--postgre-sql-settings", "{\"HeartbeatEnable\":false}").json().get("Endpoint");
    assertThat(exact.get("PostgreSQLSettings").has("SlotName")).isFalse();
    assertThat(server.dms("describe-endpoints").stdout()).doesNotContain("second").doesNotContain("first");
  }

  @Test
  void modifiesInstancesAndTasks() {
    String instance = server.dms("create-replication-instance", "--replication-instance-identifier", "mod-ri",
        "--replication-instance-class", "dms.t3.small").json().at("/ReplicationInstance/ReplicationInstanceArn").asText();
    assertThat(server.dms("modify-replication-instance", "--replication-instance-arn", instance,
        "--replication-instance-class", "dms.c5.xlarge", "--apply-immediately").json()
        .at("/ReplicationInstance/ReplicationInstanceClass").asText()).isEqualTo("dms.c5.xlarge");
    String source = server.dms("create-endpoint", "--endpoint-identifier", "mod-src", "--endpoint-type", "source",
        "--engine-name", "postgres").json().at("/Endpoint/EndpointArn").asText();
    String target = server.dms("create-endpoint", "--endpoint-identifier", "mod-tgt", "--endpoint-type", "target",
        "--engine-name", "postgres").json().at("/Endpoint/EndpointArn").asText();
    String mappings = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"1\","
        + "\"object-locator\":{\"schema-name\":\"%\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}";
    String task = server.dms("create-replication-task", "--replication-task-identifier", "mod-task",
        "--source-endpoint-arn", source, "--target-endpoint-arn", target, "--replication-instance-arn", instance,
        "--migration-type", "full-load", "--table-mappings", mappings).json()
        .at("/ReplicationTask/ReplicationTaskArn").asText();
    JsonNode modified = server.dms("modify-replication-task", "--replication-task-arn", task,
        "--replication-task-identifier", "mod-task-2", "--replication-task-settings",
        "{\"FullLoadSettings\":{\"TargetTablePrepMode\":\"TRUNCATE_BEFORE_LOAD\"}}").json().get("ReplicationTask");
    assertThat(modified.get("ReplicationTaskIdentifier").asText()).isEqualTo("mod-task-2");
    assertThat(modified.get("ReplicationTaskSettings").asText()).contains("TRUNCATE_BEFORE_LOAD")
        .contains("\"MaxFullLoadSubTasks\":8");
    assertThat(server.dms("describe-replication-tasks", "--filters", "Name=endpoint-arn,Values=" + target)
        .json().get("ReplicationTasks").findValuesAsText("ReplicationTaskIdentifier")).containsExactly("mod-task-2");
    assertThat(server.dms("list-tags-for-resource", "--resource-arn", task).json().get("TagList")).isEmpty();
  }
}
