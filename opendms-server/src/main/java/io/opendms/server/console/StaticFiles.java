package io.opendms.server.console;

import io.opendms.server.dms.DmsFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's files, from the jar: {@code /} is {@code index.html}, {@code /console/NAME} is the
 * resource {@code io/opendms/server/console/static/NAME}. A strict Content-Security-Policy allows
 * only this origin's scripts and styles.
 */
final class StaticFiles {
  private static final String ROOT = "io/opendms/server/console/static/";
  private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
      + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "txt", "text/plain; charset=utf-8");

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  void handle(Exchange exchange) {
    String path = exchange.path();
    String name = path.equals("/") ? "index.html" : path.substring("/console/".length());
    if (name.isEmpty() || name.contains("..") || name.startsWith("/") || name.contains("\\")) {
      exchange.fault(new DmsFault("NotFound", 404, "no such file: " + path));
      return;
    }
    String extension = name.substring(name.lastIndexOf('.') + 1);
    String type = TYPES.get(extension);
    Optional<byte[]> body = type == null ? Optional.empty() : cache.computeIfAbsent(name, StaticFiles::load);
    if (body.isEmpty()) {
      exchange.fault(new DmsFault("NotFound", 404, "no such file: " + path));
      return;
    }
    exchange.addHeader("Content-Security-Policy", POLICY);
    exchange.addHeader("X-Frame-Options", "DENY");
    exchange.addHeader("Referrer-Policy", "no-referrer");
    exchange.send(200, type, body.get());
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
