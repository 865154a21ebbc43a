package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.assess.AssessmentReport;
import io.opendms.engine.assess.PremigrationAssessment;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.AssessmentStore.StoredRun;
import io.opendms.server.store.AssessmentStore;
import io.opendms.server.store.StoredResource;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Premigration assessment runs: DMS's StartReplicationTaskAssessmentRun and friends. A run
 * executes the engine's checks on a background thread and keeps its results in the metadata
 * store (DMS writes them to the S3 bucket it is given; the bucket and role are accepted and
 * echoed but nothing is written there).
 */
public final class AssessmentService {
  private static final Set<String> RUN_FILTERS = Set.of("replication-task-assessment-run-arn",
      "replication-task-arn", "replication-instance-arn", "status");
  private static final Set<String> INDIVIDUAL_FILTERS =
      Set.of("replication-task-assessment-run-arn", "replication-task-arn", "status");
  private static final Set<String> FINISHED =
      Set.of("passed", "warning", "failed", "error-executing", "error-provisioning", "cancelling");

  private final ServerContext context;
  private final TaskService tasks;
  private final ExecutorService background;
  private final AssessmentStore store;
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

  AssessmentService(ServerContext context, TaskService tasks, ExecutorService background) {
    this.context = context;
    this.tasks = tasks;
    this.background = background;
    this.store = context.store().assessments();
    abandonInterruptedRuns();
  }

  public ObjectNode startRun(ApiRequest request) {
    StoredResource task = tasks.find(request.requiredString("ReplicationTaskArn"));
    String name = Identifiers.check("assessment run name",
        request.requiredString("AssessmentRunName"), 255);
    ObjectNode body = Json.object();
    body.put("ReplicationTaskAssessmentRunArn", Arns.create(context, "assessment-run"));
    body.put("ReplicationTaskArn", task.arn());
    body.put("Status", "starting");
    body.set("ReplicationTaskAssessmentRunCreationDate", Json.timestamp(context.clock().instant()));
    body.put("ServiceAccessRoleArn", request.requiredString("ServiceAccessRoleArn"));
    body.put("ResultLocationBucket", request.requiredString("ResultLocationBucket"));
    request.optionalString("ResultLocationFolder").ifPresent(f -> body.put("ResultLocationFolder", f));
    body.put("ResultEncryptionMode", request.optionalString("ResultEncryptionMode").orElse("SSE_S3"));
    request.optionalString("ResultKmsKeyArn").ifPresent(k -> body.put("ResultKmsKeyArn", k));
    body.put("AssessmentRunName", name);
    body.set("IncludeOnly", Json.MAPPER.valueToTree(request.stringList("IncludeOnly")));
    body.set("Exclude", Json.MAPPER.valueToTree(request.stringList("Exclude")));
    progress(body, 0, 0);
    return Json.object().set("ReplicationTaskAssessmentRun", launch(task, body));
  }

  /** The older StartReplicationTaskAssessment: a run without S3 settings, answered with the task. */
  public ObjectNode startLegacy(ApiRequest request) {
    StoredResource task = tasks.find(request.requiredString("ReplicationTaskArn"));
    ObjectNode body = Json.object();
    body.put("ReplicationTaskAssessmentRunArn", Arns.create(context, "assessment-run"));
    body.put("ReplicationTaskArn", task.arn());
    body.put("Status", "starting");
    body.set("ReplicationTaskAssessmentRunCreationDate", Json.timestamp(context.clock().instant()));
    body.put("AssessmentRunName", "legacy-" + Arns.randomName().toLowerCase(java.util.Locale.ROOT));
    progress(body, 0, 0);
    launch(task, body);
    return Json.object().set("ReplicationTask", task.body());
  }

  public ObjectNode describeRuns(ApiRequest request) {
    Filters filters = Filters.parse(request, RUN_FILTERS);
    var matching = new ArrayList<ObjectNode>();
    for (StoredRun run : store.list()) {
      ObjectNode body = presented(run);
      if (filters.matches(name -> switch (name) {
        case "replication-task-assessment-run-arn" -> run.arn();
        case "replication-task-arn" -> run.taskArn();
        case "replication-instance-arn" -> instanceOf(run.taskArn());
        default -> body.path("Status").asText();
      })) {
        matching.add(body);
      }
    }
    return Pages.result(matching, request, "ReplicationTaskAssessmentRuns", 100);
  }

  public ObjectNode describeIndividual(ApiRequest request) {
    Filters filters = Filters.parse(request, INDIVIDUAL_FILTERS);
    var matching = new ArrayList<ObjectNode>();
    for (StoredRun run : store.list()) {
      for (ObjectNode individual : AssessmentShapes.individuals(run)) {
        if (filters.matches(name -> switch (name) {
          case "replication-task-assessment-run-arn" -> run.arn();
          case "replication-task-arn" -> run.taskArn();
          default -> individual.path("Status").asText();
        })) {
          matching.add(individual);
        }
      }
    }
    return Pages.result(matching, request, "ReplicationTaskIndividualAssessments", 100);
  }

