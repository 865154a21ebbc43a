package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.CdcPositions;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.StartMode;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredResource;
import io.opendms.server.tasklog.TaskLogEntry;
import io.opendms.server.tasklog.TaskLogQuery;
import io.opendms.server.tasklog.TaskLogs;
import io.opendms.spi.error.OpenDmsException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Replication tasks: definition, validation of mappings and settings, start and stop. */
public final class TaskService {
  private static final Set<String> FILTERS = Set.of("replication-task-arn", "replication-task-id",
      "migration-type", "endpoint-arn", "replication-instance-arn");
  private static final Set<String> ACTIVE = Set.of("starting", "running", "stopping");
  /** OpenDMS's own ReplicationTaskStats member: bytes of WAL the task's slot keeps on the source. */
  public static final String RETAINED_WAL_STAT = "OpenDmsSlotRetainedWalBytes";

  private final ServerContext context;
  private final EndpointService endpoints;
  private final InstanceService instances;
  private final TaskRecords records;
  private final TaskRunner runner;
  private final Events events;
  private final TableReloads reloads;

  TaskService(ServerContext context, EndpointService endpoints, InstanceService instances,
      TaskRecords records, TaskRunner runner, Events events) {
    this.context = context;
    this.endpoints = endpoints;
    this.instances = instances;
    this.records = records;
    this.runner = runner;
    this.events = events;
    this.reloads = new TableReloads(context, runner, events);
  }

  public ObjectNode create(ApiRequest request) {
    String identifier = Identifiers.check("replication task identifier",
        request.requiredString("ReplicationTaskIdentifier"), 255);
    StoredResource source = endpoints.find(request.requiredString("SourceEndpointArn"));
    StoredResource target = endpoints.find(request.requiredString("TargetEndpointArn"));
    StoredResource instance = instances.find(request.requiredString("ReplicationInstanceArn"));
    MigrationType type = migrationType(request.requiredString("MigrationType"));
    String mappings = request.requiredString("TableMappings");
    checkRoles(source, target);
    parseMappings(mappings);
    String settings = settings(request.optionalString("ReplicationTaskSettings").orElse(null)).toJson();
    checkCdcStart(request);
    if (context.store().findByIdentifier(ResourceKind.TASK, identifier).isPresent()) {
      throw DmsFault.alreadyExists("Replication task " + identifier + " already exists");
    }
    String arn = Arns.create(context, ResourceKind.TASK, request.optionalString("ResourceIdentifier"));
    Instant now = context.clock().instant();
    ObjectNode body = Json.object();
    body.put("ReplicationTaskIdentifier", identifier);
    body.put("SourceEndpointArn", source.arn());
    body.put("TargetEndpointArn", target.arn());
    body.put("ReplicationInstanceArn", instance.arn());
    body.put("MigrationType", type.dmsName());
    body.put("TableMappings", mappings);
    body.put("ReplicationTaskSettings", settings);
    body.put("Status", "ready");
    body.set("ReplicationTaskCreationDate", Json.timestamp(now));
    cdcMembers(request, body);
    request.optionalString("TaskData").ifPresent(v -> body.put("TaskData", v));
    body.put("ReplicationTaskArn", arn);
    var tags = Tags.checked(request);
    context.store().insert(new StoredResource(arn, ResourceKind.TASK, identifier, body, null, now));
    context.store().tags().put(arn, tags);
    events.task(identifier, "Replication task has been created", "Creation");
    // DMS answers "creating" and becomes "ready" shortly after; here validation is already done.
    return Json.object().set("ReplicationTask", body.deepCopy().put("Status", "creating"));
  }

  public ObjectNode describe(ApiRequest request) {
    Filters filters = Filters.parse(request, FILTERS);
    boolean withoutSettings = request.optionalBoolean("WithoutSettings").orElse(false);
    List<ObjectNode> matching = context.store().list(ResourceKind.TASK).stream()
        .map(StoredResource::body)
        .filter(body -> matchesEndpoint(filters, body))
        .map(body -> present(body, withoutSettings))
        .toList();
    if (matching.isEmpty() && request.has("Filters")) {
      throw DmsFault.notFound("No replication task matches the filters");
    }
    return Pages.result(matching, request, "ReplicationTasks", 100);
  }

