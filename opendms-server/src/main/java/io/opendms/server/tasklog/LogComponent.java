package io.opendms.server.tasklog;

import java.util.List;
import java.util.Map;

/**
 * DMS's task-log components, decided by the logging class: the engine and connectors log through
 * SLF4J without knowing about components, so the mapping lives here, in one table.
 */
public enum LogComponent {
  SOURCE_UNLOAD,
  SOURCE_CAPTURE,
  TARGET_LOAD,
  TARGET_APPLY,
  TABLES_MANAGER,
  TASK_MANAGER,
  SORTER,
  PERFORMANCE,
  COMMON;

  /** Longest matching logger-name prefix wins; checked in order, so more specific first. */
  private static final List<Map.Entry<String, LogComponent>> BY_LOGGER = List.of(
      Map.entry("io.opendms.engine.cdc.CaptureThread", SOURCE_CAPTURE),
      Map.entry("io.opendms.engine.cdc.ApplyLoop", TARGET_APPLY),
      Map.entry("io.opendms.engine.cdc.ChangeBuffer", SORTER),
      Map.entry("io.opendms.engine.cdc.Spill", SORTER),
      Map.entry("io.opendms.engine.cdc", TARGET_APPLY),
      Map.entry("io.opendms.engine.fullload.PartitionWorker", TARGET_LOAD),
      Map.entry("io.opendms.engine.fullload", TABLES_MANAGER),
      Map.entry("io.opendms.engine", TASK_MANAGER),
      Map.entry("io.opendms.connector.postgres.CaptureOpener", SOURCE_CAPTURE),
      Map.entry("io.opendms.connector.postgres.PostgresChangeCapture", SOURCE_CAPTURE),
      Map.entry("io.opendms.connector.postgres.PgOutputDecoder", SOURCE_CAPTURE),
      Map.entry("io.opendms.connector.postgres.ReplicationSlots", SOURCE_CAPTURE),
      Map.entry("io.opendms.connector.postgres.PostgresChangeApplier", TARGET_APPLY),
      Map.entry("io.opendms.connector.postgres.StatementApply", TARGET_APPLY),
      Map.entry("io.opendms.connector.postgres.NetChangeApply", TARGET_APPLY),
      Map.entry("io.opendms.connector.postgres.PostgresTarget", TARGET_LOAD),
      Map.entry("io.opendms.connector.postgres.PostgresNativeLoad", TARGET_LOAD),
      Map.entry("io.opendms.connector.postgres.PostgresRowLoad", TARGET_LOAD),
      Map.entry("io.opendms.connector.postgres.TablePreparer", TARGET_LOAD),
      Map.entry("io.opendms.connector.mysql.MySqlTarget", TARGET_LOAD),
      Map.entry("io.opendms.connector.mysql.LoadData", TARGET_LOAD),
      Map.entry("io.opendms.connector.mysql.Binlog", SOURCE_CAPTURE),
      Map.entry("io.opendms.connector", SOURCE_UNLOAD),
      Map.entry("io.opendms.server.metrics", PERFORMANCE),
      Map.entry("io.opendms.server", TASK_MANAGER));

  /** The component of what {@code loggerName} logs; COMMON for anything unknown. */
  public static LogComponent ofLogger(String loggerName) {
    for (Map.Entry<String, LogComponent> rule : BY_LOGGER) {
      if (loggerName.startsWith(rule.getKey())) {
        return rule.getValue();
      }
    }
    return COMMON;
  }

  /** Parses a component name as written in the log or given as a filter. */
  public static LogComponent parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown log component '" + name + "'; one of "
          + java.util.Arrays.toString(values()), e);
    }
  }
}
