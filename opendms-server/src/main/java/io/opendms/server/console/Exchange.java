package io.opendms.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.api.ApiHandler;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, with what the console's handlers need from both. */
final class Exchange {
  final Request request;
  final Response response;
  final Callback callback;
  private Fields query;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  String method() {
    return request.getMethod();
  }

  String path() {
    return request.getHttpURI().getPath();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  Optional<String> cookie(String name) {
    List<HttpCookie> cookies = Request.getCookies(request);
    return cookies.stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
  }

  /** A query parameter, empty when absent or blank. */
  Optional<String> query(String name) {
    if (query == null) {
      query = Request.extractQueryParameters(request);
    }
    return Optional.ofNullable(query.getValue(name)).filter(v -> !v.isBlank());
  }

  void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  void json(int status, JsonNode body) {
    send(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The error shape of the DMS API: {@code {"__type": ..., "message": ...}}. */
  void fault(DmsFault fault) {
    ObjectNode error = Json.object().put("__type", fault.type()).put("message", fault.getMessage());
    json(fault.status(), error);
  }

  void send(int status, String contentType, byte[] body) {
    ApiHandler.discardBody(request);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
