package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;
import static io.opendms.engine.settings.JsonValueTypes.text;

import io.opendms.spi.change.ControlTables;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * Declarations of the sections that tune change processing: {@code ControlTablesSettings},
 * {@code StreamBufferSettings}, {@code ChangeProcessingTuning} and {@code
 * ChangeProcessingDdlHandlingPolicy}. Times are in the units DMS documents (seconds, minutes),
 * memory in MB.
 */
public final class ChangeProcessingSections {
  private ChangeProcessingSections() {}

  public static final Setting<String> CONTROL_SCHEMA =
      Setting.of("ControlSchema", text(), "",
          "Target schema of the control tables (a database on MySQL); empty means the target's usual"
              + " schema (PostgreSQL public; MySQL the endpoint's database, else awsdms_control).");
  public static final Setting<Integer> HISTORY_TIMESLOT_IN_MINUTES =
      Setting.of("HistoryTimeslotInMinutes", integer(1, Integer.MAX_VALUE), 5,
          "Length in minutes of one row of the history control table.");
  public static final Setting<Integer> LEGACY_HISTORY_TIMESLOT_IN_MINUTES =
      Setting.of("historyTimeslotInMinutes", integer(1, Integer.MAX_VALUE), null,
          "Older DMS spelling of HistoryTimeslotInMinutes; when given it must equal that.");
  public static final Setting<Boolean> HISTORY_TABLE_ENABLED =
      Setting.of("HistoryTableEnabled", bool(), false,
          "Write the awsdms_history control table.");
  public static final Setting<Boolean> SUSPENDED_TABLES_TABLE_ENABLED =
      Setting.of("SuspendedTablesTableEnabled", bool(), false,
          "Write the awsdms_suspended_tables control table.");
  public static final Setting<Boolean> STATUS_TABLE_ENABLED =
      Setting.of("StatusTableEnabled", bool(), false, "Write the awsdms_status control table.");
  public static final Setting<Boolean> FULL_LOAD_EXCEPTION_TABLE_ENABLED =
      Setting.of("FullLoadExceptionTableEnabled", bool(), false,
          "Write the awsdms_full_load_exceptions control table. Accepted and kept; OpenDMS does"
              + " not use it: rows a database target refuses during the full load always go to"
              + " awsdms_apply_exceptions (DMS documents no layout for"
              + " awsdms_full_load_exceptions) and to the task log.");

  public static final SettingGroup CONTROL_TABLES =
      new SettingGroup(
          "ControlTablesSettings",
          List.of(CONTROL_SCHEMA, HISTORY_TIMESLOT_IN_MINUTES, LEGACY_HISTORY_TIMESLOT_IN_MINUTES,
              HISTORY_TABLE_ENABLED, SUSPENDED_TABLES_TABLE_ENABLED, STATUS_TABLE_ENABLED,
              FULL_LOAD_EXCEPTION_TABLE_ENABLED));

  private static final String NO_STREAM_BUFFERS = "Accepted and kept; OpenDMS does not use it: it"
      + " has no DMS stream buffers; changes waiting between capture and apply are bounded by"
      + " ChangeProcessingTuning.MemoryLimitTotal and spill to disk beyond it.";

  public static final SettingGroup STREAM_BUFFER =
      new SettingGroup(
          "StreamBufferSettings",
          List.of(
              Setting.of("StreamBufferCount", integer(1, Integer.MAX_VALUE), 3,
                  "Number of data stream buffers. " + NO_STREAM_BUFFERS),
              Setting.of("StreamBufferSizeInMB", integer(1, Integer.MAX_VALUE), 8,
                  "Size in MB of each data stream buffer. " + NO_STREAM_BUFFERS),
              Setting.of("CtrlStreamBufferSizeInMB", integer(1, 8), 5,
                  "Size in MB of the control stream buffer. " + NO_STREAM_BUFFERS)));

  public static final Setting<Integer> BATCH_APPLY_TIMEOUT_MIN =
      Setting.of("BatchApplyTimeoutMin", nonNegative(), 1,
          "Batch apply: least seconds between two batches.");
  public static final Setting<Integer> BATCH_APPLY_TIMEOUT_MAX =
      Setting.of("BatchApplyTimeoutMax", nonNegative(), 30,
          "Batch apply: most seconds between two batches; at least BatchApplyTimeoutMin.");

