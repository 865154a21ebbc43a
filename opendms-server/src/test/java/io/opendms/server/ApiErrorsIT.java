package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.server.SignedHttp.Reply;
import io.opendms.server.TestServer.CliResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input and bad signatures get the DMS or AWS error a client expects, the message names
 * the field, and the server keeps serving.
 */
class ApiErrorsIT {
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
  void protocolErrorsNameTheProblemAndTheServerKeepsServing() {
    int port = server.port();
    assertError(SignedHttp.call(port, "LaunchRocket", "{}"), "UnknownOperationException", "LaunchRocket");
    assertError(SignedHttp.call(port, "DescribeEndpoints", "{\"Filters\": [}"), "SerializationException", "JSON");
    assertError(SignedHttp.call(port, "CreateEndpoint", "{\"EndpointType\":\"source\",\"EngineName\":\"postgres\"}"),
        "InvalidParameterValueException", "EndpointIdentifier");
    assertError(SignedHttp.call(port, "CreateEndpoint", "{\"EndpointIdentifier\":\"e1\",\"EndpointType\":"
        + "\"source\",\"EngineName\":\"postgres\",\"Port\":\"5432\"}"), "InvalidParameterValueException", "Port");
    assertError(SignedHttp.call(port, "DescribeEndpoints", "{\"MaxRecords\": 5}"),
        "InvalidParameterValueException", "MaxRecords");
    assertError(SignedHttp.call(port, "DescribeEndpoints", "{\"Filters\":[{\"Name\":\"colour\",\"Values\":[\"x\"]}]}"),
        "InvalidParameterValueException", "colour");
    String huge = "{\"TaskData\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    Reply tooLarge = SignedHttp.call(port, "DescribeEndpoints", huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.type()).isEqualTo("RequestEntityTooLargeException");
    assertThat(SignedHttp.call(port, "DescribeAccountAttributes", "{}").status()).isEqualTo(200);
  }

  @Test
  void tamperedStaleAndUnsignedRequestsAreRefused() {
    int port = server.port();
    String body = "{\"EndpointIdentifier\":\"tamper\",\"EndpointType\":\"source\",\"EngineName\":\"postgres\"}";
    String tampered = body.replace("tamper", "evil-1");
    assertError(SignedHttp.call(port, "CreateEndpoint", body, tampered, TestServer.SECRET, Instant.now()),
        "InvalidSignatureException", "signature we calculated does not match");
    assertError(SignedHttp.call(port, "CreateEndpoint", body, body, "not-the-secret", Instant.now()),
        "InvalidSignatureException", "does not match");
    assertError(SignedHttp.call(port, "CreateEndpoint", body, body, TestServer.SECRET,
        Instant.now().minus(Duration.ofMinutes(20))), "InvalidSignatureException", "Signature expired");
    Reply unsigned = SignedHttp.unsigned(port, "AmazonDMSv20160101.DescribeEndpoints", "{}");
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.type()).isEqualTo("MissingAuthenticationTokenException");
    assertThat(SignedHttp.call(port, "DescribeEndpoints", "{}").status()).isEqualTo(200);
    assertThat(server.dms("describe-endpoints").stdout()).doesNotContain("evil-1");

