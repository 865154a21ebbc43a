package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcOptions;
import io.opendms.engine.cdc.DdlPolicy;
import io.opendms.engine.mapping.LobMode;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.ChangeProcessingSections;
import io.opendms.engine.settings.OptionalSections;
import io.opendms.spi.change.ApplyConflictHandler;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.BeforeImage;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What a task's settings and plan say about its CDC. Immutable. */
record CdcSetup(
    List<TableDefinition> sourceTables,
    Map<TableId, TableId> targets,
    Map<TableId, TableTransform> transforms,
    ApplyRequest applyRequest,
    CdcOptions options,
    long memoryLimitBytes,
    Duration memoryKeepTime,
    DdlPolicy ddlPolicy,
    Function<TableDefinition, TableTransform> retransform) {

  static CdcSetup of(TaskDefinition definition, List<TablePlan> plans) {
    SettingValues tuning = definition.settings().section(ChangeProcessingSections.TUNING.name());
    SettingValues control = definition.settings().section(ChangeProcessingSections.CONTROL_TABLES.name());
    boolean batch = definition.settings().targetMetadata().batchApplyEnabled();
    Map<TableId, TableId> targets = new LinkedHashMap<>();
    Map<TableId, TableTransform> transforms = new LinkedHashMap<>();
    plans.forEach(p -> targets.put(p.source().id(), p.target().id()));
    plans.forEach(p -> transforms.put(p.source().id(), p.transform()));
    CdcPositions positions = definition.cdcPositions();
    CdcOptions options = CdcOptions.of(batch,
        tuning.get(ChangeProcessingSections.MIN_TRANSACTION_SIZE),
        Duration.ofSeconds(tuning.get(ChangeProcessingSections.COMMIT_TIMEOUT)),
        tuning.get(ChangeProcessingSections.BATCH_SPLIT_SIZE),
        (long) tuning.get(ChangeProcessingSections.BATCH_APPLY_MEMORY_LIMIT) << 20,
        Duration.ofSeconds(tuning.get(ChangeProcessingSections.BATCH_APPLY_TIMEOUT_MIN)),
        Duration.ofSeconds(tuning.get(ChangeProcessingSections.BATCH_APPLY_TIMEOUT_MAX)),
        positions.stopAtServerTime().orElse(null), positions.stopAtCommitTime().orElse(null));
    return new CdcSetup(
        plans.stream().map(TablePlan::source).toList(),
        targets,
        transforms,
        new ApplyRequest(definition.taskId(), plans.stream().map(TablePlan::target).toList(), batch,
            control.get(ChangeProcessingSections.CONTROL_SCHEMA), ApplyConflictHandler.STOP_ON_ANY,
            ChangeProcessingSections.controlTables(control),
            beforeImage(definition)),
        options,
        (long) tuning.get(ChangeProcessingSections.MEMORY_LIMIT_TOTAL) << 20,
        Duration.ofSeconds(tuning.get(ChangeProcessingSections.MEMORY_KEEP_TIME)),
        ddlPolicy(definition),
        table -> definition.tableMappings().transform(table,
            definition.settings().targetMetadata().targetSchema(),
            LobMode.of(definition.settings().targetMetadata())));
  }

  private static DdlPolicy ddlPolicy(TaskDefinition definition) {
    SettingValues ddl = definition.settings().section(ChangeProcessingSections.DDL_HANDLING.name());
    return new DdlPolicy(ddl.get(ChangeProcessingSections.HANDLE_SOURCE_TABLE_DROPPED),
        ddl.get(ChangeProcessingSections.HANDLE_SOURCE_TABLE_TRUNCATED),
        ddl.get(ChangeProcessingSections.HANDLE_SOURCE_TABLE_ALTERED),
        definition.settings().errorBehavior().applyErrorFailOnTruncationDdl());
  }

  private static Optional<BeforeImage> beforeImage(TaskDefinition definition) {
    SettingValues beforeImage = definition.settings().section(OptionalSections.BEFORE_IMAGE.name());
    return beforeImage.get(OptionalSections.ENABLE_BEFORE_IMAGE)
        ? Optional.of(new BeforeImage(beforeImage.get(OptionalSections.BEFORE_IMAGE_FIELD_NAME),
            BeforeImage.Columns.of(beforeImage.get(OptionalSections.BEFORE_IMAGE_COLUMN_FILTER))))
        : Optional.empty();
  }
}
