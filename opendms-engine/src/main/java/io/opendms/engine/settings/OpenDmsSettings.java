package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.choice;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;
import java.util.Objects;

/**
 * {@code OpenDmsSettings}: a top-level section of the task settings that DMS does not have, for
 * what OpenDMS does beyond DMS. Left out of the document (and of what Describe calls return)
 * unless given, so a DMS document stays a DMS document; DMS itself ignores it.
 *
 * @param schemaObjects whether a task that creates its target tables also gives them their
 *     defaults, identity, secondary and unique indexes and foreign keys
 * @param syncSequences whether identity, serial and AUTO_INCREMENT counters are set to the
 *     source's values at the end of a full load and when change processing stops
 *     (the slot's WAL budget, {@link #SLOT_RETAINED_WAL_WARNING_MB}, is read where it is used)
 */
public record OpenDmsSettings(Switch schemaObjects, Switch syncSequences) {

  /** {@code auto}, {@code true} or {@code false}. */
  public enum Switch {
    /** On when source and target are the same engine family (PostgreSQL, or MySQL/MariaDB). */
    AUTO,
    ON,
    OFF;

    /** Whether it is on, given whether the endpoints are of the same engine family. */
    public boolean enabled(boolean sameEngineFamily) {
      return this == ON || (this == AUTO && sameEngineFamily);
    }

    static Switch of(String word) {
      return switch (word) {
        case "true" -> ON;
        case "false" -> OFF;
        default -> AUTO;
      };
    }
  }

  public static final Setting<String> CREATE_SCHEMA_OBJECTS =
      Setting.of("CreateSchemaObjects", choice("auto", "true", "false"), "auto",
          "With TargetTablePrepMode DROP_AND_CREATE: create tables with their defaults and"
              + " identity/AUTO_INCREMENT, each table's unique and secondary indexes after its"
              + " load, and foreign keys once the tables they reference are loaded (CDC tasks:"
              + " when the task reaches CdcStopPosition). auto = on when source and target are"
              + " the same engine family.");
  public static final Setting<String> SYNC_SEQUENCES =
      Setting.of("SyncSequences", choice("auto", "true", "false"), "auto",
          "Set each target table's identity, serial or AUTO_INCREMENT counter past the source's"
              + " (and past the target's own rows) at the end of a full load and whenever change"
              + " processing stops. auto = on when source and target are the same engine family.");

  public static final Setting<Integer> SLOT_RETAINED_WAL_WARNING_MB =
      Setting.of("SlotRetainedWalWarningMb", nonNegative(), 10_240,
          "Warn (task log and a DescribeEvents event) when the source keeps more than this many"
              + " MB of change log for the task's replication slot; 0 warns at any retention.");

  public static final SettingGroup GROUP = new SettingGroup("OpenDmsSettings",
      List.of(CREATE_SCHEMA_OBJECTS, SYNC_SEQUENCES, SLOT_RETAINED_WAL_WARNING_MB));

  public OpenDmsSettings {
    Objects.requireNonNull(schemaObjects, "schemaObjects");
    Objects.requireNonNull(syncSequences, "syncSequences");
  }

  static OpenDmsSettings from(SettingValues values) {
    return new OpenDmsSettings(Switch.of(values.get(CREATE_SCHEMA_OBJECTS)),
        Switch.of(values.get(SYNC_SEQUENCES)));
  }
}
