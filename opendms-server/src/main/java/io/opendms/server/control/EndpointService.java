package io.opendms.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.endpoint.CertificateReferences;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredResource;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Endpoints: connection facts stored in their DMS shape with the password and other secrets
 * sealed apart, never returned.
 */
public final class EndpointService {
  private static final List<String> TEXT_MEMBERS = List.of("Username", "ServerName", "DatabaseName",
      "ExtraConnectionAttributes", "CertificateArn", "ServiceAccessRoleArn", "ExternalTableDefinition");
  private static final Set<String> SSL_MODES = Set.of("none", "require", "verify-ca", "verify-full");
  private static final Set<String> FILTERS = Set.of("endpoint-arn", "endpoint-type", "endpoint-id", "engine-name");

  private final ServerContext context;
  private final CertificateService certificates;

  EndpointService(ServerContext context, CertificateService certificates) {
    this.context = context;
    this.certificates = certificates;
  }

  public ObjectNode create(ApiRequest request) {
    String identifier = Identifiers.check("endpoint identifier", request.requiredString("EndpointIdentifier"), 255);
    String type = endpointType(request.requiredString("EndpointType"));
    String engine = engineName(request.requiredString("EngineName"));
    if (context.store().findByIdentifier(ResourceKind.ENDPOINT, identifier).isPresent()) {
      throw DmsFault.alreadyExists("Endpoint " + identifier + " already exists");
    }
    String arn = Arns.create(context, ResourceKind.ENDPOINT, request.optionalString("ResourceIdentifier"));
    ObjectNode body = Json.object();
    body.put("EndpointIdentifier", identifier);
    body.put("EndpointType", type);
    body.put("EngineName", engine);
    body.put("EngineDisplayName", EngineNames.DISPLAY_NAMES.get(engine));
    ObjectNode secrets = Json.object();
    applyMembers(request, body, secrets, false);
    checkCertificates(body);
    body.put("Status", "active");
    request.optionalString("KmsKeyId").ifPresent(k -> body.put("KmsKeyId", k));
    body.put("EndpointArn", arn);
    if (!body.has("SslMode")) {
      body.put("SslMode", "none");
    }
    var tags = Tags.checked(request);
    Instant now = context.clock().instant();
    context.store().insert(new StoredResource(arn, ResourceKind.ENDPOINT, identifier, body, seal(secrets, arn), now));
    context.store().tags().put(arn, tags);
    return Json.object().set("Endpoint", body);
  }

  public ObjectNode describe(ApiRequest request) {
    Filters filters = Filters.parse(request, FILTERS);
    List<ObjectNode> matching = context.store().list(ResourceKind.ENDPOINT).stream()
        .map(StoredResource::body)
        .filter(body -> filters.matches(name -> switch (name) {
          case "endpoint-arn" -> body.path("EndpointArn").asText();
          case "endpoint-type" -> body.path("EndpointType").asText().toLowerCase(Locale.ROOT);
          case "endpoint-id" -> body.path("EndpointIdentifier").asText();
          default -> body.path("EngineName").asText();
        }))
        .toList();
    if (matching.isEmpty() && request.has("Filters")) {
      throw DmsFault.notFound("No endpoint matches the filters");
    }
    return Pages.result(matching, request, "Endpoints", 100);
  }

  public ObjectNode modify(ApiRequest request, TaskService tasks) {
    StoredResource endpoint = find(request.requiredString("EndpointArn"));
    if (tasks.anyRunningUsing(endpoint.arn())) {
      throw DmsFault.invalidState("Endpoint " + endpoint.identifier() + " is used by a running task");
    }
    ObjectNode body = endpoint.body().deepCopy();
    String identifier = endpoint.identifier();
    if (request.has("EndpointIdentifier")) {
      identifier = Identifiers.check("endpoint identifier", request.requiredString("EndpointIdentifier"), 255);
      body.put("EndpointIdentifier", identifier);
    }
    request.optionalString("EndpointType").ifPresent(t -> body.put("EndpointType", endpointType(t)));
    request.optionalString("EngineName").map(this::engineName).ifPresent(e -> {
      body.put("EngineName", e);
      body.put("EngineDisplayName", EngineNames.DISPLAY_NAMES.get(e));
    });
    ObjectNode secrets = endpoint.secret() == null ? Json.object()
        : EndpointSecrets.read(context.cipher().decrypt(endpoint.secret(), endpoint.arn()));
    applyMembers(request, body, secrets, request.optionalBoolean("ExactSettings").orElse(false));
    checkCertificates(body);
    context.store().update(new StoredResource(endpoint.arn(), ResourceKind.ENDPOINT, identifier, body,
        seal(secrets, endpoint.arn()), endpoint.created()));
    return Json.object().set("Endpoint", body);
  }

  public ObjectNode delete(ApiRequest request, TaskService tasks) {
    StoredResource endpoint = find(request.requiredString("EndpointArn"));
    if (tasks.anyUsing("SourceEndpointArn", endpoint.arn()) || tasks.anyUsing("TargetEndpointArn", endpoint.arn())) {
      throw DmsFault.invalidState("Endpoint " + endpoint.identifier()
          + " is used by replication tasks; delete them first");
    }
    context.store().delete(endpoint.arn());
    context.store().activity().forget(endpoint.arn());
    return Json.object().set("Endpoint", endpoint.body().deepCopy().put("Status", "deleting"));
  }

