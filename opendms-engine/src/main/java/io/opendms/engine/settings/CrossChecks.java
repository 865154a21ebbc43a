package io.opendms.engine.settings;

import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.target.PrepMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The relations between task settings that DMS documents, checked after each value is valid on
 * its own. Each problem names the key the user most likely has to change.
 */
final class CrossChecks {
  private CrossChecks() {}

  static List<String> problems(TaskSettings settings) {
    var problems = new ArrayList<String>();
    batchApplyTimeouts(settings, problems);
    validationOnly(settings, problems);
    beforeImage(settings, problems);
    loopbackPrevention(settings, problems);
    legacyHistoryTimeslot(settings, problems);
    return problems;
  }

  private static void batchApplyTimeouts(TaskSettings settings, List<String> problems) {
    SettingValues tuning = settings.section(ChangeProcessingSections.TUNING.name());
    int min = tuning.get(ChangeProcessingSections.BATCH_APPLY_TIMEOUT_MIN);
    int max = tuning.get(ChangeProcessingSections.BATCH_APPLY_TIMEOUT_MAX);
    if (min > max) {
      problems.add("ChangeProcessingTuning.BatchApplyTimeoutMin: " + min
          + " is more than BatchApplyTimeoutMax " + max);
    }
  }

  private static void validationOnly(TaskSettings settings, List<String> problems) {
    boolean validationOnly =
        settings.section(ValidationSection.GROUP.name()).get(ValidationSection.VALIDATION_ONLY);
    PrepMode prepMode = settings.fullLoad().targetTablePrepMode();
    if (validationOnly && prepMode != PrepMode.DO_NOTHING) {
      problems.add("ValidationSettings.ValidationOnly: requires"
          + " FullLoadSettings.TargetTablePrepMode DO_NOTHING, got " + prepMode);
    }
  }

  private static void beforeImage(TaskSettings settings, List<String> problems) {
    SettingValues beforeImage = settings.section(OptionalSections.BEFORE_IMAGE.name());
    String fieldName = beforeImage.get(OptionalSections.BEFORE_IMAGE_FIELD_NAME);
    if (beforeImage.get(OptionalSections.ENABLE_BEFORE_IMAGE)
        && (fieldName == null || fieldName.isEmpty())) {
      problems.add("BeforeImageSettings.FieldName: required when EnableBeforeImage is true");
    }
  }

  private static void loopbackPrevention(TaskSettings settings, List<String> problems) {
    SettingValues loopback = settings.section(OptionalSections.LOOPBACK_PREVENTION.name());
    if (!loopback.get(OptionalSections.ENABLE_LOOPBACK_PREVENTION)) {
      return;
    }
    for (var schema :
        List.of(OptionalSections.LOOPBACK_SOURCE_SCHEMA, OptionalSections.LOOPBACK_TARGET_SCHEMA)) {
      String value = loopback.get(schema);
      if (value == null || value.isEmpty()) {
        problems.add("LoopbackPreventionSettings." + schema.key()
            + ": required when EnableLoopbackPrevention is true");
      }
    }
    if (settings.targetMetadata().batchApplyEnabled()) {
      problems.add("LoopbackPreventionSettings.EnableLoopbackPrevention: requires"
          + " TargetMetadata.BatchApplyEnabled false");
    }
  }

  /** Old exports carry both spellings; one that disagrees would be silently ignored. */
  private static void legacyHistoryTimeslot(TaskSettings settings, List<String> problems) {
    SettingValues controlTables = settings.section(ChangeProcessingSections.CONTROL_TABLES.name());
    Integer legacy = controlTables.get(ChangeProcessingSections.LEGACY_HISTORY_TIMESLOT_IN_MINUTES);
    int current = controlTables.get(ChangeProcessingSections.HISTORY_TIMESLOT_IN_MINUTES);
    if (legacy != null && legacy != current) {
      problems.add("ControlTablesSettings.historyTimeslotInMinutes: " + legacy
          + " differs from HistoryTimeslotInMinutes " + current
          + "; give the same value in both, or only HistoryTimeslotInMinutes");
    }
  }
}