  public static final Setting<Integer> BATCH_SPLIT_SIZE =
      Setting.of("BatchSplitSize", nonNegative(), 0,
          "Batch apply: most changes in one batch; 0 = no limit.");

  public static final Setting<Integer> BATCH_APPLY_MEMORY_LIMIT =
      Setting.of("BatchApplyMemoryLimit", nonNegative(), 500,
          "Batch apply: most MB (estimated heap) the changes of one batch may take; the batch is"
              + " applied at the end of the source transaction that reaches it, whatever"
              + " BatchSplitSize and BatchApplyTimeoutMax say; 0 = no limit.");

  public static final Setting<Integer> MIN_TRANSACTION_SIZE =
      Setting.of("MinTransactionSize", nonNegative(), 1000,
          "Transactional apply: changes to group into one target transaction.");

  public static final Setting<Integer> COMMIT_TIMEOUT =
      Setting.of("CommitTimeout", nonNegative(), 1,
          "Transactional apply: most seconds to collect changes before committing.");

  public static final Setting<Integer> MEMORY_LIMIT_TOTAL =
      Setting.of("MemoryLimitTotal", nonNegative(), 1024,
          "MB all open transactions may hold in memory before spilling to disk.");

  public static final Setting<Integer> MEMORY_KEEP_TIME =
      Setting.of("MemoryKeepTime", nonNegative(), 60,
          "Seconds a captured change may wait in memory for the target; once the oldest waiting"
              + " change is older, newer ones spill to disk (as past MemoryLimitTotal) until the"
              + " target has caught up with the disk; 0 = by size only.");

  public static final SettingGroup TUNING =
      new SettingGroup(
          "ChangeProcessingTuning",
          List.of(
              Setting.of("BatchApplyPreserveTransaction", bool(), true,
                  "Batch apply: keep transaction boundaries (Oracle targets). Accepted and kept;"
                      + " OpenDMS does not use it: there is no Oracle target."),
              BATCH_APPLY_TIMEOUT_MIN,
              BATCH_APPLY_TIMEOUT_MAX,
              BATCH_APPLY_MEMORY_LIMIT,
              BATCH_SPLIT_SIZE,
              MIN_TRANSACTION_SIZE,
              COMMIT_TIMEOUT,
              MEMORY_LIMIT_TOTAL,
              MEMORY_KEEP_TIME,
              Setting.of("StatementCacheSize", integer(0, 200), 50,
                  "Prepared statements kept per target connection. Accepted and kept; OpenDMS does"
                      + " not use it: target connections keep their JDBC driver's own statement"
                      + " cache.")));

  public static final Setting<Boolean> HANDLE_SOURCE_TABLE_DROPPED = Setting.of(
      "HandleSourceTableDropped", bool(), true,
      "Drop the target table when the source table is dropped.");
  public static final Setting<Boolean> HANDLE_SOURCE_TABLE_TRUNCATED = Setting.of(
      "HandleSourceTableTruncated", bool(), true,
      "Truncate the target table when the source table is truncated.");
  public static final Setting<Boolean> HANDLE_SOURCE_TABLE_ALTERED = Setting.of(
      "HandleSourceTableAltered", bool(), true,
      "Alter the target table when the source table is altered: added, dropped and renamed"
          + " columns and type changes.");

  public static final SettingGroup DDL_HANDLING =
      new SettingGroup(
          "ChangeProcessingDdlHandlingPolicy",
          List.of(HANDLE_SOURCE_TABLE_DROPPED, HANDLE_SOURCE_TABLE_TRUNCATED,
              HANDLE_SOURCE_TABLE_ALTERED));

  /** The optional control tables {@code ControlTablesSettings} asks a database target to write. */
  public static ControlTables controlTables(SettingValues section) {
    return new ControlTables(section.get(STATUS_TABLE_ENABLED), section.get(SUSPENDED_TABLES_TABLE_ENABLED),
        section.get(HISTORY_TABLE_ENABLED), Duration.ofMinutes(section.get(HISTORY_TIMESLOT_IN_MINUTES)));
  }
}
