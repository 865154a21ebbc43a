package io.opendms.connector.dynamodb;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts and deletes sent as BatchWriteItem requests of at most 25 (fewer when the task's
 * ParallelLoadBufferSize says so), in the order given: a write to
 * a key already waiting in the batch sends the batch first, because DynamoDB refuses one key twice
 * in a request and does not order the writes within one. Unprocessed items (throttling) are sent
 * again with a growing pause. One per thread; the client is shared.
 */
final class DynamoDbWriter {
  /** DynamoDB's limit of write requests per BatchWriteItem. */
  static final int BATCH_SIZE = 25;
  private static final int ATTEMPTS = 10;
  static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final DynamoDbClient client;
  private final String where;
  private final Duration firstPause;
  private final int batchSize;
  private final Map<String, List<WriteRequest>> pending = new LinkedHashMap<>();
  private final Set<List<Object>> pendingKeys = new HashSet<>();
  private int pendingCount;
  private long written;

  DynamoDbWriter(DynamoDbClient client, String where) {
    this(client, where, FIRST_PAUSE);
  }

  /** With the pause before the first resend, doubled before each next one (up to 5 s). */
  DynamoDbWriter(DynamoDbClient client, String where, Duration firstPause) {
    this(client, where, firstPause, BATCH_SIZE);
  }

  /** With at most {@code batchSize} writes per request (0 or more than 25: 25). */
  DynamoDbWriter(DynamoDbClient client, String where, Duration firstPause, int batchSize) {
    this.client = client;
    this.where = where;
    this.firstPause = firstPause;
    this.batchSize = batchSize == 0 ? BATCH_SIZE : Math.min(batchSize, BATCH_SIZE);
  }

  void put(String table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
    add(table, key, WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
        .build());
  }

  void delete(String table, Map<String, AttributeValue> key) {
    add(table, key, WriteRequest.builder()
        .deleteRequest(DeleteRequest.builder().key(key).build()).build());
  }

  /**
   * Sends what waits, then updates one item in place: SET each path of the patch, REMOVE the
   * others (UpdateItem, which BatchWriteItem does not offer).
   */
  void update(String table, Map<String, AttributeValue> key, DynamoDbLayout.Patch patch) {
    send(table);
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    patch.set().forEach((path, value) -> {
      String placeholder = ":v" + values.size();
      values.put(placeholder, value);
      sets.add(path(path, names) + " = " + placeholder);
    });
    List<String> removes = patch.remove().stream().map(p -> path(p, names)).toList();
    String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
        + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    if (expression.isBlank()) {
      return;
    }
    call(table, () -> client.updateItem(r -> r.tableName(table).key(key)
        .updateExpression(expression.strip()).expressionAttributeNames(names)
        .expressionAttributeValues(values.isEmpty() ? null : values)));
    written++;
  }

  /** {@code #n0.#n1}: every name a placeholder, so that reserved words and dots are safe. */
  private static String path(List<String> path, Map<String, String> names) {
    List<String> parts = new ArrayList<>();
    for (String name : path) {
      String placeholder = "#n" + names.size();
      names.put(placeholder, name);
      parts.add(placeholder);
    }
    return String.join(".", parts);
  }

  /**
   * Sends what waits and returns how many writes were sent since the last call; {@code label}
   * names what is written, for messages.
   */
  long flush(String label) {
    send(label);
    long count = written;
    written = 0;
    return count;
  }

  private void add(String table, Map<String, AttributeValue> key, WriteRequest request) {
    if (!pendingKeys.add(List.of(table, key))) {
      send(table);
      pendingKeys.add(List.of(table, key));
    }
    pending.computeIfAbsent(table, t -> new ArrayList<>()).add(request);
    if (++pendingCount >= batchSize) {
      send(table);
    }
  }

  private void send(String label) {
    Map<String, List<WriteRequest>> batch = new LinkedHashMap<>(pending);
    int count = pendingCount;
    pending.clear();
    pendingKeys.clear();
    pendingCount = 0;
    for (int attempt = 1; !batch.isEmpty(); attempt++) {
      if (attempt > ATTEMPTS) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, batch.values().stream()
            .mapToInt(List::size).sum() + " writes of " + label + " left unprocessed by "
            + where + " " + ATTEMPTS + " times (throttled)");
      }
      if (attempt > 1) {
        pause(attempt);
      }
      batch = write(batch, label);
    }
    written += count;
  }

  private Map<String, List<WriteRequest>> write(Map<String, List<WriteRequest>> batch,
      String label) {
    BatchWriteItemResponse response = call(label,
        () -> client.batchWriteItem(r -> r.requestItems(batch)));
    return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
  }

  private <T> T call(String label, java.util.function.Supplier<T> request) {
    return DynamoDbCalls.call("writing " + label + " to " + where, request);
  }

  private void pause(int attempt) {
    try {
      Thread.sleep(Math.min(firstPause.toMillis() << (attempt - 2), LONGEST_PAUSE.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "interrupted while retrying", e);
    }
  }
}
