package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.choice;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import java.util.List;

/** Declarations of DMS's {@code ValidationSettings} section (source/target data comparison). */
public final class ValidationSection {
  private ValidationSection() {}

  public static final Setting<Boolean> ENABLE_VALIDATION =
      Setting.of("EnableValidation", bool(), false,
          "Compare source and target rows after they were migrated.");

  public static final Setting<Integer> THREAD_COUNT =
      Setting.of("ThreadCount", integer(1, Integer.MAX_VALUE), 5,
          "Threads comparing in parallel.");

  public static final Setting<Integer> PARTITION_SIZE =
      Setting.of("PartitionSize", integer(1, Integer.MAX_VALUE), 10000,
          "Rows compared per batch, read by one source and one target query.");

  public static final Setting<Integer> FAILURE_MAX_COUNT =
      Setting.of("FailureMaxCount", nonNegative(), 10000,
          "Failed records of the whole task before validation is suspended.");

  public static final Setting<Integer> TABLE_FAILURE_MAX_COUNT =
      Setting.of("TableFailureMaxCount", nonNegative(), 1000,
          "Failed records of one table before its validation is suspended.");

  public static final Setting<Boolean> HANDLE_COLLATION_DIFF =
      Setting.of("HandleCollationDiff", bool(), false,
          "Compare text values and keys as either side's collation does: values equal under a"
              + " case- or accent-insensitive or PAD SPACE collation are not mismatches.");

  public static final Setting<Integer> RECORD_FAILURE_DELAY_IN_MINUTES =
      Setting.of("RecordFailureDelayInMinutes", nonNegative(), 5,
          "Minutes to wait before reporting a mismatch, so CDC can catch up.");

  public static final Setting<Integer> RECORD_FAILURE_DELAY_LIMIT_IN_MINUTES =
      Setting.of("RecordFailureDelayLimitInMinutes", nonNegative(), 0,
          "Minutes to wait before reporting a mismatch, instead of the latency-based"
              + " delay; 0 = latency-based.");

  public static final Setting<Integer> VALIDATION_QUERY_CDC_DELAY_SECONDS =
      Setting.of("ValidationQueryCdcDelaySeconds", nonNegative(), 0,
          "Seconds a changed row waits, after its change was applied, before it is compared"
              + " again during CDC.");

  public static final Setting<Boolean> SKIP_LOB_COLUMNS =
      Setting.of("SkipLobColumns", bool(), false, "Leave LOB columns out of validation.");

  public static final Setting<Boolean> VALIDATION_ONLY =
      Setting.of("ValidationOnly", bool(), false,
          "Only validate, migrate nothing; needs TargetTablePrepMode DO_NOTHING.");

  /** Beyond DMS: null (the default) is left out of the document, as DMS does not know it. */
  public static final Setting<Boolean> REPAIR_MISMATCHED_RECORDS =
      Setting.of("RepairMismatchedRecords", bool(), null,
          "OpenDMS only: after validating a full load, rewrite the differing target rows from"
              + " the source and validate them again (as opendms validate --repair). Default"
              + " false.");

  public static final SettingGroup GROUP =
      new SettingGroup(
          "ValidationSettings",
          List.of(
              ENABLE_VALIDATION,
              Setting.of("ValidationMode", choice("ROW_LEVEL"), "ROW_LEVEL",
                  "How rows are compared; ROW_LEVEL is the only mode."),
              THREAD_COUNT,
              PARTITION_SIZE,
              FAILURE_MAX_COUNT,
              TABLE_FAILURE_MAX_COUNT,
              RECORD_FAILURE_DELAY_IN_MINUTES,
              Setting.of("RecordSuspendDelayInMinutes", nonNegative(), 30,
                  "Minutes to wait before suspending validation of a table. Accepted and kept;"
                      + " OpenDMS does not use it: a table's validation is suspended as soon as"
                      + " TableFailureMaxCount or FailureMaxCount is passed."),
              Setting.of("MaxKeyColumnSize", integer(1, Integer.MAX_VALUE), 8096,
                  "Largest primary key, in bytes, of a row that is validated. Accepted and kept;"
                      + " OpenDMS does not use it: rows are validated whatever the size of their"
                      + " key."),
              VALIDATION_ONLY,
              HANDLE_COLLATION_DIFF,
              RECORD_FAILURE_DELAY_LIMIT_IN_MINUTES,
              SKIP_LOB_COLUMNS,
              Setting.of("ValidationPartialLobSize", nonNegative(), 0,
                  "KB of each LOB compared; 0 = the whole LOB. Accepted and kept; OpenDMS does not"
                      + " use it: LOBs are compared whole unless SkipLobColumns leaves them out."),
              VALIDATION_QUERY_CDC_DELAY_SECONDS,
              REPAIR_MISMATCHED_RECORDS));
}