  /** The latest finished-or-not run of each task (or of the one asked for), results inline. */
  public ObjectNode describeResults(ApiRequest request) {
    Optional<String> taskArn = request.optionalString("ReplicationTaskArn");
    taskArn.ifPresent(tasks::find);
    var latest = new java.util.LinkedHashMap<String, StoredRun>();
    for (StoredRun run : store.list()) {
      if (taskArn.map(run.taskArn()::equals).orElse(true)) {
        latest.put(run.taskArn(), run);
      }
    }
    var items = new ArrayList<ObjectNode>();
    latest.values().forEach(run -> items.add(AssessmentShapes.result(run, identifierOf(run.taskArn()))));
    ObjectNode result = Pages.result(items, request, "ReplicationTaskAssessmentResults", 100);
    latest.values().stream().reduce((a, b) -> b)
        .ifPresent(run -> result.put("BucketName", run.body().path("ResultLocationBucket").asText("")));
    return result;
  }

  public ObjectNode cancelRun(ApiRequest request) {
    StoredRun run = find(request.requiredString("ReplicationTaskAssessmentRunArn"));
    String status = run.body().path("Status").asText();
    if (FINISHED.contains(status)) {
      throw DmsFault.invalidState("Assessment run " + run.arn() + " is " + status
          + " and cannot be cancelled");
    }
    ObjectNode body = run.body().deepCopy().put("Status", "cancelling");
    store.update(run.arn(), body, run.results());
    Future<?> future = running.remove(run.arn());
    if (future != null) {
      future.cancel(true);
    }
    return Json.object().set("ReplicationTaskAssessmentRun", presented(find(run.arn())));
  }

  public ObjectNode deleteRun(ApiRequest request) {
    StoredRun run = find(request.requiredString("ReplicationTaskAssessmentRunArn"));
    Future<?> future = running.remove(run.arn());
    if (future != null) {
      future.cancel(true);
    }
    store.delete(run.arn());
    ObjectNode body = presented(run).put("Status", "deleting");
    return Json.object().set("ReplicationTaskAssessmentRun", body);
  }

  private ObjectNode launch(StoredResource task, ObjectNode body) {
    TaskDefinition definition;
    try {
      definition = tasks.definition(task);
    } catch (OpenDmsException e) {
      throw DmsFault.invalidState("Replication task " + task.arn() + " cannot be assessed: "
          + e.getMessage());
    }
    String arn = body.path("ReplicationTaskAssessmentRunArn").asText();
    store.insert(new StoredRun(arn, task.arn(), body, Json.array(), context.clock().instant()));
    running.put(arn, background.submit(() -> execute(arn, definition)));
    return presented(find(arn));
  }

  /** On the background thread: runs the checks, storing each result as it finishes. */
  private void execute(String arn, TaskDefinition definition) {
    ArrayNode results = Json.array();
    try {
      update(arn, body -> body.put("Status", "running"), results);
      AssessmentReport report = new PremigrationAssessment(context.connectors())
          .run(definition, result -> {
            results.add(AssessmentShapes.result(result, context.clock().instant()));
            update(arn, body -> progress(body, results.size(), results.size()), results);
          });
      if (!Thread.currentThread().isInterrupted()) {
        update(arn, body -> body.put("Status", runStatus(report)), results);
      }
    } catch (RuntimeException e) {
      update(arn, body -> body.put("Status", "error-executing")
          .put("LastFailureMessage", String.valueOf(e.getMessage())), results);
    } finally {
      running.remove(arn);
    }
  }

  /** DMS: failed when one failed; warning when one warned or every check was skipped. */
  static String runStatus(AssessmentReport report) {
    if (report.count(CheckStatus.FAILED) > 0) {
      return "failed";
    }
    if (report.count(CheckStatus.ERROR) > 0) {
      return "error-executing";
    }
    boolean allSkipped = report.count(CheckStatus.SKIPPED) == report.results().size();
    return report.count(CheckStatus.WARNING) > 0 || allSkipped ? "warning" : "passed";
  }

  private void update(String arn, java.util.function.Consumer<ObjectNode> change, ArrayNode results) {
    store.find(arn).ifPresent(run -> {
      if (run.body().path("Status").asText().equals("cancelling")) {
        return; // a cancel won the race; keep its status
      }
      ObjectNode body = run.body().deepCopy();
      change.accept(body);
      store.update(arn, body, results.deepCopy());
    });
  }

  private static void progress(ObjectNode body, int count, int completed) {
    body.putObject("AssessmentProgress")
        .put("IndividualAssessmentCount", count)
        .put("IndividualAssessmentCompletedCount", completed);
  }

  /** The stored body with DMS's statistics and IncludeOnly/Exclude applied to the results. */
  private ObjectNode presented(StoredRun run) {
    return AssessmentShapes.run(run, latestArnOf(run.taskArn()));
  }

  private String latestArnOf(String taskArn) {
    return store.list().stream().filter(r -> r.taskArn().equals(taskArn))
        .reduce((a, b) -> b).map(StoredRun::arn).orElse("");
  }

  private String instanceOf(String taskArn) {
    return context.store().find(taskArn)
        .map(t -> t.body().path("ReplicationInstanceArn").asText()).orElse("");
  }

  private String identifierOf(String taskArn) {
    return context.store().find(taskArn).map(StoredResource::identifier).orElse("");
  }

  private StoredRun find(String arn) {
    return store.find(arn).orElseThrow(
        () -> DmsFault.notFound("Assessment run " + arn + " not found"));
  }

  /** A run that was going when the server stopped has no thread left to finish it. */
  private void abandonInterruptedRuns() {
    for (StoredRun run : store.list()) {
      if (!FINISHED.contains(run.body().path("Status").asText())) {
        store.update(run.arn(), run.body().deepCopy().put("Status", "error-executing")
            .put("LastFailureMessage", "the server stopped while the run was going"), run.results());
      }
    }
  }
}
