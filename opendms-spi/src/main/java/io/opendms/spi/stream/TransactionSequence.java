package io.opendms.spi.stream;

import io.opendms.spi.change.Begin;
import java.time.Instant;
import java.util.Optional;

/**
 * Numbers the changes of a delivery for DMS's transaction details: the record number within the
 * source transaction and the previous transaction's id and last record number. Shared by the
 * message targets (Kafka, Kinesis); confined to the delivery's thread.
 */
public final class TransactionSequence {
  private long transactionId;
  private Instant commitTime = Instant.EPOCH;
  private int recordId;
  private Optional<long[]> previous = Optional.empty();

  /** A source transaction starts. */
  public void begin(Begin begin) {
    if (recordId > 0) {
      previous = Optional.of(new long[] {transactionId, recordId});
    }
    transactionId = begin.xid();
    commitTime = begin.commitTime();
    recordId = 0;
  }

  /** The details of the next change of the current transaction. */
  public StreamEnvelope.Transaction next() {
    recordId++;
    return new StreamEnvelope.Transaction(transactionId, recordId, previous, commitTime);
  }
}
