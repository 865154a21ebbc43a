package io.opendms.spi.target;

import java.util.List;

/**
 * A {@link TargetSession} of a database target that can record rows its full load refused, in
 * DMS's {@code awsdms_apply_exceptions} control table (DMS documents no own layout for
 * {@code awsdms_full_load_exceptions}, so refused rows go where refused changes go). The engine
 * checks for this role with {@code instanceof}; targets without control tables do not offer it
 * and the refused rows are in the task log only.
 */
public interface RefusedRowLog {

  /**
   * Writes one row to {@code <controlSchema>.awsdms_apply_exceptions}, creating the table when
   * missing, committed in a transaction of its own: {@code statement} is an INSERT of {@code row}
   * with its values inlined, {@code error} the target's message. Called on the session's thread,
   * between loads; blocks on the target.
   *
   * @param controlSchema DMS {@code ControlSchema}; empty means the target's usual control schema
   * @param row the refused row, in {@code table}'s column order
   */
  void recordRefusedRow(String taskId, String controlSchema, TargetTable table, List<Object> row,
      String error);
}