  /** The connection facts for a connector, secrets unsealed; never logged. */
  EndpointConfig config(String arn) {
    StoredResource endpoint = find(arn);
    ObjectNode body = endpoint.body();
    ObjectNode secrets = endpoint.secret() == null ? Json.object()
        : EndpointSecrets.read(context.cipher().decrypt(endpoint.secret(), arn));
    var settings = new LinkedHashMap<String, String>();
    for (String member : EndpointSecrets.settingsMembers(body)) {
      body.get(member).fields().forEachRemaining(f -> settings.put(f.getKey(), text(f.getValue())));
    }
    secrets.fields().forEachRemaining(f -> {
      int dot = f.getKey().indexOf('.');
      if (dot > 0) {
        settings.put(f.getKey().substring(dot + 1), text(f.getValue()));
      }
    });
    String engine = body.path("EngineName").asText();
    int port = body.path("Port").asInt(defaultPort(engine));
    if (port < 1 || port > 65535) {
      throw DmsFault.invalidParameter("Endpoint " + endpoint.identifier() + " has no valid Port");
    }
    var config = new EndpointConfig(engine, body.path("ServerName").asText(""), port,
        body.path("DatabaseName").asText(""), body.path("Username").asText(""),
        secrets.path("Password").asText(""), SslMode.parse(body.path("SslMode").asText("none")), settings,
        body.path("CertificateArn").asText(""));
    return CertificateReferences.resolve(config, certificates::pem);
  }

  /**
   * Refuses an endpoint whose {@code CertificateArn} or settings ({@code SslCaCertificateArn},
   * ...) name a certificate this server does not hold.
   */
  private void checkCertificates(ObjectNode body) {
    String certificateArn = body.path("CertificateArn").asText("");
    if (!certificateArn.isEmpty()) {
      certificates.checkExists("CertificateArn", certificateArn);
    }
    for (String member : EndpointSecrets.settingsMembers(body)) {
      body.get(member).fields().forEachRemaining(f -> {
        if (CertificateReferences.isReference(f.getKey()) && !f.getValue().asText("").isBlank()) {
          certificates.checkExists(member + "." + f.getKey(), f.getValue().asText());
        }
      });
    }
  }

  StoredResource find(String arn) {
    return context.store().find(arn)
        .filter(r -> r.kind() == ResourceKind.ENDPOINT)
        .orElseThrow(() -> DmsFault.notFound("Endpoint " + arn + " not found"));
  }

  private void applyMembers(ApiRequest request, ObjectNode body, ObjectNode secrets, boolean exactSettings) {
    for (String member : TEXT_MEMBERS) {
      request.optionalString(member).ifPresent(v -> body.put(member, v));
    }
    request.optionalInt("Port").ifPresent(port -> {
      if (port < 1 || port > 65535) {
        throw DmsFault.invalidParameter("Port must be between 1 and 65535, got " + port);
      }
      body.put("Port", port);
    });
    request.optionalString("SslMode").ifPresent(mode -> {
      if (!SSL_MODES.contains(mode)) {
        throw DmsFault.invalidParameter("SslMode must be one of none, require, verify-ca, verify-full; got " + mode);
      }
      body.put("SslMode", mode);
    });
    request.optionalString("Password").ifPresent(p -> secrets.put("Password", p));
    request.body().fieldNames().forEachRemaining(name -> {
      if (name.endsWith("Settings") && !name.equals("ExactSettings")) {
        ObjectNode given = request.optionalObject(name).orElse(Json.object()).deepCopy();
        ObjectNode givenSecrets = Json.object();
        ObjectNode holder = Json.object().set(name, given);
        EndpointSecrets.extract(holder, givenSecrets);
        JsonNode existing = body.get(name);
        if (exactSettings || existing == null || !existing.isObject()) {
          body.set(name, given);
        } else {
          ((ObjectNode) existing).setAll(given);
        }
        secrets.setAll(givenSecrets);
      }
    });
  }

  private String seal(ObjectNode secrets, String arn) {
    return secrets.isEmpty() ? null : context.cipher().encrypt(EndpointSecrets.write(secrets), arn);
  }

  private static String endpointType(String given) {
    String lower = given.toLowerCase(Locale.ROOT);
    if (!lower.equals("source") && !lower.equals("target")) {
      throw DmsFault.invalidParameter("EndpointType must be source or target, got " + given);
    }
    return lower.toUpperCase(Locale.ROOT);
  }

  private String engineName(String given) {
    String engine = given.toLowerCase(Locale.ROOT);
    if (!EngineNames.isKnown(engine)) {
      throw DmsFault.invalidParameter("Invalid EngineName '" + given + "'. Valid values: "
          + String.join(", ", new java.util.TreeSet<>(EngineNames.DISPLAY_NAMES.keySet())));
    }
    return engine;
  }

  private static int defaultPort(String engine) {
    return switch (engine) {
      case "postgres", "aurora-postgresql", "aurora-postgresql-serverless", "babelfish" -> 5432;
      case "mysql", "mariadb", "aurora", "aurora-serverless", "gcp-mysql" -> 3306;
      case "kafka" -> 9092; // the brokers come from KafkaSettings.Broker
      case "redis" -> 6379; // RedisSettings.ServerName and Port may name it instead
      case "s3", "kinesis", "dynamodb" -> 443; // AWS unless ServerName names a compatible store
      case "opensearch", "elasticsearch" -> 443; // ElasticsearchSettings.EndpointUri names the cluster
      default -> 0;
    };
  }

  private static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
