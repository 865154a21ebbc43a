package io.opendms.connector.kinesis;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.stream.StreamEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Messages gathered into PutRecords calls within Kinesis's limits (500 records, 5 MiB a call,
 * 1 MiB a record with its partition key). A call is synchronous, so a record counts as delivered
 * once its call returned it without an error code; the records a call refused (throttled shards,
 * internal failures) are sent again, in their order, with growing pauses. Confined to one thread;
 * the client is shared.
 */
final class KinesisBatches {
  static final int MAX_RECORDS = 500;
  static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
  static final int MAX_RECORD_BYTES = 1024 * 1024;
  /** Kinesis's longest partition key, in Unicode characters. */
  static final int MAX_KEY_CHARS = 256;
  private static final int ATTEMPTS = 10;

  private final KinesisClient client;
  private final String stream;
  private final int maxRecords;
  private final List<PutRecordsRequestEntry> pending = new ArrayList<>();
  private long pendingBytes;
  private long delivered;

  KinesisBatches(KinesisClient client, String stream) {
    this(client, stream, 0);
  }

  /** With at most {@code maxRecords} records per call; 0 = {@link #MAX_RECORDS}. */
  KinesisBatches(KinesisClient client, String stream, int maxRecords) {
    this.client = client;
    this.stream = stream;
    this.maxRecords = maxRecords == 0 ? MAX_RECORDS : Math.min(maxRecords, MAX_RECORDS);
  }

  /** Adds a message; sends the batch first when the message would not fit in it. */
  void add(StreamEnvelope.Message message, String table) {
    String key = message.key().isEmpty() ? "-" : message.key();
    if (key.length() > MAX_KEY_CHARS) {
      key = key.substring(0, MAX_KEY_CHARS); // rows sharing the prefix share a shard, in order
    }
    byte[] data = message.json().getBytes(StandardCharsets.UTF_8);
    long bytes = data.length + key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_RECORD_BYTES) {
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "a record of " + table + " is "
          + bytes + " bytes, more than Kinesis's 1 MiB per record (key " + key + ")");
    }
    if (pending.size() >= maxRecords || pendingBytes + bytes > MAX_BATCH_BYTES) {
      send(table);
    }
    pending.add(PutRecordsRequestEntry.builder().partitionKey(key)
        .data(SdkBytes.fromByteArrayUnsafe(data)).build());
    pendingBytes += bytes;
  }

  /** Sends what is pending; returns how many records were delivered since the previous call. */
  long flush(String table) {
    send(table);
    long count = delivered;
    delivered = 0;
    return count;
  }

  private void send(String table) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>(pending);
    pending.clear();
    pendingBytes = 0;
    for (int attempt = 1; !batch.isEmpty(); attempt++) {
      PutRecordsResponse response = put(batch, table);
      int sent = batch.size();
      if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
        delivered += sent;
        return;
      }
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      String firstError = null;
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(batch.get(i));
          if (firstError == null) {
            firstError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
          }
        }
      }
      delivered += sent - failed.size();
      if (attempt == ATTEMPTS) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, failed.size() + " records of "
            + table + " refused by Kinesis stream " + stream + " " + ATTEMPTS + " times: "
            + firstError);
      }
      pause(attempt);
      batch = failed;
    }
  }

  private PutRecordsResponse put(List<PutRecordsRequestEntry> batch, String table) {
    try {
      return client.putRecords(r -> r.streamName(stream).records(batch));
    } catch (ResourceNotFoundException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "Kinesis stream " + stream
          + " (KinesisSettings.StreamArn) does not exist: " + e.getMessage(), e);
    } catch (SdkClientException e) {
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED,
          "sending " + table + " to Kinesis stream " + stream + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new OpenDmsException(e.retryable() ? ErrorCode.CONNECTION_FAILED
          : ErrorCode.TARGET_WRITE_FAILED,
          "sending " + table + " to Kinesis stream " + stream + " failed: " + e.getMessage(), e);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(100L << attempt, 5_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "interrupted while retrying", e);
    }
  }
}