  public ObjectNode modify(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    requireIdle(task, "modified");
    ObjectNode body = task.body().deepCopy();
    String identifier = task.identifier();
    if (request.has("ReplicationTaskIdentifier")) {
      identifier = Identifiers.check("replication task identifier",
          request.requiredString("ReplicationTaskIdentifier"), 255);
      body.put("ReplicationTaskIdentifier", identifier);
    }
    request.optionalString("MigrationType").map(this::migrationType)
        .ifPresent(t -> body.put("MigrationType", t.dmsName()));
    request.optionalString("TableMappings").ifPresent(m -> {
      parseMappings(m);
      body.put("TableMappings", m);
    });
    request.optionalString("ReplicationTaskSettings")
        .ifPresent(s -> body.put("ReplicationTaskSettings", settings(s).toJson()));
    checkCdcStart(request);
    cdcMembers(request, body);
    request.optionalString("TaskData").ifPresent(v -> body.put("TaskData", v));
    records.replace(task.withIdentifier(identifier).withBody(body));
    events.task(identifier, "Replication task has been modified", "Configuration Change");
    return Json.object().set("ReplicationTask", present(body, false));
  }

  public ObjectNode delete(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    requireIdle(task, "deleted");
    dropCaptureOnSource(task);
    context.store().delete(task.arn());
    context.store().metricHistory().forget(task.arn());
    TaskFiles.delete(context.dataDir(), Arns.engineTaskId(task.arn()));
    events.task(task.identifier(), "Replication task has been deleted", "Deletion");
    return Json.object().set("ReplicationTask", present(task.body(), false).put("Status", "deleting"));
  }

  /**
   * A deleted CDC task must not leave its replication slot behind: the slot would pin WAL on
   * the source forever. When the source cannot be reached the task is deleted all the same and
   * an event says which slot to drop by hand.
   */
  private void dropCaptureOnSource(StoredResource task) {
    MigrationType type = MigrationType.parse(task.body().path("MigrationType").asText());
    if (!type.includesCdc()) {
      return;
    }
    String engineTaskId = Arns.engineTaskId(task.arn());
    try {
      var endpoint = endpoints.config(task.body().path("SourceEndpointArn").asText());
      try (var source = context.connectors().source(endpoint.engine()).open(endpoint)) {
        if (source instanceof io.opendms.spi.change.ChangeSourceConnector capturing) {
          capturing.dropCapture(engineTaskId);
        }
      }
    } catch (RuntimeException e) {
      events.task(task.identifier(), "Could not drop the change capture (replication slot) of task "
          + engineTaskId + " on the source: " + e.getMessage(), "Deletion");
    }
  }

  public ObjectNode start(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    StartMode mode = startMode(request.requiredString("StartReplicationTaskType"));
    requireIdle(task, "started");
    boolean neverStarted = !task.body().path("ReplicationTaskStats").has("StartDate");
    if (neverStarted && mode != StartMode.START_REPLICATION) {
      throw DmsFault.invalidState("Replication task " + task.identifier()
          + " has never run; its first start must be start-replication");
    }
    checkCdcStart(request);
    if (request.has("CdcStartTime") || request.has("CdcStartPosition") || request.has("CdcStopPosition")) {
      // the start's positions replace the task's, and DescribeReplicationTasks echoes them
      task = records.update(task.arn(), body -> {
        body.remove(List.of("CdcStartTime", "CdcStartPosition"));
        cdcMembers(request, body);
      }).orElse(task);
    }
    launch(task, mode);
    return Json.object().set("ReplicationTask", present(find(task.arn()).body(), false));
  }

  public ObjectNode stop(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    String status = task.body().path("Status").asText();
    if (!status.equals("running") && !status.equals("starting")) {
      throw DmsFault.invalidState("Replication task " + task.identifier() + " is " + status
          + ", not running; it cannot be stopped");
    }
    StoredResource stopping = records.update(task.arn(), b -> b.put("Status", "stopping")).orElse(task);
    runner.stop(task.arn());
    return Json.object().set("ReplicationTask", present(stopping.body(), false));
  }

  /** ReloadTables: see {@link TableReloads}. */
  public ObjectNode reloadTables(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    return reloads.reload(request, task, t -> launch(t, StartMode.RESUME_PROCESSING));
  }

  /** Starts again, with resume-processing, the tasks that were running when the server stopped. */
  public void resumeInterrupted() {
    for (StoredResource task : context.store().list(ResourceKind.TASK)) {
      String status = task.body().path("Status").asText();
      if (status.equals("running") || status.equals("starting")) {
        try {
          launch(task, StartMode.RESUME_PROCESSING);
        } catch (RuntimeException e) {
          records.update(task.arn(), b -> b.put("Status", "failed")
              .put("StopReason", "Stop Reason FATAL_ERROR").put("LastFailureMessage", e.getMessage()));
        }
      } else if (status.equals("stopping")) {
        records.update(task.arn(), b -> b.put("Status", "stopped").put("StopReason", "Stop Reason NORMAL"));
      }
    }
  }

