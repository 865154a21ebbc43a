package io.opendms.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.dms.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The console's JSON calls as its browser code makes them: a session cookie and the CSRF token. */
final class ConsoleClient {
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private String csrf = "";

  ConsoleClient(String base) {
    this.base = base;
  }

  record Reply(int status, JsonNode body, String setCookie) {}

  Reply signIn(String keyId, String secret) {
    Reply reply = send("POST", "session",
        Json.object().put("AccessKeyId", keyId).put("SecretAccessKey", secret).toString(), false);
    if (reply.status() == 200) {
      csrf = reply.body().path("CsrfToken").asText();
    }
    return reply;
  }

  /** A DMS operation through the console. */
  JsonNode op(String operation, String body) {
    Reply reply = send("POST", "op/" + operation, body, true);
    if (reply.status() != 200) {
      throw new AssertionError(operation + " failed: " + reply.status() + " " + reply.body());
    }
    return reply.body();
  }

  Reply get(String route) {
    return send("GET", route, null, false);
  }

  Reply send(String method, String route, String body, boolean withCsrf) {
    return sendWith(method, route, body, withCsrf, null, null);
  }

  /** With or without the CSRF token, and one more header unless {@code header} is null. */
  Reply sendWith(String method, String route, String body, boolean withCsrf, String header, String value) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/console/api/" + route))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (withCsrf) {
      request.header("X-CSRF-Token", csrf);
    }
    if (header != null) {
      request.header(header, value);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()),
          response.headers().firstValue("Set-Cookie").orElse(""));
    } catch (IOException e) {
      throw new AssertionError("console call " + route + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