    CliResult wrongSecret = server.aws("wrong-secret", "describe-endpoints");
    assertThat(wrongSecret.exitCode()).isEqualTo(254);
    assertThat(wrongSecret.stderr()).contains("InvalidSignatureException");
  }

  @Test
  void invalidResourcesGetDmsFaultsThroughTheCli() {
    assertCli(server.dms("create-endpoint", "--endpoint-identifier", "1-starts-with-digit",
        "--endpoint-type", "source", "--engine-name", "postgres"), "InvalidParameterValueException", "identifier");
    assertCli(server.dms("create-endpoint", "--endpoint-identifier", "double--hyphen",
        "--endpoint-type", "source", "--engine-name", "postgres"), "InvalidParameterValueException", "hyphen");
    assertCli(server.dms("create-endpoint", "--endpoint-identifier", "bad-tag", "--endpoint-type", "source",
        "--engine-name", "postgres", "--tags", "Key=aws:owner,Value=x"), "InvalidParameterValueException", "aws:");
    assertThat(server.dms("describe-endpoints").stdout()).doesNotContain("bad-tag");
    assertCli(server.dms("create-endpoint", "--endpoint-identifier", "odd-engine",
        "--endpoint-type", "source", "--engine-name", "cobol-db"), "InvalidParameterValueException", "EngineName");
    String sourceArn = server.dms("create-endpoint", "--endpoint-identifier", "err-src", "--endpoint-type",
        "source", "--engine-name", "postgres", "--server-name", "127.0.0.1", "--port", "5432",
        "--database-name", "postgres", "--username", "postgres").json().at("/Endpoint/EndpointArn").asText();
    assertCli(server.dms("create-endpoint", "--endpoint-identifier", "err-src", "--endpoint-type",
        "source", "--engine-name", "postgres"), "ResourceAlreadyExistsFault", "err-src");
    String targetArn = server.dms("create-endpoint", "--endpoint-identifier", "err-tgt", "--endpoint-type",
        "target", "--engine-name", "postgres", "--server-name", "127.0.0.1", "--port", "5432",
        "--database-name", "postgres", "--username", "postgres").json().at("/Endpoint/EndpointArn").asText();
    String instanceArn = server.dms("create-replication-instance", "--replication-instance-identifier", "err-ri",
        "--replication-instance-class", "dms.t3.small").json().at("/ReplicationInstance/ReplicationInstanceArn").asText();

    String[] task = {"create-replication-task", "--replication-task-identifier", "err-task",
        "--source-endpoint-arn", sourceArn, "--target-endpoint-arn", targetArn,
        "--replication-instance-arn", instanceArn, "--migration-type", "full-load", "--table-mappings"};
    assertCli(server.dms(concat(task, "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"7\","
        + "\"rule-name\":\"x\",\"rule-action\":\"include\"}]}")), "InvalidParameterValueException", "7");
    assertCli(server.dms(concat(task, "not json")), "InvalidParameterValueException", "Table Mappings");
    String mappings = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"1\","
        + "\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"%\"},\"rule-action\":\"include\"}]}";
    assertCli(server.dms(concat(task, mappings, "--replication-task-settings",
        "{\"FullLoadSettings\":{\"MaxFullLoadSubTasks\":\"many\"}}")), "InvalidParameterValueException", "MaxFullLoadSubTasks");
    assertCli(server.dms("create-replication-task", "--replication-task-identifier", "err-roles",
        "--source-endpoint-arn", targetArn, "--target-endpoint-arn", sourceArn, "--replication-instance-arn",
        instanceArn, "--migration-type", "full-load", "--table-mappings", mappings),
        "InvalidParameterValueException", "not a source endpoint");
    String taskArn = server.dms(concat(task, mappings)).json().at("/ReplicationTask/ReplicationTaskArn").asText();
    String badTransformation = mappings.replace("]}", ",{\"rule-type\":\"transformation\","
        + "\"rule-id\":\"8\",\"rule-name\":\"t\",\"rule-action\":\"remove-column\","
        + "\"rule-target\":\"table\",\"object-locator\":{\"schema-name\":\"public\","
        + "\"table-name\":\"t\"}}]}");
    assertCli(server.dms(concat(task, badTransformation)), "InvalidParameterValueException",
        "Invalid Table Mappings document: rule-id 8: rule-target must be column for remove-column");
    assertCli(server.dms("modify-replication-task", "--replication-task-arn", taskArn,
        "--table-mappings", badTransformation), "InvalidParameterValueException",
        "rule-id 8: rule-target must be column for remove-column");

    assertCli(server.dms("start-replication-task", "--replication-task-arn", taskArn,
        "--start-replication-task-type", "resume-processing"), "InvalidResourceStateFault", "start-replication");
    assertCli(server.dms("stop-replication-task", "--replication-task-arn", taskArn),
        "InvalidResourceStateFault", "not running");
    assertCli(server.dms("delete-endpoint", "--endpoint-arn", sourceArn), "InvalidResourceStateFault", "tasks");
    assertCli(server.dms("delete-replication-instance", "--replication-instance-arn", instanceArn),
        "InvalidResourceStateFault", "tasks");
    assertCli(server.dms("describe-table-statistics", "--replication-task-arn", taskArn.replace("task:", "task:X")),
        "ResourceNotFoundFault", "not found");
    assertCli(server.dms("describe-replication-tasks", "--filters", "Name=replication-task-id,Values=nope"),
        "ResourceNotFoundFault", "No replication task");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static void assertError(Reply reply, String type, String messagePart) {
    assertThat(reply.type()).as(reply.body().toString()).isEqualTo(type);
    assertThat(reply.status()).isBetween(400, 499);
    assertThat(reply.message()).contains(messagePart);
  }

  private static void assertCli(CliResult result, String fault, String messagePart) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(254);
    assertThat(result.stderr()).contains("(" + fault + ")").contains(messagePart);
  }
}
