package io.opendms.engine.validation;

import io.opendms.engine.settings.ChangeProcessingSections;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.settings.ValidationSection;
import io.opendms.spi.settings.SettingValues;

/**
 * The validation settings the comparison reads, from DMS's {@code ValidationSettings}.
 *
 * @param threadCount tables' key ranges compared at once (ThreadCount)
 * @param partitionSize rows per key range (PartitionSize)
 * @param failureMaxCount failed rows of all tables after which validation is suspended
 * @param tableFailureMaxCount failed rows of one table after which its validation is suspended
 * @param skipLobColumns leave LOB columns out (SkipLobColumns)
 * @param controlSchema where the failures table lives (ControlTablesSettings.ControlSchema)
 * @param handleCollationDiff text values (and keys) equal under either side's collation are
 *     equal (HandleCollationDiff)
 */
public record ValidationOptions(
    int threadCount, int partitionSize, long failureMaxCount, long tableFailureMaxCount,
    boolean skipLobColumns, String controlSchema, boolean handleCollationDiff) {

  public ValidationOptions {
    if (threadCount < 1 || partitionSize < 1 || failureMaxCount < 0 || tableFailureMaxCount < 0) {
      throw new IllegalArgumentException("bad validation options: threads " + threadCount
          + ", partition size " + partitionSize + ", failure limits " + failureMaxCount + "/"
          + tableFailureMaxCount);
    }
  }

  public static ValidationOptions from(TaskSettings settings) {
    SettingValues values = settings.section(ValidationSection.GROUP.name());
    SettingValues control = settings.section(ChangeProcessingSections.CONTROL_TABLES.name());
    return new ValidationOptions(
        values.get(ValidationSection.THREAD_COUNT),
        values.get(ValidationSection.PARTITION_SIZE),
        values.get(ValidationSection.FAILURE_MAX_COUNT),
        values.get(ValidationSection.TABLE_FAILURE_MAX_COUNT),
        values.get(ValidationSection.SKIP_LOB_COLUMNS),
        control.get(ChangeProcessingSections.CONTROL_SCHEMA),
        values.get(ValidationSection.HANDLE_COLLATION_DIFF));
  }
}
