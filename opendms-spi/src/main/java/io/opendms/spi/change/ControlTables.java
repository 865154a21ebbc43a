package io.opendms.spi.change;

import java.time.Duration;
import java.util.Objects;

/**
 * DMS's optional control tables ({@code ControlTablesSettings}) an applier writes in the control
 * schema, each only when enabled, as DMS does.
 *
 * @param status {@code StatusTableEnabled}: {@code awsdms_status}, one row per task, updated with
 *     each target commit
 * @param suspendedTables {@code SuspendedTablesTableEnabled}: {@code awsdms_suspended_tables}, a row
 *     per table the error policy suspended, in the transaction that suspended it
 * @param history {@code HistoryTableEnabled}: {@code awsdms_history}, a row per timeslot with the
 *     changes applied in it
 * @param historyTimeslot {@code HistoryTimeslotInMinutes}
 */
public record ControlTables(boolean status, boolean suspendedTables, boolean history, Duration historyTimeslot) {

  /** No optional control table (DMS's defaults). */
  public static final ControlTables NONE = new ControlTables(false, false, false, Duration.ofMinutes(5));

  public ControlTables {
    Objects.requireNonNull(historyTimeslot, "historyTimeslot");
    if (historyTimeslot.toMinutes() < 1) {
      throw new IllegalArgumentException("historyTimeslot must be at least a minute, got " + historyTimeslot);
    }
  }
}
