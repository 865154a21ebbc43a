package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.StoredConnection;
import io.opendms.server.store.StoredResource;
import io.opendms.server.store.StoredSchemas;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.target.TargetConnector;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TestConnection and RefreshSchemas: as in DMS they answer at once ({@code testing},
 * {@code refreshing}) and really connect in the background, through the connector factories,
 * recording the database's own error text on failure.
 */
public final class ConnectionService {
  private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
  private static final Set<String> FILTERS = Set.of("endpoint-arn", "replication-instance-arn");

  private final ServerContext context;
  private final EndpointService endpoints;
  private final InstanceService instances;
  private final ExecutorService background;

  ConnectionService(ServerContext context, EndpointService endpoints, InstanceService instances,
      ExecutorService background) {
    this.context = context;
    this.endpoints = endpoints;
    this.instances = instances;
    this.background = background;
  }

  public ObjectNode testConnection(ApiRequest request) {
    StoredResource instance = instances.find(request.requiredString("ReplicationInstanceArn"));
    StoredResource endpoint = endpoints.find(request.requiredString("EndpointArn"));
    var testing = new StoredConnection(endpoint.arn(), instance.arn(), "testing", null);
    context.store().activity().putConnection(testing);
    background.execute(() -> {
      String failure = connect(endpoint);
      context.store().activity().putConnection(new StoredConnection(endpoint.arn(), instance.arn(),
          failure == null ? "successful" : "failed", failure));
    });
    return Json.object().set("Connection", shape(testing));
  }

  public ObjectNode describeConnections(ApiRequest request) {
    Filters filters = Filters.parse(request, FILTERS);
    List<ObjectNode> matching = context.store().activity().connections().stream()
        .filter(c -> filters.matches(name -> name.equals("endpoint-arn") ? c.endpointArn() : c.instanceArn()))
        .map(this::shape)
        .toList();
    return Pages.result(matching, request, "Connections", 100);
  }

  public ObjectNode refreshSchemas(ApiRequest request) {
    StoredResource instance = instances.find(request.requiredString("ReplicationInstanceArn"));
    StoredResource endpoint = endpoints.find(request.requiredString("EndpointArn"));
    var refreshing = new StoredSchemas(endpoint.arn(), instance.arn(), "refreshing", List.of(),
        context.clock().instant(), null);
    context.store().activity().putSchemas(refreshing);
    background.execute(() -> context.store().activity().putSchemas(listSchemas(endpoint, instance.arn())));
    return Json.object().set("RefreshSchemasStatus", schemasStatus(refreshing));
  }

  public ObjectNode describeRefreshSchemasStatus(ApiRequest request) {
    StoredResource endpoint = endpoints.find(request.requiredString("EndpointArn"));
    StoredSchemas schemas = context.store().activity().schemas(endpoint.arn())
        .orElseThrow(() -> DmsFault.notFound("Schemas of endpoint " + endpoint.identifier()
            + " have never been refreshed"));
    return Json.object().set("RefreshSchemasStatus", schemasStatus(schemas));
  }

  public ObjectNode describeSchemas(ApiRequest request) {
    StoredResource endpoint = endpoints.find(request.requiredString("EndpointArn"));
    StoredSchemas schemas = context.store().activity().schemas(endpoint.arn())
        .filter(s -> s.status().equals("successful"))
        .orElseThrow(() -> DmsFault.invalidState("Schemas of endpoint " + endpoint.identifier()
            + " are not available; call RefreshSchemas and wait for it to succeed"));
    return Pages.result(schemas.schemas().stream().map(Json.MAPPER::valueToTree)
        .map(n -> (com.fasterxml.jackson.databind.JsonNode) n).toList(), request, "Schemas", 100);
  }

  /** Null when the endpoint answered, else the error text. */
  private String connect(StoredResource endpoint) {
    try {
      EndpointConfig config = endpoints.config(endpoint.arn());
      if (endpoint.body().path("EndpointType").asText().equals("SOURCE")) {
        try (SourceConnector source = context.connectors().source(config.engine()).open(config)) {
          return null;
        }
      }
      try (TargetConnector target = context.connectors().target(config.engine()).open(config)) {
        return null;
      }
    } catch (RuntimeException e) {
      log.info("test connection of endpoint {} failed: {}", endpoint.identifier(), e.getMessage());
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  private StoredSchemas listSchemas(StoredResource endpoint, String instanceArn) {
    try {
      if (!endpoint.body().path("EndpointType").asText().equals("SOURCE")) {
        throw new IllegalArgumentException("schemas can be listed for source endpoints only");
      }
      EndpointConfig config = endpoints.config(endpoint.arn());
      try (SourceConnector source = context.connectors().source(config.engine()).open(config)) {
        var names = new TreeSet<String>();
        source.discover(table -> true).forEach(t -> names.add(t.id().schema()));
        return new StoredSchemas(endpoint.arn(), instanceArn, "successful", List.copyOf(names),
            context.clock().instant(), null);
      }
    } catch (RuntimeException e) {
      return new StoredSchemas(endpoint.arn(), instanceArn, "failed", List.of(), context.clock().instant(),
          e.getMessage());
    }
  }

  private ObjectNode shape(StoredConnection connection) {
    ObjectNode shape = Json.object();
    shape.put("ReplicationInstanceArn", connection.instanceArn());
    shape.put("EndpointArn", connection.endpointArn());
    shape.put("Status", connection.status());
    if (connection.lastFailureMessage() != null) {
      shape.put("LastFailureMessage", connection.lastFailureMessage());
    }
    context.store().find(connection.endpointArn())
        .ifPresent(e -> shape.put("EndpointIdentifier", e.identifier()));
    context.store().find(connection.instanceArn())
        .ifPresent(i -> shape.put("ReplicationInstanceIdentifier", i.identifier()));
    return shape;
  }

  private static ObjectNode schemasStatus(StoredSchemas schemas) {
    ObjectNode shape = Json.object();
    shape.put("EndpointArn", schemas.endpointArn());
    shape.put("ReplicationInstanceArn", schemas.instanceArn());
    shape.put("Status", schemas.status());
    shape.set("LastRefreshDate", Json.timestamp(schemas.refreshed()));
    if (schemas.lastFailureMessage() != null) {
      shape.put("LastFailureMessage", schemas.lastFailureMessage());
    }
    return shape;
  }
}
