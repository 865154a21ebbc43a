package io.opendms.spi.change;

import io.opendms.spi.target.TargetTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task asks of a target's change applier.
 *
 * @param taskId the task's identifier: keys the stored position on the target
 * @param tables the target tables changes will name, already prepared
 * @param batchApply DMS {@code BatchApplyEnabled}: net changes per key, merged set-wise; else
 *     statement by statement in source order
 * @param controlSchema DMS {@code ControlTablesSettings.ControlSchema}; empty means the target's
 *     usual schema; also where failed changes go ({@code awsdms_apply_exceptions})
 * @param conflicts decides what happens to a change the target refuses (duplicate key, missing
 *     row, data error); see {@link ChangeApplier} for what an applier must report
 * @param controlTables the optional control tables to write in {@code controlSchema}
 * @param beforeImage DMS {@code BeforeImageSettings} when {@code EnableBeforeImage} is on:
 *     streaming targets add the old row's chosen columns under its field name; database targets
 *     ignore it
 */
public record ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply,
    String controlSchema, ApplyConflictHandler conflicts, ControlTables controlTables,
    Optional<BeforeImage> beforeImage) {
  public ApplyRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(controlSchema, "controlSchema");
    Objects.requireNonNull(conflicts, "conflicts");
    Objects.requireNonNull(controlTables, "controlTables");
    Objects.requireNonNull(beforeImage, "beforeImage");
    tables = List.copyOf(tables);
  }

  /** A request without before images. */
  public ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply, String controlSchema,
      ApplyConflictHandler conflicts, ControlTables controlTables) {
    this(taskId, tables, batchApply, controlSchema, conflicts, controlTables, Optional.empty());
  }

  /** A request writing no optional control table, without before images. */
  public ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply, String controlSchema,
      ApplyConflictHandler conflicts) {
    this(taskId, tables, batchApply, controlSchema, conflicts, ControlTables.NONE, Optional.empty());
  }

  /** A request that fails on any conflict and writes no optional control table. */
  public ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply,
      String controlSchema, Optional<BeforeImage> beforeImage) {
    this(taskId, tables, batchApply, controlSchema, ApplyConflictHandler.STOP_ON_ANY,
        ControlTables.NONE, beforeImage);
  }

  /** This request with refused changes decided by {@code handler}; everything else kept. */
  public ApplyRequest withConflicts(ApplyConflictHandler handler) {
    return new ApplyRequest(taskId, tables, batchApply, controlSchema, handler, controlTables,
        beforeImage);
  }

  /** A request that fails on any conflict ({@link ApplyConflictHandler#STOP_ON_ANY}). */
  public ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply, String controlSchema) {
    this(taskId, tables, batchApply, controlSchema, ApplyConflictHandler.STOP_ON_ANY,
        ControlTables.NONE, Optional.empty());
  }
}
