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
 *     usual schema
 * @param beforeImageField DMS {@code BeforeImageSettings.FieldName} when {@code EnableBeforeImage}
 *     is on: streaming targets add the old row under that name; database targets ignore it
 */
public record ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply,
    String controlSchema, Optional<String> beforeImageField) {
  public ApplyRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(controlSchema, "controlSchema");
    Objects.requireNonNull(beforeImageField, "beforeImageField");
    tables = List.copyOf(tables);
  }

  /** Without before images. */
  public ApplyRequest(String taskId, List<TargetTable> tables, boolean batchApply,
      String controlSchema) {
    this(taskId, tables, batchApply, controlSchema, Optional.empty());
  }
}
