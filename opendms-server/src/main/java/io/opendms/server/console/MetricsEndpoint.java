package io.opendms.server.console;

import io.opendms.server.dms.DmsFault;
import io.opendms.server.metrics.MetricsService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code GET /metrics}: Prometheus text. Prometheus cannot sign SigV4, so the page is served to an
 * HTTP Basic pair of access key id and secret (Prometheus's {@code basic_auth}), to a signed-in
 * console session, or to anyone when the server runs with {@code --metrics-public} (or {@code
 * --insecure-no-auth}).
 */
final class MetricsEndpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MetricsService metrics;
  private final ConsoleSessions sessions;
  private final boolean publicAccess;

  MetricsEndpoint(MetricsService metrics, ConsoleSessions sessions, boolean publicAccess) {
    this.metrics = metrics;
    this.sessions = sessions;
    this.publicAccess = publicAccess;
  }

  void handle(Exchange exchange) {
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      exchange.fault(new DmsFault("MethodNotAllowed", 405, "/metrics answers GET only"));
      return;
    }
    if (!allowed(exchange)) {
      exchange.addHeader("WWW-Authenticate", "Basic realm=\"opendms metrics\", charset=\"UTF-8\"");
      exchange.fault(new DmsFault("MissingAuthenticationTokenException", 401,
          "/metrics needs HTTP Basic authentication with an access key id and its secret, a console"
              + " session, or a server started with --metrics-public"));
      return;
    }
    exchange.send(200, CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private boolean allowed(Exchange exchange) {
    if (publicAccess || !sessions.authRequired()) {
      return true;
    }
    if (exchange.cookie(ConsoleSessions.COOKIE).flatMap(sessions::find).isPresent()) {
      return true;
    }
    return basic(exchange).filter(pair -> sessions.basicMatches(pair[0], pair[1])).isPresent();
  }

  private static Optional<String[]> basic(Exchange exchange) {
    return exchange.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .flatMap(h -> {
          try {
            String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        });
  }
}
