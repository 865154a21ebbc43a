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

  public static final Setting<Boolean> VALIDATION_ONLY =
      Setting.of("ValidationOnly", bool(), false,
          "Only validate, migrate nothing; needs TargetTablePrepMode DO_NOTHING.");

  public static final SettingGroup GROUP =
      new SettingGroup(
          "ValidationSettings",
          List.of(
              Setting.of("EnableValidation", bool(), false,
                  "Compare source and target rows after they were migrated."),
              Setting.of("ValidationMode", choice("ROW_LEVEL"), "ROW_LEVEL",
                  "How rows are compared; ROW_LEVEL is the only mode."),
              Setting.of("ThreadCount", integer(1, Integer.MAX_VALUE), 5,
                  "Threads comparing in parallel."),
              Setting.of("PartitionSize", integer(1, Integer.MAX_VALUE), 10000,
                  "Rows compared per batch, read by one source and one target query."),
              Setting.of("FailureMaxCount", nonNegative(), 10000,
                  "Failed records of the whole task before validation is suspended."),
              Setting.of("TableFailureMaxCount", nonNegative(), 1000,
                  "Failed records of one table before its validation is suspended."),
              Setting.of("RecordFailureDelayInMinutes", nonNegative(), 5,
                  "Minutes to wait before reporting a mismatch, so CDC can catch up."),
              Setting.of("RecordSuspendDelayInMinutes", nonNegative(), 30,
                  "Minutes to wait before suspending validation of a table."),
              Setting.of("MaxKeyColumnSize", integer(1, Integer.MAX_VALUE), 8096,
                  "Largest primary key, in bytes, of a row that is validated."),
              VALIDATION_ONLY,
              Setting.of("HandleCollationDiff", bool(), false,
                  "Order rows by the source's collation when comparing (PostgreSQL, SQL"
                      + " Server)."),
              Setting.of("RecordFailureDelayLimitInMinutes", nonNegative(), 0,
                  "Minutes to wait before reporting a mismatch, instead of the latency-based"
                      + " delay; 0 = latency-based."),
              Setting.of("SkipLobColumns", bool(), false, "Leave LOB columns out of validation."),
              Setting.of("ValidationPartialLobSize", nonNegative(), 0,
                  "KB of each LOB compared; 0 = the whole LOB."),
              Setting.of("ValidationQueryCdcDelaySeconds", nonNegative(), 0,
                  "Seconds validation queries wait behind CDC.")));
}