  private void launch(StoredResource task, StartMode mode) {
    TaskDefinition definition = definition(task);
    Instant now = context.clock().instant();
    records.update(task.arn(), body -> {
      body.put("Status", "starting");
      body.remove(List.of("StopReason", "LastFailureMessage"));
      if (mode != StartMode.RESUME_PROCESSING) {
        body.remove("RecoveryCheckpoint"); // a fresh start has a new slot and new positions
      }
      body.set("ReplicationTaskStartDate", Json.timestamp(now));
      ObjectNode stats = body.with("ReplicationTaskStats");
      stats.remove(List.of("StopDate", "FullLoadStartDate", "FullLoadFinishDate"));
      if (mode != StartMode.RESUME_PROCESSING || !stats.has("FreshStartDate")) {
        stats.set("FreshStartDate", Json.timestamp(now));
      }
      stats.set("StartDate", Json.timestamp(now));
      TaskStatistics.count(stats, List.of());
      stats.put("ElapsedTimeMillis", 0L);
    });
    runner.start(task.arn(), task.identifier(), definition, mode);
  }

  TaskDefinition definition(StoredResource task) {
    ObjectNode body = task.body();
    return new TaskDefinition(Arns.engineTaskId(task.arn()),
        endpoints.config(body.path("SourceEndpointArn").asText()),
        endpoints.config(body.path("TargetEndpointArn").asText()),
        migrationType(body.path("MigrationType").asText()),
        parseMappings(body.path("TableMappings").asText()),
        settings(body.path("ReplicationTaskSettings").asText()),
        true,
        cdcPositions(body.path("CdcStartPosition").textValue(), body.path("CdcStopPosition").textValue()));
  }

  private static CdcPositions cdcPositions(String start, String stop) {
    try {
      return CdcPositions.parse(start, stop);
    } catch (IllegalArgumentException e) {
      throw DmsFault.invalidParameter(e.getMessage());
    }
  }

  public ObjectNode describeTableStatistics(ApiRequest request) {
    StoredResource task = find(request.requiredString("ReplicationTaskArn"));
    Filters filters = Filters.parse(request, Set.of("schema-name", "table-name", "table-state"));
    var all = runner.progress(task.arn())
        .map(tables -> TaskStatistics.tableStatistics(tables, context.clock().instant()))
        .or(() -> context.store().activity().taskTables(task.arn()))
        .orElse(Json.array());
    var matching = new java.util.ArrayList<ObjectNode>();
    all.forEach(row -> {
      if (filters.matches(name -> switch (name) {
        case "schema-name" -> row.path("SchemaName").asText();
        case "table-name" -> row.path("TableName").asText();
        default -> row.path("TableState").asText();
      })) {
        matching.add((ObjectNode) row);
      }
    });
    ObjectNode result = Pages.result(matching, request, "TableStatistics", 500);
    result.put("ReplicationTaskArn", task.arn());
    return result;
  }

  /** @throws DmsFault ResourceNotFoundFault when there is no such task */
  public void requireExists(String arn) {
    find(arn);
  }

  /** The tasks running in this server now. */
  public List<LiveTask> live() {
    return runner.live();
  }

  /**
   * Checks a table-mapping document as CreateReplicationTask does.
   *
   * @throws DmsFault InvalidParameterValueException listing every problem
   */
  public void validateTableMappings(String json) {
    parseMappings(json);
  }

  /** The newest entries of a task's log that match {@code query}. */
  public List<TaskLogEntry> log(String arn, TaskLogQuery query) {
    return TaskLogs.read(context.dataDir(), Arns.engineTaskId(find(arn).arn()), query);
  }

  boolean anyUsing(String member, String arn) {
    return context.store().list(ResourceKind.TASK).stream()
        .anyMatch(t -> t.body().path(member).asText().equals(arn));
  }

  boolean anyRunningUsing(String endpointArn) {
    return context.store().list(ResourceKind.TASK).stream()
        .filter(t -> ACTIVE.contains(t.body().path("Status").asText()))
        .anyMatch(t -> t.body().path("SourceEndpointArn").asText().equals(endpointArn)
            || t.body().path("TargetEndpointArn").asText().equals(endpointArn));
  }

  StoredResource find(String arn) {
    return context.store().find(arn)
        .filter(r -> r.kind() == ResourceKind.TASK)
        .orElseThrow(() -> DmsFault.notFound("Replication task " + arn + " not found"));
  }

