package io.opendms.engine.task;

import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the task remembers of one table between runs.
 *
 * @param source the source table
 * @param target the target table
 * @param state the load state
 * @param rows rows loaded (committed on the target)
 * @param started when its load started; null before
 * @param finished when its load ended; null before
 * @param error why it failed; null unless {@link TableState#TABLE_ERROR}
 * @param validation its validation counters; null when validation never ran
 */
public record TableRecord(
    TableId source,
    TableId target,
    TableState state,
    long rows,
    Instant started,
    Instant finished,
    String error,
    ValidationStatus validation) {

  public TableRecord(TableId source, TableId target, TableState state, long rows, Instant started,
      Instant finished, String error) {
    this(source, target, state, rows, started, finished, error, null);
  }

  /** The same record with other validation counters. */
  public TableRecord withValidation(ValidationStatus status) {
    return new TableRecord(source, target, state, rows, started, finished, error, status);
  }

  public TableRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
  }
}
