package io.opendms.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * Indices of a test's own on the local OpenSearch node that {@code scripts/services.sh up}
 * starts (127.0.0.1:9200): every index the test makes starts with {@link #prefix()}, is read
 * back through the REST API (refreshed first, every document by scrolling) and is deleted on
 * {@link #close()}. {@link #stopNode()} and {@link #startNode()} stop and restart that node.
 */
public final class TestingOpenSearch implements AutoCloseable {
  public static final String URL =
      System.getProperty("opendms.test.opensearch.url", "http://127.0.0.1:9200");
  private static final int PAGE = 5_000;

  /** Decimals exactly as written ({@code 0.50} stays {@code 0.50}). */
  private final ObjectMapper json = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private final HttpClient http = HttpClient.newHttpClient();
  private final String prefix;

  private TestingOpenSearch(String prefix) {
    this.prefix = prefix;
  }

  /** A unique lower-case prefix for the test's index names, such as {@code os_1a2b3c4d5e6f_}. */
  public static TestingOpenSearch indices(String prefix) {
    return new TestingOpenSearch(UniqueNames.database(prefix) + "_");
  }

  public String prefix() {
    return prefix;
  }

  /** {@code opensearch://127.0.0.1:9200} plus {@code query} ({@code ?Name=value&...} or empty). */
  public String uri(String query) {
    return "opensearch://" + URI.create(URL).getAuthority() + query;
  }

  /** Every document of {@code index} by {@code _id} (its {@code _source}); empty when it is missing. */
  public Map<String, JsonNode> documents(String index) {
    Map<String, JsonNode> documents = new TreeMap<>();
    if (request("POST", index + "/_refresh", null).path("status").asInt(200) == 404) {
      return documents;
    }
    JsonNode page = request("POST", index + "/_search?scroll=1m",
        "{\"size\":" + PAGE + ",\"query\":{\"match_all\":{}}}");
    String scroll = page.path("_scroll_id").asText();
    try {
      while (page.path("hits").path("hits").size() > 0) {
        for (JsonNode hit : page.path("hits").path("hits")) {
          documents.put(hit.path("_id").asText(), hit.path("_source"));
        }
        page = request("POST", "_search/scroll",
            "{\"scroll\":\"1m\",\"scroll_id\":\"" + scroll + "\"}");
        scroll = page.path("_scroll_id").asText(scroll);
      }
    } finally {
      request("DELETE", "_search/scroll", "{\"scroll_id\":\"" + scroll + "\"}");
    }
    return documents;
  }

  /** The parsed answer of {@code method path} with an optional JSON body, whatever its status. */
  public JsonNode request(String method, String path, String body) {
    var builder = HttpRequest.newBuilder(URI.create(URL + "/" + path));
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + URL + "/" + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the node that scripts/services.sh started. */
  public static void stopNode() {
    ServiceScript.run("down", "opensearch");
  }

  /** Starts the node again and waits until it answers. */
  public static void startNode() {
    ServiceScript.run("up", "opensearch");
  }

  /** Deletes every index of the test. */
  @Override
  public void close() {
    request("DELETE", prefix + "*", null);
  }
}
