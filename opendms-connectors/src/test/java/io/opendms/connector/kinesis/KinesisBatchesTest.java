package io.opendms.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.stream.StreamEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class KinesisBatchesTest {

  /** Records every PutRecords call; refuses the records whose key is in {@code refuseOnce} once. */
  private static final class FakeKinesis implements KinesisClient {
    final List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();
    final List<String> refuseOnce = new ArrayList<>();

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
      calls.add(request.records());
      List<PutRecordsResultEntry> results = new ArrayList<>();
      int failed = 0;
      for (PutRecordsRequestEntry entry : request.records()) {
        if (refuseOnce.remove(entry.partitionKey())) {
          failed++;
          results.add(PutRecordsResultEntry.builder()
              .errorCode("ProvisionedThroughputExceededException").errorMessage("slow down").build());
        } else {
          results.add(PutRecordsResultEntry.builder().sequenceNumber("1").shardId("s").build());
        }
      }
      return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  }

  private static StreamEnvelope.Message message(String key, int bytes) {
    return new StreamEnvelope.Message(key, "x".repeat(bytes));
  }

  @Test
  void aBatchHoldsAtMost500RecordsAndFiveMebibytes() {
    var kinesis = new FakeKinesis();
    var batches = new KinesisBatches(kinesis, "s");
    for (int i = 0; i < 1001; i++) {
      batches.add(message("k" + i, 10), "t");
    }
    for (int i = 0; i < 6; i++) {
      batches.add(message("big" + i, 1000 * 1000), "t");
    }

    assertThat(batches.flush("t")).isEqualTo(1007);
    assertThat(kinesis.calls).extracting(List::size).containsExactly(500, 500, 1 + 5, 1); // a sixth 1 MB record passes 5 MiB
  }

  @Test
  void parallelLoadBufferSizeSetsTheRecordsPerCallUpTo500() {
    var kinesis = new FakeKinesis();
    var batches = new KinesisBatches(kinesis, "s", 50);
    for (int i = 0; i < 120; i++) {
      batches.add(message("k" + i, 10), "t");
    }
    assertThat(batches.flush("t")).isEqualTo(120);
    var capped = new KinesisBatches(kinesis, "s", 1000);
    for (int i = 0; i < 600; i++) {
      capped.add(message("k" + i, 10), "t");
    }
    assertThat(capped.flush("t")).isEqualTo(600);

    assertThat(kinesis.calls).extracting(List::size).containsExactly(50, 50, 20, 500, 100);
  }

  @Test
  void refusedRecordsAreSentAgainInTheirOrderAndCountedOnce() {
    var kinesis = new FakeKinesis();
    kinesis.refuseOnce.addAll(List.of("k2", "k4"));
    var batches = new KinesisBatches(kinesis, "s");
    for (int i = 0; i < 6; i++) {
      batches.add(message("k" + i, 10), "t");
    }

    assertThat(batches.flush("t")).isEqualTo(6);
    assertThat(kinesis.calls).hasSize(2);
    assertThat(kinesis.calls.get(1)).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("k2", "k4");
  }

  @Test
  void aRecordOverOneMebibyteFailsNamingTheTableAndLongKeysAreCut() {
    var kinesis = new FakeKinesis();
    var batches = new KinesisBatches(kinesis, "s");
    assertThatThrownBy(() -> batches.add(message("k", 1024 * 1024), "public.blobs"))
        .isInstanceOf(OpenDmsException.class).hasMessageContaining("public.blobs");

    batches.add(message("k".repeat(300), 1), "t");
    batches.flush("t");
    assertThat(kinesis.calls.get(0).get(0).partitionKey()).hasSize(256);
  }
}
