package io.opendms.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.api.ApiHandler;
import io.opendms.server.api.Faults;
import io.opendms.server.api.Operation;
import io.opendms.server.control.TaskService;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Json;
import io.opendms.server.metrics.MetricsService;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON calls under {@code /console/api/}. Resource operations are {@code POST
 * op/<DMS operation>} with the DMS request members, served by the same {@link Operation}s as the
 * DMS API; the rest reads what the API has no call for (metric history, the task log). Every call
 * but sign-in needs a session; every POST or DELETE also the session's CSRF token in {@code
 * X-CSRF-Token} and, when the browser sends one, an {@code Origin} of this server.
 */
final class ConsoleApi {
  static final String PREFIX = "/console/api/";
  private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);

  private final Map<String, Operation> operations;
  private final TaskService tasks;
  private final MetricsService metrics;
  private final ConsoleSessions sessions;
  private final TaskViews views;

  ConsoleApi(Map<String, Operation> operations, TaskService tasks, MetricsService metrics, ConsoleSessions sessions) {
    this.operations = Map.copyOf(operations);
    this.tasks = tasks;
    this.metrics = metrics;
    this.sessions = sessions;
    this.views = new TaskViews(tasks, metrics);
  }

  void handle(Exchange exchange) {
    try {
      exchange.json(200, serve(exchange, exchange.path().substring(PREFIX.length())));
    } catch (DmsFault fault) {
      exchange.fault(fault);
    } catch (RuntimeException e) {
      DmsFault fault = Faults.of(e);
      if (fault.status() >= 500) {
        log.error("console call {} failed", exchange.path(), e);
      }
      exchange.fault(fault);
    }
  }

  private JsonNode serve(Exchange exchange, String route) {
    String method = exchange.method();
    if (route.equals("session")) {
      return switch (method) {
        case "GET" -> describe(exchange.cookie(ConsoleSessions.COOKIE).flatMap(sessions::find));
        case "POST" -> signIn(exchange);
        case "DELETE" -> signOut(exchange);
        default -> throw notAllowed(route);
      };
    }
    ConsoleSessions.Session session = exchange.cookie(ConsoleSessions.COOKIE).flatMap(sessions::find)
        .orElseThrow(() -> new DmsFault("AccessDeniedFault", 401, "Sign in to the console first"));
    if (!method.equals("GET")) {
      checkOrigin(exchange);
      if (!ConsoleSessions.csrfMatches(session, exchange.header("X-CSRF-Token").orElse(null))) {
        throw new DmsFault("AccessDeniedFault", 403, "Missing or wrong X-CSRF-Token");
      }
    }
    if (route.startsWith("op/") && method.equals("POST")) {
      String name = route.substring(3);
      Operation operation = Optional.ofNullable(operations.get(name)).orElseThrow(() ->
          new DmsFault("UnknownOperationException", "Operation " + name + " is not supported by this service"));
      return operation.handle(new ApiRequest(name, body(exchange)));
    }
    return switch (method + " " + route) {
      case "GET tasks/metrics" -> views.metrics(required(exchange, "arn"),
          exchange.query("minutes").map(ConsoleApi::minutes).orElse(180));
      case "GET tasks/log" -> views.log(required(exchange, "arn"), exchange.query("component"),
          exchange.query("severity"), exchange.query("text"), exchange.query("limit"));
      case "POST tasks/validate-mappings" -> views.validateMappings(body(exchange).path("TableMappings"));
      default -> throw new DmsFault("NotFound", 404, "No console call " + method + " " + route);
    };
  }

  private JsonNode signIn(Exchange exchange) {
    checkOrigin(exchange);
    ObjectNode body = body(exchange);
    var session = sessions.signIn(body.path("AccessKeyId").asText(null), body.path("SecretAccessKey").asText(null))
        .orElseThrow(() -> new DmsFault("AccessDeniedFault", 401,
            "The access key id or the secret access key is not right"));
    if (sessions.authRequired()) {
      exchange.addHeader("Set-Cookie", ConsoleSessions.COOKIE + "=" + session.id()
          + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + ConsoleSessions.IDLE.toSeconds()
          + (overHttps(exchange) ? "; Secure" : ""));
    }
    return describe(Optional.of(session));
  }

  private JsonNode signOut(Exchange exchange) {
    checkOrigin(exchange);
    exchange.cookie(ConsoleSessions.COOKIE).ifPresent(sessions::signOut);
    exchange.addHeader("Set-Cookie", ConsoleSessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return describe(Optional.empty());
  }

  private ObjectNode describe(Optional<ConsoleSessions.Session> session) {
    ObjectNode reply = Json.object();
    reply.put("AuthRequired", sessions.authRequired());
    reply.put("SignedIn", session.isPresent());
    session.ifPresent(s -> reply.put("AccessKeyId", s.accessKeyId()).put("CsrfToken", s.csrfToken()));
    if (session.isPresent()) {
      ArrayNode names = reply.putArray("Operations");
      operations.keySet().stream().sorted().forEach(names::add);
      reply.put("SampleIntervalSeconds", MetricsService.SAMPLE_INTERVAL.toSeconds());
    }
    return reply;
  }

  /** Served over TLS, directly or behind a proxy that says so: then the cookie is Secure too. */
  private static boolean overHttps(Exchange exchange) {
    return exchange.request.isSecure()
        || exchange.header("X-Forwarded-Proto").filter(p -> p.equalsIgnoreCase("https")).isPresent();
  }

  /** A cross-site request carries the other site's Origin: refuse it even before the token check. */
  private static void checkOrigin(Exchange exchange) {
    Optional<String> origin = exchange.header("Origin");
    Optional<String> host = exchange.header("Host");
    if (origin.isPresent() && host.isPresent()
        && !origin.get().equals("http://" + host.get()) && !origin.get().equals("https://" + host.get())) {
      throw new DmsFault("AccessDeniedFault", 403, "Cross-origin request refused: Origin " + origin.get());
    }
  }

  private static ObjectNode body(Exchange exchange) {
    byte[] bytes = ApiHandler.readBody(exchange.request);
    if (bytes.length == 0) {
      return Json.object();
    }
    try {
      JsonNode root = Json.MAPPER.readTree(bytes);
      if (root instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new DmsFault("SerializationException", "The request body must be a JSON object");
  }

  private static String required(Exchange exchange, String name) {
    return exchange.query(name)
        .orElseThrow(() -> DmsFault.invalidParameter("Query parameter " + name + " is required"));
  }

  private static int minutes(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= 24 * 60) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DmsFault.invalidParameter("minutes must be 1-1440, got " + text);
  }

  private static DmsFault notAllowed(String route) {
    return new DmsFault("MethodNotAllowed", 405, "Method not allowed on " + route);
  }
}
