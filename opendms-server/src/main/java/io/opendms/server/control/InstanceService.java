package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replication instances. Every instance is this process: creating one registers it as
 * {@code available} at once, and its tasks run in this JVM. Class, storage and the other
 * provisioning fields are stored and echoed, not acted on.
 */
public final class InstanceService {
  static final String ENGINE_VERSION = "3.5.3";
  private static final Set<String> FILTERS = Set.of(
      "replication-instance-arn", "replication-instance-id", "replication-instance-class", "engine-version");

  /** The fields DMS applies in the maintenance window unless ApplyImmediately is true. */
  private static final List<String> PENDING = List.of("ReplicationInstanceClass", "AllocatedStorage",
      "MultiAZ", "EngineVersion", "NetworkType");

  private final ServerContext context;
  private final Events events;

  InstanceService(ServerContext context, Events events) {
    this.context = context;
    this.events = events;
  }

  public ObjectNode create(ApiRequest request) {
    String identifier = Identifiers.check("replication instance identifier",
        request.requiredString("ReplicationInstanceIdentifier"), 63).toLowerCase(Locale.ROOT);
    String instanceClass = request.requiredString("ReplicationInstanceClass");
    if (context.store().findByIdentifier(ResourceKind.INSTANCE, identifier).isPresent()) {
      throw DmsFault.alreadyExists("Replication instance " + identifier + " already exists");
    }
    if (request.optionalBoolean("MultiAZ").orElse(false) && request.has("AvailabilityZone")) {
      throw DmsFault.invalidParameter("AvailabilityZone cannot be given when MultiAZ is true");
    }
    String arn = Arns.create(context, ResourceKind.INSTANCE, request.optionalString("ResourceIdentifier"));
    Instant now = context.clock().instant();
    ObjectNode body = Json.object();
    body.put("ReplicationInstanceIdentifier", identifier);
    body.put("ReplicationInstanceClass", instanceClass);
    body.put("ReplicationInstanceStatus", "available");
    body.put("AllocatedStorage", request.optionalInt("AllocatedStorage").orElse(50));
    body.set("InstanceCreateTime", Json.timestamp(now));
    body.set("VpcSecurityGroups", Json.array());
    body.put("AvailabilityZone", request.optionalString("AvailabilityZone").orElse(context.region() + "a"));
    body.put("PreferredMaintenanceWindow",
        request.optionalString("PreferredMaintenanceWindow").orElse("sun:06:00-sun:06:30"));
    body.set("PendingModifiedValues", Json.object());
    body.put("MultiAZ", request.optionalBoolean("MultiAZ").orElse(false));
    body.put("EngineVersion", request.optionalString("EngineVersion").orElse(ENGINE_VERSION));
    body.put("AutoMinorVersionUpgrade", request.optionalBoolean("AutoMinorVersionUpgrade").orElse(true));
    request.optionalString("KmsKeyId").ifPresent(k -> body.put("KmsKeyId", k));
    body.put("ReplicationInstanceArn", arn);
    body.put("ReplicationInstancePublicIpAddress", "127.0.0.1");
    body.put("ReplicationInstancePrivateIpAddress", "127.0.0.1");
    body.set("ReplicationInstancePublicIpAddresses", Json.array().add("127.0.0.1"));
    body.set("ReplicationInstancePrivateIpAddresses", Json.array().add("127.0.0.1"));
    body.set("ReplicationInstanceIpv6Addresses", Json.array());
    body.put("PubliclyAccessible", request.optionalBoolean("PubliclyAccessible").orElse(true));
    body.put("NetworkType", request.optionalString("NetworkType").orElse("IPV4"));
    var tags = Tags.checked(request);
    context.store().insert(new StoredResource(arn, ResourceKind.INSTANCE, identifier, body, null, now));
    context.store().tags().put(arn, tags);
    events.instance(identifier, "Replication application has been created", "Creation");
    return Json.object().set("ReplicationInstance", body);
  }

