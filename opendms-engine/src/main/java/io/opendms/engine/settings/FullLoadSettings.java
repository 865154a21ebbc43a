package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;
import static io.opendms.engine.settings.JsonValueTypes.oneOf;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.target.PrepMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * DMS's {@code FullLoadSettings} section: how target tables are prepared, how many load at once,
 * the batch size, and whether the task stops after the full load. The constants are the
 * section's declarations; the record is the typed view the engine reads.
 */
public record FullLoadSettings(
    PrepMode targetTablePrepMode,
    boolean createPkAfterFullLoad,
    boolean stopTaskCachedChangesApplied,
    boolean stopTaskCachedChangesNotApplied,
    int maxFullLoadSubTasks,
    Duration transactionConsistencyTimeout,
    int commitRate) {

  public static final Setting<PrepMode> TARGET_TABLE_PREP_MODE =
      Setting.of("TargetTablePrepMode", oneOf(PrepMode.class), PrepMode.DROP_AND_CREATE,
          "What happens to an existing target table before loading: DO_NOTHING keeps it and its"
              + " rows, DROP_AND_CREATE recreates it, TRUNCATE_BEFORE_LOAD deletes its rows.");
  public static final Setting<Boolean> CREATE_PK_AFTER_FULL_LOAD =
      Setting.of("CreatePkAfterFullLoad", bool(), false,
          "Create the primary key or unique index after the full load instead of before.");
  public static final Setting<Boolean> STOP_TASK_CACHED_CHANGES_APPLIED =
      Setting.of("StopTaskCachedChangesApplied", bool(), false,
          "Stop the task after the full load once the cached changes are applied.");
  public static final Setting<Boolean> STOP_TASK_CACHED_CHANGES_NOT_APPLIED =
      Setting.of("StopTaskCachedChangesNotApplied", bool(), false,
          "Stop the task after the full load, before the cached changes are applied.");
  public static final Setting<Integer> MAX_FULL_LOAD_SUB_TASKS =
      Setting.of("MaxFullLoadSubTasks", integer(1, 49), 8,
          "Tables or table segments loaded in parallel.");
  public static final Setting<Integer> TRANSACTION_CONSISTENCY_TIMEOUT =
      Setting.of("TransactionConsistencyTimeout", nonNegative(), 600,
          "Seconds a full-load-and-cdc task waits for open transactions before the full load."
              + " Accepted and kept; OpenDMS does not use it: the full load reads a snapshot taken"
              + " exactly where change capture starts (PostgreSQL: the snapshot the task's"
              + " replication slot exports, whose creation itself waits for open transactions to"
              + " end; MySQL/MariaDB: consistent-snapshot transactions started under a global read"
              + " lock held for milliseconds, or on MariaDB without the RELOAD privilege one"
              + " snapshot whose binlog position MariaDB reports), so no change is lost or applied"
              + " twice and there is nothing to wait for.");
  public static final Setting<Integer> COMMIT_RATE =
      Setting.of("CommitRate", integer(1, 50000), 10000,
          "Rows transferred together in one load batch.");

  // Written by old DMS versions; the migration type decides these, so they have no effect.
  public static final Setting<Boolean> FULL_LOAD_ENABLED =
      Setting.of("FullLoadEnabled", bool(), null,
          "Legacy; accepted and returned, no effect (the migration type decides).");
  public static final Setting<Boolean> APPLY_CHANGES_ENABLED =
      Setting.of("ApplyChangesEnabled", bool(), null,
          "Legacy; accepted and returned, no effect (the migration type decides).");
  public static final Setting<Boolean> RESUME_ENABLED =
      Setting.of("ResumeEnabled", bool(), null, "Legacy; accepted and returned, no effect.");
  public static final Setting<Integer> RESUME_MIN_TABLE_SIZE =
      Setting.of("ResumeMinTableSize", nonNegative(), null,
          "Legacy; accepted and returned, no effect.");
  public static final Setting<Boolean> RESUME_ONLY_CLUSTERED_PK_TABLES =
      Setting.of("ResumeOnlyClusteredPKTables", bool(), null,
          "Legacy; accepted and returned, no effect.");

  /** The section as declared, in the order DMS writes it. */
  public static final SettingGroup GROUP =
      new SettingGroup(
          "FullLoadSettings",
          List.of(
              TARGET_TABLE_PREP_MODE, CREATE_PK_AFTER_FULL_LOAD,
              STOP_TASK_CACHED_CHANGES_APPLIED, STOP_TASK_CACHED_CHANGES_NOT_APPLIED,
              MAX_FULL_LOAD_SUB_TASKS, TRANSACTION_CONSISTENCY_TIMEOUT, COMMIT_RATE,
              FULL_LOAD_ENABLED, APPLY_CHANGES_ENABLED, RESUME_ENABLED, RESUME_MIN_TABLE_SIZE,
              RESUME_ONLY_CLUSTERED_PK_TABLES));

  public FullLoadSettings {
    Objects.requireNonNull(targetTablePrepMode, "targetTablePrepMode");
    Objects.requireNonNull(transactionConsistencyTimeout, "transactionConsistencyTimeout");
    if (maxFullLoadSubTasks < 1 || commitRate < 1 || transactionConsistencyTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "maxFullLoadSubTasks and commitRate must be positive and the timeout not negative,"
              + " got " + maxFullLoadSubTasks + ", " + commitRate + ", "
              + transactionConsistencyTimeout);
    }
  }

  static FullLoadSettings from(SettingValues values) {
    return new FullLoadSettings(
        values.get(TARGET_TABLE_PREP_MODE),
        values.get(CREATE_PK_AFTER_FULL_LOAD),
        values.get(STOP_TASK_CACHED_CHANGES_APPLIED),
        values.get(STOP_TASK_CACHED_CHANGES_NOT_APPLIED),
        values.get(MAX_FULL_LOAD_SUB_TASKS),
        Duration.ofSeconds(values.get(TRANSACTION_CONSISTENCY_TIMEOUT)),
        values.get(COMMIT_RATE));
  }
}
