package io.opendms.connector.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Document writes gathered into {@code _bulk} requests (NDJSON: an action line, then the document
 * for index and update). A request is synchronous, so a write counts as done once its item came
 * back without an error. Items the cluster refused as overloaded or unavailable (429, 5xx) are
 * sent again, in their order, until {@code ErrorRetryDuration} has passed: the cluster runs a
 * bulk request shard by shard and a rejection hits a shard's items together, so a retried write
 * never lands after a later write of the same document. Other refusals (a value the index's
 * mapping cannot take, an update of a missing document) are returned to the caller, which counts
 * or fails. Confined to one thread; the client is shared.
 */
final class OpenSearchBulk {
  static final int MAX_ACTIONS = 5_000;
  static final int MAX_BYTES = 5 * 1024 * 1024;

  /** What came of the writes sent by {@link #send()}. */
  record Outcome(long written, long refused, String firstRefusal) {
    static final Outcome NOTHING = new Outcome(0, 0, null);
  }

  /** One write: its NDJSON lines and the table it belongs to, for messages. */
  private record Action(String lines, String table, boolean delete) {}

  private final OpenSearchClient client;
  private final int maxActions;
  private final List<Action> pending = new ArrayList<>();
  private long pendingBytes;

  OpenSearchBulk(OpenSearchClient client) {
    this(client, 0);
  }

  /** With at most {@code maxActions} writes per request; 0 = {@link #MAX_ACTIONS}. */
  OpenSearchBulk(OpenSearchClient client, int maxActions) {
    this.client = client;
    this.maxActions = maxActions == 0 ? MAX_ACTIONS : Math.min(maxActions, MAX_ACTIONS);
  }

  /** Writes the whole document under {@code id}, replacing what was there. */
  void index(String index, String id, String document, String table) {
    add(new Action(header("index", index, id) + document + "\n", table, false));
  }

  /** Changes some fields of the existing document {@code id}; refused when it does not exist. */
  void update(String index, String id, String fields, String table) {
    add(new Action(header("update", index, id) + "{\"doc\":" + fields + "}\n", table, false));
  }

  /** Removes the document {@code id}; a missing document is not an error. */
  void delete(String index, String id, String table) {
    add(new Action(header("delete", index, id), table, true));
  }

  /** Whether the next write should wait for a {@link #send()}: the request is big enough. */
  boolean full() {
    return pending.size() >= maxActions || pendingBytes >= MAX_BYTES;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Sends every pending write and waits for the answers; the pending list is empty after. */
  Outcome send() {
    if (pending.isEmpty()) {
      return Outcome.NOTHING;
    }
    List<Action> batch = new ArrayList<>(pending);
    pending.clear();
    pendingBytes = 0;
    long written = 0;
    long refused = 0;
    String firstRefusal = null;
    long deadline = System.nanoTime() + client.retryDuration().toNanos();
    for (int attempt = 1; !batch.isEmpty(); attempt++) {
      JsonNode items = post(batch);
      List<Action> again = new ArrayList<>();
      String retryReason = null;
      for (int i = 0; i < batch.size(); i++) {
        Action action = batch.get(i);
        JsonNode item = items.get(i).elements().next();
        int status = item.path("status").asInt();
        if (status / 100 == 2 || (action.delete() && status == 404)) {
          written++;
        } else if (OpenSearchClient.retriable(status)) {
          again.add(action);
          retryReason = retryReason == null ? refusal(action, item) : retryReason;
        } else {
          refused++;
          firstRefusal = firstRefusal == null ? refusal(action, item) : firstRefusal;
        }
      }
      if (!again.isEmpty() && System.nanoTime() >= deadline) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, again.size() + " writes refused"
            + " by OpenSearch " + client.where() + " for " + client.retryDuration().toSeconds()
            + " s (ElasticsearchSettings.ErrorRetryDuration): " + retryReason);
      }
      if (!again.isEmpty()) {
        OpenSearchClient.pause(attempt, deadline, "writing " + again.get(0).table());
      }
      batch = again;
    }
    return new Outcome(written, refused, firstRefusal);
  }

  private JsonNode post(List<Action> batch) {
    var body = new StringBuilder();
    batch.forEach(action -> body.append(action.lines()));
    String doing = "writing " + batch.size() + " documents of " + batch.get(0).table();
    OpenSearchClient.Answer answer = client.require(
        client.send("POST", "_bulk", body.toString(), doing), doing);
    JsonNode items = answer.body().path("items");
    if (items.size() != batch.size()) {
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, doing + ": OpenSearch "
          + client.where() + " answered " + items.size() + " items for " + batch.size()
          + " writes");
    }
    return items;
  }

  private void add(Action action) {
    pending.add(action);
    pendingBytes += action.lines().length();
  }

  private static String header(String operation, String index, String id) {
    // index names are checked (no quote or backslash) and ids are hex: nothing to escape
    return "{\"" + operation + "\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n";
  }

  private static String refusal(Action action, JsonNode item) {
    JsonNode error = item.path("error");
    return action.table() + " document " + item.path("_id").asText() + ": HTTP "
        + item.path("status").asInt() + " " + error.path("type").asText() + ": "
        + OpenSearchClient.abbreviate(error.path("reason").asText());
  }
}
