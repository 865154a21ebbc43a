package io.opendms.connector.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbWriterTest {

  /**
   * Records every BatchWriteItem; leaves the first {@code unprocessed} requests of each call
   * unprocessed while {@code throttledCalls} lasts, as a throttled table does.
   */
  private static final class FakeDynamoDb implements DynamoDbClient {
    final List<List<WriteRequest>> calls = new ArrayList<>();
    int throttledCalls;
    int unprocessed;

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      List<WriteRequest> writes = request.requestItems().get("t");
      calls.add(writes);
      if (throttledCalls > 0) {
        throttledCalls--;
        Map<String, List<WriteRequest>> left = new HashMap<>();
        left.put("t", writes.subList(0, Math.min(unprocessed, writes.size())));
        return BatchWriteItemResponse.builder().unprocessedItems(left).build();
      }
      return BatchWriteItemResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  private static Map<String, AttributeValue> key(int id) {
    return Map.of("id", AttributeValue.fromN(Integer.toString(id)));
  }

  private static void put(DynamoDbWriter writer, int id) {
    writer.put("t", Map.of("id", AttributeValue.fromN(Integer.toString(id)),
        "v", AttributeValue.fromS("v" + id)), key(id));
  }

  @Test
  void requestsCarryAtMost25Writes() {
    var dynamo = new FakeDynamoDb();
    var writer = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1));
    for (int i = 0; i < 60; i++) {
      put(writer, i);
    }

    assertThat(writer.flush("t")).isEqualTo(60);
    assertThat(dynamo.calls).extracting(List::size).containsExactly(25, 25, 10);
    assertThat(writer.flush("t")).isZero();
  }

  @Test
  void parallelLoadBufferSizeMakesRequestsSmallerButNeverLargerThan25() {
    var dynamo = new FakeDynamoDb();
    var small = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1), 10);
    var large = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1), 1000);
    for (int i = 0; i < 30; i++) {
      put(small, i);
      put(large, i);
    }

    assertThat(small.flush("t")).isEqualTo(30);
    assertThat(large.flush("t")).isEqualTo(30);
    assertThat(dynamo.calls).extracting(List::size).containsExactly(10, 10, 25, 10, 5);
  }

  @Test
  void aSecondWriteOfAKeySendsTheBatchFirstSoTheWritesKeepTheirOrder() {
    var dynamo = new FakeDynamoDb();
    var writer = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1));
    put(writer, 1);
    put(writer, 2);
    writer.delete("t", key(1));
    writer.flush("t");

    assertThat(dynamo.calls).hasSize(2);
    assertThat(dynamo.calls.get(0)).extracting(w -> w.putRequest().item().get("id").n())
        .containsExactly("1", "2");
    assertThat(dynamo.calls.get(1).get(0).deleteRequest().key()).isEqualTo(key(1));
  }

  @Test
  void unprocessedItemsAreSentAgainUntilTaken() {
    var dynamo = new FakeDynamoDb();
    dynamo.throttledCalls = 2;
    dynamo.unprocessed = 5;
    var writer = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1));
    for (int i = 0; i < 20; i++) {
      put(writer, i);
    }

    assertThat(writer.flush("t")).isEqualTo(20);
    assertThat(dynamo.calls).extracting(List::size).containsExactly(20, 5, 5);
    assertThat(dynamo.calls.get(2)).isEqualTo(dynamo.calls.get(0).subList(0, 5));
  }

  @Test
  void itemsLeftUnprocessedTenTimesFailTheTaskAsTransient() {
    var dynamo = new FakeDynamoDb();
    dynamo.throttledCalls = Integer.MAX_VALUE;
    dynamo.unprocessed = 1;
    var writer = new DynamoDbWriter(dynamo, "fake", java.time.Duration.ofMillis(1));
    put(writer, 1);

    assertThatThrownBy(() -> writer.flush("public.t"))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("1 writes of public.t left unprocessed by fake 10 times")
        .satisfies(e -> assertThat(((OpenDmsException) e).code())
            .isEqualTo(ErrorCode.CONNECTION_FAILED));
  }
}
