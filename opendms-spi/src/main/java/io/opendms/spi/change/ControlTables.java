package io.opendms.spi.change;

import java.time.Duration;
import java.util.Objects;

/**
 * DMS's optional control tables ({@code ControlTablesSettings}) an applier writes in the control
 * schema, each only when enabled, as DMS does.
 *
 * @param status {@code StatusTableEnabled}: {@code awsdms_status}, one row per task, updated with
 *     each target commit and during the full load
 * @param suspendedTables {@code SuspendedTablesTableEnabled}: {@code awsdms_suspended_tables}, a row
 *     per table the error policy suspended, in the transaction that suspended it
 * @param history {@code HistoryTableEnabled}: {@code awsdms_history}, a row per timeslot and type
 *     with the rows loaded or changes applied in it
 * @param historyTimeslot {@code HistoryTimeslotInMinutes}
 */
public record ControlTables(boolean status, boolean suspendedTables, boolean history, Duration historyTimeslot) {

  /**
   * {@code awsdms_apply_exceptions}, always created on a database target: one row per change (or,
   * during a full load, per row) the error policy logged, with DMS's columns {@code task_name,
   * table_owner, table_name, error_time} (UTC), {@code statement} (values inlined), {@code error}.
   */
  public static final String APPLY_EXCEPTIONS = "awsdms_apply_exceptions";

  /**
   * {@code awsdms_suspended_tables}: {@code server_name, task_name, table_owner, table_name,
   * suspend_reason, suspend_timestamp} (UTC).
   */
  public static final String SUSPENDED_TABLES = "awsdms_suspended_tables";

  /** No optional control table (DMS's defaults). */
  public static final ControlTables NONE = new ControlTables(false, false, false, Duration.ofMinutes(5));

  /** The {@code server_name} column's value: this host's name, as DMS writes its instance's. */
  public static String serverName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  public ControlTables {
    Objects.requireNonNull(historyTimeslot, "historyTimeslot");
    if (historyTimeslot.toMinutes() < 1) {
      throw new IllegalArgumentException("historyTimeslot must be at least a minute, got " + historyTimeslot);
    }
  }
}
