package io.opendms.connector.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The REST calls of the target over the JDK's HttpClient. A request the cluster did not answer
 * (connection refused or lost, timeout) or refused as overloaded (429, 5xx) is sent again with
 * growing pauses until {@code ErrorRetryDuration} has passed; then it fails as transient, so the
 * engine restarts from its stored position. Thread-safe.
 */
final class OpenSearchClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  private static final long MAX_PAUSE_MILLIS = 5_000;

  /** An answer: the HTTP status and the parsed body (a missing node when it had none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private final OpenSearchSettings settings;
  private final String authorization;

  OpenSearchClient(OpenSearchSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1).build();
    this.authorization = settings.username().isEmpty() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((settings.username() + ":" + settings.password())
            .getBytes(StandardCharsets.UTF_8));
  }

  ObjectMapper json() {
    return json;
  }

  /** The cluster's URL, for messages. */
  String where() {
    return settings.endpoint().toString();
  }

  Duration retryDuration() {
    return settings.errorRetryDuration();
  }

  /**
   * Sends {@code method path} with an optional body ({@code application/json}, or NDJSON for
   * {@code _bulk}), retrying as the class says; any other answer (2xx, 4xx) is returned.
   */
  Answer send(String method, String path, String body, String doing) {
    return send(method, path, body, doing, settings.errorRetryDuration());
  }

  /**
   * Checks once, without retrying, that the cluster answers and takes the credentials: an
   * endpoint that is wrong is reported at once rather than after {@code ErrorRetryDuration}.
   */
  void probe() {
    String doing = "connecting";
    require(send("GET", "", null, doing, Duration.ZERO), doing);
  }

  private Answer send(String method, String path, String body, String doing, Duration retryFor) {
    HttpRequest request = request(method, path, body);
    long deadline = System.nanoTime() + retryFor.toNanos();
    for (int attempt = 1; ; attempt++) {
      String failure;
      Exception cause = null;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (!retriable(status)) {
          return new Answer(status, parse(response.body()));
        }
        failure = "HTTP " + status + " " + abbreviate(response.body());
      } catch (IOException e) {
        failure = e.toString();
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, doing + " was interrupted", e);
      }
      if (System.nanoTime() >= deadline) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, doing + " at OpenSearch "
            + where() + " failed for " + retryFor.toSeconds()
            + " s (ElasticsearchSettings.ErrorRetryDuration), " + attempt + " attempts: "
            + failure, cause);
      }
      pause(attempt, deadline, doing);
    }
  }

  /** Throws naming what was done when the answer is not 2xx. */
  Answer require(Answer answer, String doing) {
    if (!answer.ok()) {
      throw new OpenDmsException(answer.status() == 401 || answer.status() == 403
          ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.TARGET_WRITE_FAILED,
          doing + " at OpenSearch " + where() + " answered HTTP " + answer.status() + ": "
              + abbreviate(answer.body().toString()));
    }
    return answer;
  }

  /** Whether a status means "overloaded or unavailable, try again later". */
  static boolean retriable(int status) {
    return status == 429 || status >= 500;
  }

  /** Waits before attempt {@code attempt + 1}, never past the deadline. */
  static void pause(int attempt, long deadline, String doing) {
    long millis = Math.min(100L << Math.min(attempt, 10), MAX_PAUSE_MILLIS);
    millis = Math.max(0, Math.min(millis, (deadline - System.nanoTime()) / 1_000_000 + 1));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, doing + " was interrupted", e);
    }
  }

  /** The body as JSON; a body that is not JSON (a proxy's error page) as one text node. */
  private JsonNode parse(String text) {
    if (text == null || text.isEmpty()) {
      return json.missingNode();
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }

  private HttpRequest request(String method, String path, String body) {
    URI uri = settings.endpoint().resolve(path);
    var builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", path.startsWith("_bulk") ? "application/x-ndjson"
          : "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  @Override
  public void close() {
    // HttpClient of Java 17 has no close; its threads end with the last reference.
  }
}
