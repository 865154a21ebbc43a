package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.nonNegative;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import java.util.List;

/**
 * {@code OpenDmsSettings}: task settings OpenDMS adds to DMS's document. The section is written
 * back only when given, so a task that does not use it describes exactly as in DMS, and DMS
 * clients carry it through untouched inside the {@code ReplicationTaskSettings} string.
 */
public final class OpenDmsSection {
  private OpenDmsSection() {}

  public static final Setting<Integer> SLOT_RETAINED_WAL_WARNING_MB =
      Setting.of("SlotRetainedWalWarningMb", nonNegative(), 10_240,
          "Warn (task log and a DescribeEvents event) when the source keeps more than this many"
              + " MB of change log for the task's replication slot; 0 warns at any retention.");

  public static final SettingGroup GROUP =
      new SettingGroup("OpenDmsSettings", List.of(SLOT_RETAINED_WAL_WARNING_MB));
}
