package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.dms.Json;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Premigration assessment runs through the real AWS CLI: start a run on a task whose source has
 * a keyless table under CDC and an empty table, wait for it, read the individual assessments and
 * the results, then cancel (refused once finished) and delete.
 */
class AssessmentRunIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"all\",\"object-locator\":{\"schema-name\":\"public\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";
  private static final Set<String> GOING = Set.of("starting", "provisioning", "running");

  private static ServerWithDatabases env;
  private static TestServer server;

  @BeforeAll
  static void start() {
    env = ServerWithDatabases.start("assess_api");
    server = env.server;
    env.source.execute("CREATE TABLE keyless (a int, b text)", "INSERT INTO keyless VALUES (1, 'x')",
        "CREATE TABLE empty_t (id int PRIMARY KEY)");
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @Test
  void runsTheAssessmentAndReportsEachCheckThroughTheAwsCli() throws Exception {
    String taskArn = task("report");
    JsonNode started = start(taskArn, "before-cutover");
    String runArn = started.get("ReplicationTaskAssessmentRunArn").asText();
    assertThat(runArn).matches("arn:aws:dms:us-east-1:123456789012:assessment-run:[A-Z2-7]{26}");
    assertThat(started.get("ResultLocationBucket").asText()).isEqualTo("assessments");

    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .until(() -> !GOING.contains(run(runArn).get("Status").asText()));
    JsonNode run = run(runArn);
    assertThat(run.get("Status").asText()).isEqualTo("failed");
    // the CLI's model (2.9) predates IsLatestTaskAssessmentRun and ResultStatistic, and drops them
    assertThat(run.at("/AssessmentProgress/IndividualAssessmentCompletedCount").asInt())
        .isEqualTo(run.at("/AssessmentProgress/IndividualAssessmentCount").asInt()).isPositive();

    JsonNode failed = server.dms("describe-replication-task-individual-assessments", "--filters",
        "Name=replication-task-assessment-run-arn,Values=" + runArn, "Name=status,Values=failed")
        .json().get("ReplicationTaskIndividualAssessments");
    assertThat(failed.findValuesAsText("IndividualAssessmentName")).containsExactly("postgres-check-pk");
    JsonNode warned = server.dms("describe-replication-task-individual-assessments", "--filters",
        "Name=replication-task-arn,Values=" + taskArn, "Name=status,Values=warning")
        .json().get("ReplicationTaskIndividualAssessments");
    assertThat(warned.findValuesAsText("IndividualAssessmentName"))
        .containsExactly("opendms-check-empty-tables");

    JsonNode results = server.dms("describe-replication-task-assessment-results",
        "--replication-task-arn", taskArn, "--no-paginate").json();
    assertThat(results.get("BucketName").asText()).isEqualTo("assessments");
    JsonNode document = Json.MAPPER.readTree(
        results.at("/ReplicationTaskAssessmentResults/0/AssessmentResults").asText());
    assertThat(document.get("Results").findValuesAsText("Name"))
        .contains("postgres-check-wallevel", "opendms-check-empty-tables");
    assertThat(document.toString()).contains("public.keyless").contains("REPLICA IDENTITY FULL");

    TestServer.CliResult cancel = server.dms("cancel-replication-task-assessment-run",
        "--replication-task-assessment-run-arn", runArn);
    assertThat(cancel.exitCode()).isNotZero();
    assertThat(cancel.stderr()).contains("InvalidResourceStateFault");

    assertThat(server.dms("delete-replication-task-assessment-run",
        "--replication-task-assessment-run-arn", runArn).json()
        .at("/ReplicationTaskAssessmentRun/Status").asText()).isEqualTo("deleting");
    assertThat(server.dms("describe-replication-task-assessment-runs", "--filters",
        "Name=replication-task-arn,Values=" + taskArn).json()
        .get("ReplicationTaskAssessmentRuns")).isEmpty();
  }

  @Test
  void cancelsARunWhileItWaitsOnTheSource() throws Exception {
    String taskArn = task("cancel");
    String runArn;
    try (Connection lock = env.source.connect(); Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE keyless IN ACCESS EXCLUSIVE MODE"); // the checks must wait
      runArn = start(taskArn, "blocked").get("ReplicationTaskAssessmentRunArn").asText();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
          .until(() -> run(runArn).get("Status").asText().equals("running"));

      assertThat(server.dms("cancel-replication-task-assessment-run",
          "--replication-task-assessment-run-arn", runArn).json()
          .at("/ReplicationTaskAssessmentRun/Status").asText()).isEqualTo("cancelling");
      lock.rollback();
    }
    // the check that was waiting finishes, the run does not go on nor overwrite the status
    Thread.sleep(2000);
    assertThat(run(runArn).get("Status").asText()).isEqualTo("cancelling");
  }

  @Test
  void refusesAnUnknownTaskAndAnUnknownFilter() {
    TestServer.CliResult unknown = server.dms("start-replication-task-assessment-run",
        "--replication-task-arn", "arn:aws:dms:us-east-1:123456789012:task:NOSUCHTASK",
        "--assessment-run-name", "x", "--service-access-role-arn", "arn:aws:iam::1:role/r",
        "--result-location-bucket", "b");
    assertThat(unknown.stderr()).contains("ResourceNotFoundFault");
    assertThat(server.dms("describe-replication-task-assessment-runs", "--filters",
        "Name=colour,Values=red").stderr()).contains("InvalidParameterValue").contains("colour");
  }

  private static JsonNode start(String taskArn, String name) {
    return server.dms("start-replication-task-assessment-run",
        "--replication-task-arn", taskArn, "--assessment-run-name", name,
        "--service-access-role-arn", "arn:aws:iam::123456789012:role/dms-assess",
        "--result-location-bucket", "assessments").json().get("ReplicationTaskAssessmentRun");
  }

  private static JsonNode run(String runArn) {
    return server.dms("describe-replication-task-assessment-runs", "--filters",
        "Name=replication-task-assessment-run-arn,Values=" + runArn).json()
        .get("ReplicationTaskAssessmentRuns").get(0);
  }

  private static String task(String name) {
    String instanceArn = server.dms("create-replication-instance", "--replication-instance-identifier",
        name, "--replication-instance-class", "dms.t3.medium").json()
        .at("/ReplicationInstance/ReplicationInstanceArn").asText();
    String sourceArn = env.endpoint(name + "-src", "source", env.source);
    String targetArn = env.endpoint(name + "-tgt", "target", env.target);
    return server.dms("create-replication-task", "--replication-task-identifier", name,
        "--source-endpoint-arn", sourceArn, "--target-endpoint-arn", targetArn,
        "--replication-instance-arn", instanceArn, "--migration-type", "full-load-and-cdc",
        "--table-mappings", MAPPINGS).json().at("/ReplicationTask/ReplicationTaskArn").asText();
  }
}