  /** The stored task with live statistics while it runs, settings left out on request. */
  private ObjectNode present(ObjectNode stored, boolean withoutSettings) {
    ObjectNode body = stored.deepCopy();
    String arn = body.path("ReplicationTaskArn").asText();
    runner.progress(arn).ifPresent(tables -> {
      ObjectNode stats = body.with("ReplicationTaskStats");
      TaskStatistics.count(stats, tables);
      if (stats.has("StartDate")) {
        long started = stats.get("StartDate").decimalValue().movePointRight(3).longValue();
        stats.put("ElapsedTimeMillis", context.clock().millis() - started);
      }
      // not a DMS member (clients skip unknown members): the source's WAL held for the task's slot
      runner.retainedBytes(arn).ifPresent(bytes -> stats.put(RETAINED_WAL_STAT, bytes));
      runner.appliedPosition(arn).ifPresent(p -> body.put("RecoveryCheckpoint", CdcPositions.recoveryCheckpoint(p)));
    });
    if (withoutSettings) {
      body.remove(List.of("TableMappings", "ReplicationTaskSettings"));
    }
    return body;
  }

  /** {@code endpoint-arn} matches a task through its source or its target. */
  private static boolean matchesEndpoint(Filters filters, ObjectNode body) {
    java.util.function.Function<String, String> common = name -> switch (name) {
      case "replication-task-arn" -> body.path("ReplicationTaskArn").asText();
      case "replication-task-id" -> body.path("ReplicationTaskIdentifier").asText();
      case "migration-type" -> body.path("MigrationType").asText();
      case "replication-instance-arn" -> body.path("ReplicationInstanceArn").asText();
      default -> null;
    };
    return filters.matches(name -> name.equals("endpoint-arn") ? body.path("SourceEndpointArn").asText() : common.apply(name))
        || filters.matches(name -> name.equals("endpoint-arn") ? body.path("TargetEndpointArn").asText() : common.apply(name));
  }

  private void requireIdle(StoredResource task, String what) {
    String status = task.body().path("Status").asText();
    if (ACTIVE.contains(status) || runner.isActive(task.arn())) {
      throw DmsFault.invalidState("Replication task " + task.identifier() + " is " + status
          + " and cannot be " + what + "; stop it first");
    }
  }

  private static void checkRoles(StoredResource source, StoredResource target) {
    if (!source.body().path("EndpointType").asText().equals("SOURCE")) {
      throw DmsFault.invalidParameter("SourceEndpointArn " + source.arn() + " is not a source endpoint");
    }
    if (!target.body().path("EndpointType").asText().equals("TARGET")) {
      throw DmsFault.invalidParameter("TargetEndpointArn " + target.arn() + " is not a target endpoint");
    }
  }

  private static void checkCdcStart(ApiRequest request) {
    if (request.has("CdcStartTime") && request.has("CdcStartPosition")) {
      throw DmsFault.invalidParameter("CdcStartTime and CdcStartPosition cannot both be given");
    }
    cdcPositions(request.optionalString("CdcStartPosition").orElse(null),
        request.optionalString("CdcStopPosition").orElse(null));
  }

  private static void cdcMembers(ApiRequest request, ObjectNode body) {
    request.optionalTimestamp("CdcStartTime").ifPresent(t -> body.set("CdcStartTime", Json.timestamp(t)));
    request.optionalString("CdcStartPosition").ifPresent(v -> body.put("CdcStartPosition", v));
    request.optionalString("CdcStopPosition").ifPresent(v -> body.put("CdcStopPosition", v));
  }

  private MigrationType migrationType(String text) {
    try {
      return MigrationType.parse(text);
    } catch (IllegalArgumentException e) {
      throw DmsFault.invalidParameter("MigrationType: " + e.getMessage());
    }
  }

  private static StartMode startMode(String text) {
    try {
      return StartMode.parse(text);
    } catch (IllegalArgumentException e) {
      throw DmsFault.invalidParameter("StartReplicationTaskType: " + e.getMessage());
    }
  }

  private static TableMappings parseMappings(String json) {
    try {
      return TableMappings.parse(json);
    } catch (OpenDmsException e) {
      // The reader's messages already start with DMS's wording; UNSUPPORTED ones do not.
      String message = e.getMessage().startsWith("Invalid Table Mappings document")
          ? e.getMessage() : "Invalid Table Mappings document: " + e.getMessage();
      throw DmsFault.invalidParameter(message);
    }
  }

  private static TaskSettings settings(String json) {
    if (json == null) {
      return TaskSettings.defaults();
    }
    try {
      return TaskSettings.parse(json);
    } catch (OpenDmsException e) {
      throw DmsFault.invalidParameter("Invalid task settings JSON: " + e.getMessage());
    }
  }
}