  public ObjectNode describe(ApiRequest request) {
    Filters filters = Filters.parse(request, FILTERS);
    List<ObjectNode> matching = context.store().list(ResourceKind.INSTANCE).stream()
        .map(StoredResource::body)
        .filter(body -> filters.matches(name -> switch (name) {
          case "replication-instance-arn" -> body.path("ReplicationInstanceArn").asText();
          case "replication-instance-id" -> body.path("ReplicationInstanceIdentifier").asText();
          case "replication-instance-class" -> body.path("ReplicationInstanceClass").asText();
          default -> body.path("EngineVersion").asText();
        }))
        .toList();
    if (matching.isEmpty() && request.has("Filters")) {
      throw DmsFault.notFound("No replication instance matches the filters");
    }
    return Pages.result(matching, request, "ReplicationInstances", 100);
  }

  public ObjectNode modify(ApiRequest request) {
    StoredResource instance = find(request.requiredString("ReplicationInstanceArn"));
    ObjectNode body = instance.body().deepCopy();
    String identifier = instance.identifier();
    if (request.has("ReplicationInstanceIdentifier")) {
      identifier = Identifiers.check("replication instance identifier",
          request.requiredString("ReplicationInstanceIdentifier"), 63).toLowerCase(Locale.ROOT);
      body.put("ReplicationInstanceIdentifier", identifier);
    }
    // As in DMS, the provisioning fields wait for the maintenance window (here: the next
    // RebootReplicationInstance) in PendingModifiedValues unless ApplyImmediately says otherwise.
    boolean now = request.optionalBoolean("ApplyImmediately").orElse(false);
    ObjectNode changes = now ? body : body.with("PendingModifiedValues");
    request.optionalString("ReplicationInstanceClass").ifPresent(v -> changes.put("ReplicationInstanceClass", v));
    request.optionalInt("AllocatedStorage").ifPresent(v -> changes.put("AllocatedStorage", v));
    request.optionalBoolean("MultiAZ").ifPresent(v -> changes.put("MultiAZ", v));
    request.optionalString("EngineVersion").ifPresent(v -> changes.put("EngineVersion", v));
    request.optionalString("NetworkType").ifPresent(v -> changes.put("NetworkType", v));
    if (now) {
      body.with("PendingModifiedValues").remove(PENDING);
    }
    request.optionalString("PreferredMaintenanceWindow").ifPresent(v -> body.put("PreferredMaintenanceWindow", v));
    request.optionalBoolean("AutoMinorVersionUpgrade").ifPresent(v -> body.put("AutoMinorVersionUpgrade", v));
    context.store().update(instance.withIdentifier(identifier).withBody(body));
    events.instance(identifier, "Replication application has been modified", "Configuration Change");
    return Json.object().set("ReplicationInstance", body);
  }

  /**
   * Applies the pending modifications; the instance is this process, which needs no restart, so
   * it answers {@code rebooting} and is {@code available} again at once.
   */
  public ObjectNode reboot(ApiRequest request) {
    StoredResource instance = find(request.requiredString("ReplicationInstanceArn"));
    request.optionalBoolean("ForceFailover");
    request.optionalBoolean("ForcePlannedFailover");
    ObjectNode body = instance.body().deepCopy();
    ObjectNode pending = body.with("PendingModifiedValues");
    pending.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
    body.set("PendingModifiedValues", Json.object());
    context.store().update(instance.withBody(body));
    events.instance(instance.identifier(), "Replication application has been rebooted", "Maintenance");
    return Json.object().set("ReplicationInstance", body.deepCopy().put("ReplicationInstanceStatus", "rebooting"));
  }

  public ObjectNode delete(ApiRequest request, TaskService tasks) {
    StoredResource instance = find(request.requiredString("ReplicationInstanceArn"));
    if (tasks.anyUsing("ReplicationInstanceArn", instance.arn())) {
      throw DmsFault.invalidState("Replication instance " + instance.identifier()
          + " still has replication tasks; delete them first");
    }
    context.store().delete(instance.arn());
    context.store().activity().forget(instance.arn());
    events.instance(instance.identifier(), "Replication application has been deleted", "Deletion");
    ObjectNode body = instance.body().deepCopy().put("ReplicationInstanceStatus", "deleting");
    return Json.object().set("ReplicationInstance", body);
  }

  StoredResource find(String arn) {
    return context.store().find(arn)
        .filter(r -> r.kind() == ResourceKind.INSTANCE)
        .orElseThrow(() -> DmsFault.notFound("Replication instance " + arn + " not found"));
  }
}
