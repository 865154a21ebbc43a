package io.opendms.engine.mapping;

import io.opendms.engine.mapping.expression.RowOperation;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a row comes from, for the header variables of expressions ({@code $AR_H_OPERATION},
 * {@code $AR_H_TIMESTAMP}, ...).
 *
 * @param operation what the source did; {@link RowOperation#LOAD} during a full load
 * @param commitTime when the source committed the change; the load time during a full load
 * @param transactionId the source transaction id; null during a full load
 * @param changeSequence DMS's {@code AR_H_CHANGE_SEQ}: 16 digits of commit time in microseconds
 *     and a 19-digit counter; null during a full load
 */
public record RowContext(
    RowOperation operation, Instant commitTime, Long transactionId, String changeSequence) {

  public RowContext {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(commitTime, "commitTime");
  }

  /** A row read by a full load at {@code now}. */
  public static RowContext load(Instant now) {
    return new RowContext(RowOperation.LOAD, now, null, null);
  }

  RowContext as(RowOperation other) {
    return new RowContext(other, commitTime, transactionId, changeSequence);
  }
}
