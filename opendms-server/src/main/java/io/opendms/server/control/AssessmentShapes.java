package io.opendms.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.Json;
import io.opendms.server.store.AssessmentStore.StoredRun;
import io.opendms.spi.assess.CheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The DMS shapes of assessment runs, individual assessments and results. Stateless. */
public final class AssessmentShapes {
  private AssessmentShapes() {}

  /**
   * One check's result as JSON: OpenDMS's detail that DMS would write to S3, also what
   * {@code opendms assess --json} prints.
   */
  public static ObjectNode detail(CheckResult result) {
    ObjectNode node = Json.object();
    node.put("Name", result.name());
    node.put("Status", result.status().dmsName());
    node.put("Message", result.message());
    result.objects().forEach(node.putArray("Objects")::add);
    node.put("Fix", result.fix());
    return node;
  }

  /** The stored form: the detail and when the check finished. */
  static ObjectNode result(CheckResult result, Instant finished) {
    ObjectNode node = detail(result);
    node.set("Time", Json.timestamp(finished));
    return node;
  }

  /** The run as DescribeReplicationTaskAssessmentRuns shows it. */
  static ObjectNode run(StoredRun run, String latestArnOfTask) {
    ObjectNode body = run.body().deepCopy();
    body.remove(List.of("IncludeOnly", "Exclude"));
    List<JsonNode> visible = visible(run);
    boolean finished = !Set.of("starting", "running").contains(body.path("Status").asText());
    body.putObject("AssessmentProgress")
        .put("IndividualAssessmentCount", visible.size())
        .put("IndividualAssessmentCompletedCount", visible.size());
    ObjectNode statistics = body.putObject("ResultStatistic");
    for (String status : List.of("Passed", "Failed", "Error", "Warning", "Cancelled", "Skipped")) {
      statistics.put(status, visible.stream()
          .filter(r -> r.path("Status").asText().equalsIgnoreCase(status)).count());
    }
    body.put("IsLatestTaskAssessmentRun", run.arn().equals(latestArnOfTask));
    if (!finished) {
      body.remove("ResultStatistic");
    }
    return body;
  }

  /** One ReplicationTaskIndividualAssessment per visible result, with OpenDMS's detail. */
  static List<ObjectNode> individuals(StoredRun run) {
    var individuals = new ArrayList<ObjectNode>();
    String prefix = run.arn().replace(":assessment-run:", ":individual-assessment:");
    int index = 0;
    for (JsonNode result : visible(run)) {
      index++;
      ObjectNode node = Json.object();
      node.put("ReplicationTaskIndividualAssessmentArn", prefix + "-" + index);
      node.put("ReplicationTaskAssessmentRunArn", run.arn());
      node.put("IndividualAssessmentName", result.path("Name").asText());
      node.put("Status", result.path("Status").asText());
      node.set("ReplicationTaskIndividualAssessmentStartDate", result.path("Time"));
      individuals.add(node);
    }
    return individuals;
  }

  /** The older DescribeReplicationTaskAssessmentResults item; the results inline as a string. */
  static ObjectNode result(StoredRun run, String taskIdentifier) {
    ObjectNode node = Json.object();
    node.put("ReplicationTaskIdentifier", taskIdentifier);
    node.put("ReplicationTaskArn", run.taskArn());
    node.set("ReplicationTaskLastAssessmentDate",
        run.body().path("ReplicationTaskAssessmentRunCreationDate"));
    node.put("AssessmentStatus", run.body().path("Status").asText());
    String folder = run.body().path("ResultLocationFolder").asText("");
    node.put("AssessmentResultsFile", (folder.isEmpty() ? "" : folder + "/")
        + run.body().path("AssessmentRunName").asText() + "/results.json");
    ObjectNode document = Json.object();
    document.put("Status", run.body().path("Status").asText());
    visible(run).forEach(document.putArray("Results")::add);
    node.put("AssessmentResults", document.toString());
    return node;
  }

  /** IncludeOnly and Exclude name individual assessments; the checks run, the view filters. */
  private static List<JsonNode> visible(StoredRun run) {
    Set<String> only = names(run.body().path("IncludeOnly"));
    Set<String> excluded = names(run.body().path("Exclude"));
    var visible = new ArrayList<JsonNode>();
    for (JsonNode result : run.results()) {
      String name = result.path("Name").asText();
      if ((only.isEmpty() || only.contains(name)) && !excluded.contains(name)) {
        visible.add(result);
      }
    }
    return visible;
  }

  private static Set<String> names(JsonNode list) {
    var names = new HashSet<String>();
    list.forEach(n -> names.add(n.asText()));
    return names;
  }
}
