package io.opendms.engine.task;

import io.opendms.engine.fullload.CompletedRange;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.List;
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
 * @param ranges the partitions committed on the target since the table last started loading
 *     whole, each recorded after its commit: a resumed full load does not read them again
 */
public record TableRecord(
    TableId source,
    TableId target,
    TableState state,
    long rows,
    Instant started,
    Instant finished,
    String error,
    ValidationStatus validation,
    List<CompletedRange> ranges) {

  public TableRecord(TableId source, TableId target, TableState state, long rows, Instant started,
      Instant finished, String error) {
    this(source, target, state, rows, started, finished, error, null, List.of());
  }

  /** The same record with other validation counters. */
  public TableRecord withValidation(ValidationStatus status) {
    return new TableRecord(source, target, state, rows, started, finished, error, status, ranges);
  }

  /** The same record with other committed partitions. */
  public TableRecord withRanges(List<CompletedRange> committed) {
    return new TableRecord(source, target, state, rows, started, finished, error, validation, committed);
  }

  public TableRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    // state files written before ranges were recorded have none
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
  }
}
