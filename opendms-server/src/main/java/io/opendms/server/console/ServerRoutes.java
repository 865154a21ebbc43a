package io.opendms.server.console;

import io.opendms.server.api.ApiHandler;
import io.opendms.server.api.Operation;
import io.opendms.server.auth.AccessKeys;
import io.opendms.server.control.TaskService;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.metrics.MetricsService;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything on the server's one port: {@code GET /metrics}, the console's calls under {@code
 * /console/api/}, its files at {@code GET /} and {@code /console/}, and the DMS API (every other
 * request, as before: {@code POST /}).
 */
public final class ServerRoutes extends Handler.Abstract {
  private final ApiHandler api;
  private final ConsoleApi console;
  private final MetricsEndpoint metrics;
  private final StaticFiles files = new StaticFiles();

  /**
   * @param keys the access keys; null with --insecure-no-auth
   * @param metricsPublic serve /metrics without authentication
   */
  public ServerRoutes(ApiHandler api, Map<String, Operation> operations, TaskService tasks,
      MetricsService metricsService, AccessKeys keys, boolean metricsPublic, Clock clock) {
    this.api = api;
    ConsoleSessions sessions = new ConsoleSessions(keys, clock);
    this.console = new ConsoleApi(operations, tasks, metricsService, sessions);
    this.metrics = new MetricsEndpoint(metricsService, sessions, metricsPublic);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    var exchange = new Exchange(request, response, callback);
    if (path.equals("/metrics")) {
      metrics.handle(exchange);
    } else if (path.startsWith(ConsoleApi.PREFIX)) {
      console.handle(exchange);
    } else if ((method.equals("GET") || method.equals("HEAD")) && (path.equals("/") || path.startsWith("/console/"))) {
      files.handle(exchange);
    } else if (method.equals("GET")) {
      exchange.fault(new DmsFault("NotFound", 404, "Nothing at " + path + "; the console is at /"));
    } else {
      return api.handle(request, response, callback);
    }
    return true;
  }
}
