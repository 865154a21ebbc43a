package io.opendms.engine.task;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.endpoint.EndpointConfig;
import java.util.Objects;

/**
 * Everything a replication task is: DMS's task fields.
 *
 * @param taskId the identifier; keys the task's state in the data directory
 * @param source the source endpoint
 * @param target the target endpoint
 * @param migrationType full load, CDC or both
 * @param tableMappings which tables, and how they are named on the target
 * @param settings the task settings, DMS defaults filled in
 * @param allowNativeFormats false forces rows to be decoded even where the fast path applies
 * @param cdcPositions DMS {@code CdcStartPosition}/{@code CdcStopPosition}
 */
public record TaskDefinition(
    String taskId,
    EndpointConfig source,
    EndpointConfig target,
    MigrationType migrationType,
    TableMappings tableMappings,
    TaskSettings settings,
    boolean allowNativeFormats,
    CdcPositions cdcPositions) {

  /** A task without CDC start or stop position. */
  public TaskDefinition(String taskId, EndpointConfig source, EndpointConfig target,
      MigrationType migrationType, TableMappings tableMappings, TaskSettings settings,
      boolean allowNativeFormats) {
    this(taskId, source, target, migrationType, tableMappings, settings, allowNativeFormats,
        CdcPositions.NONE);
  }

  public TaskDefinition {
    Objects.requireNonNull(cdcPositions, "cdcPositions");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(migrationType, "migrationType");
    Objects.requireNonNull(tableMappings, "tableMappings");
    Objects.requireNonNull(settings, "settings");
  }
}
