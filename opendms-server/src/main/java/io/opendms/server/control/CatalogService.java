package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the service offers and what happened: endpoint types, quotas, events, tags. */
public final class CatalogService {
  private final ServerContext context;

  CatalogService(ServerContext context) {
    this.context = context;
  }

  /** The engines of this build, by role, with whether they capture changes (none yet). */
  public ObjectNode describeEndpointTypes(ApiRequest request) {
    Filters filters = Filters.parse(request, Set.of("engine-name", "endpoint-type"));
    var types = new ArrayList<ObjectNode>();
    for (var engine : new java.util.TreeMap<>(EngineNames.DISPLAY_NAMES).entrySet()) {
      for (String role : List.of("source", "target")) {
        boolean supported = role.equals("source")
            ? EngineNames.supportsSource(context.connectors(), engine.getKey())
            : EngineNames.supportsTarget(context.connectors(), engine.getKey());
        if (supported && filters.matches(name -> name.equals("engine-name") ? engine.getKey() : role)) {
          ObjectNode type = Json.object();
          type.put("EngineName", engine.getKey());
          type.put("SupportsCDC", EngineNames.supportsCdc(context.connectors(), engine.getKey(), role));
          type.put("EndpointType", role);
          type.put("ReplicationInstanceEngineMinimumVersion", InstanceService.ENGINE_VERSION);
          type.put("EngineDisplayName", engine.getValue());
          types.add(type);
        }
      }
    }
    return Pages.result(types, request, "SupportedEndpointTypes", 100);
  }

  public ObjectNode describeAccountAttributes(ApiRequest request) {
    ObjectNode result = Json.object();
    ArrayNode quotas = result.putArray("AccountQuotas");
    quota(quotas, "ReplicationInstances", context.store().list(ResourceKind.INSTANCE).size(), 60);
    quota(quotas, "EndpointsPerInstance", context.store().list(ResourceKind.ENDPOINT).size(), 100);
    quota(quotas, "Endpoints", context.store().list(ResourceKind.ENDPOINT).size(), 1000);
    quota(quotas, "ReplicationTasks", context.store().list(ResourceKind.TASK).size(), 600);
    result.put("UniqueAccountIdentifier", context.accountId());
    return result;
  }

  public ObjectNode describeEvents(ApiRequest request) {
    Filters filters = Filters.parse(request, Set.of("replication-instance-id"));
    Instant now = context.clock().instant();
    Instant end = request.optionalTimestamp("EndTime").orElse(now);
    Instant start = request.optionalTimestamp("StartTime")
        .orElse(end.minus(Duration.ofMinutes(request.optionalInt("Duration").orElse(60))));
    var categories = request.stringList("EventCategories");
    String sourceType = request.optionalString("SourceType").orElse(null);
    String sourceId = request.optionalString("SourceIdentifier").orElse(null);
    var matching = new ArrayList<ObjectNode>();
    for (StoredEvent event : context.store().activity().events(start)) {
      boolean wanted = !event.date().isAfter(end)
          && (sourceType == null || sourceType.equals(event.sourceType()))
          && (sourceId == null || sourceId.equals(event.sourceIdentifier()))
          && (categories.isEmpty() || event.categories().stream().anyMatch(categories::contains))
          && filters.matches(name -> event.sourceType().equals("replication-instance") ? event.sourceIdentifier() : null);
      if (wanted) {
        ObjectNode shape = Json.object();
        shape.put("SourceIdentifier", event.sourceIdentifier());
        shape.put("SourceType", event.sourceType());
        shape.put("Message", event.message());
        ArrayNode names = shape.putArray("EventCategories");
        event.categories().forEach(names::add);
        shape.set("Date", Json.timestamp(event.date()));
        matching.add(shape);
      }
    }
    return Pages.result(matching, request, "Events", 100);
  }

  public ObjectNode addTags(ApiRequest request) {
    String arn = existing(request.requiredString("ResourceArn"));
    if (!request.has("Tags")) {
      throw DmsFault.invalidParameter("The request must contain the parameter Tags");
    }
    Map<String, String> tags = Tags.checked(request);
    context.store().tags().put(arn, tags);
    return Json.object();
  }

  public ObjectNode removeTags(ApiRequest request) {
    String arn = existing(request.requiredString("ResourceArn"));
    context.store().tags().remove(arn, request.requiredStringList("TagKeys"));
    return Json.object();
  }

  public ObjectNode listTags(ApiRequest request) {
    var arns = new ArrayList<String>();
    request.optionalString("ResourceArn").ifPresent(arns::add);
    arns.addAll(request.stringList("ResourceArnList"));
    if (arns.isEmpty()) {
      throw DmsFault.invalidParameter("The request must contain ResourceArn or ResourceArnList");
    }
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("TagList");
    for (String arn : arns) {
      existing(arn);
      context.store().tags().of(arn).forEach((key, value) ->
          list.addObject().put("Key", key).put("Value", value).put("ResourceArn", arn));
    }
    return result;
  }

  private String existing(String arn) {
    return context.store().find(arn).map(r -> r.arn())
        .orElseThrow(() -> DmsFault.notFound("Resource " + arn + " not found"));
  }

  private static void quota(ArrayNode quotas, String name, long used, long max) {
    quotas.addObject().put("AccountQuotaName", name).put("Used", used).put("Max", max);
  }
}
