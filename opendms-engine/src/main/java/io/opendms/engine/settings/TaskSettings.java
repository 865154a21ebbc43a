package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonObjectTypes.object;
import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.nullOnly;
import static io.opendms.engine.settings.JsonValueTypes.orNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replication task's settings: DMS's {@code ReplicationTaskSettings} JSON document. A given
 * document, complete or partial, is merged onto DMS's defaults; every problem in it (unknown
 * sections and keys, wrong JSON kinds, out-of-range numbers, misspelled vocabulary, read-only
 * keys, contradicting settings) is reported together in one {@link OpenDmsException} with code
 * {@link ErrorCode#INVALID_TASK_SETTINGS}. Nothing is fixed silently. JSON {@code null} means
 * "not given", as DMS consoles send it.
 *
 * <p>Immutable and thread-safe. Two instances are equal when their {@link #toJson()} documents
 * are.
 */
public final class TaskSettings {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  public static final Setting<Boolean> FAIL_TASK_WHEN_CLEAN_TASK_RESOURCE_FAILED =
      Setting.of("FailTaskWhenCleanTaskResourceFailed", bool(), false,
          "Fail the task when cleaning up its resources on the target fails. Accepted and kept;"
              + " OpenDMS does not use it: when deleting a task cannot drop its change capture"
              + " (replication slot) on the source, the deletion goes on and says so in an event.");

  /** The whole document: each section is one setting whose value is an object. */
  private static final SettingGroup DOCUMENT =
      new SettingGroup(
          "ReplicationTaskSettings",
          List.of(
              section(TargetMetadataSettings.GROUP, "Target schema, LOB handling, apply mode."),
              section(FullLoadSettings.GROUP, "Table preparation and parallelism of full load."),
              section(LoggingSettings.GROUP, "Task log and log levels."),
              section(ChangeProcessingSections.CONTROL_TABLES, "Control tables on the target."),
              section(ChangeProcessingSections.STREAM_BUFFER, "Buffers between reader and"
                  + " writer."),
              section(ChangeProcessingSections.TUNING, "How CDC changes are grouped and"
                  + " applied."),
              section(ChangeProcessingSections.DDL_HANDLING, "Which source DDL is applied to"
                  + " the target."),
              section(ErrorBehaviorSettings.GROUP, "What happens on errors, and retries."),
              section(ValidationSection.GROUP, "Comparison of source and target data."),
              Setting.of("PostProcessingRules",
                  nullOnly("DMS does not document this section's content; only null is"
                      + " accepted"),
                  Optional.empty(), "Undocumented by DMS; always null."),
              optionalSection(OptionalSections.CHARACTER_SET, "Character replacement."),
              optionalSection(OptionalSections.LOOPBACK_PREVENTION, "Loopback prevention for"
                  + " bidirectional replication."),
              optionalSection(OptionalSections.BEFORE_IMAGE, "Before images for streaming"
                  + " targets."),
              FAIL_TASK_WHEN_CLEAN_TASK_RESOURCE_FAILED,
              // Not in DMS's default document, so written back only when given.
              Setting.of("TTSettings", object(OptionalSections.TIME_TRAVEL), null,
                  "Time Travel: change logs on S3 for troubleshooting. Accepted and kept; OpenDMS"
                      + " does not use it."),
              // OpenDMS's own section: not DMS's, so written back only when given.
              Setting.of(OpenDmsSettings.GROUP.name(), object(OpenDmsSettings.GROUP), null,
                  "What OpenDMS does beyond DMS: schema objects and sequences.")));

  private static final JsonValueType<SettingValues> DOCUMENT_TYPE =
      JsonObjectTypes.object(DOCUMENT, "unknown section");

  private static final Map<String, SettingGroup> SECTIONS = sectionsByName();

  private static final TaskSettings DEFAULTS = new TaskSettings(DOCUMENT.resolveOrThrow(Map.of()));

  private final SettingValues document;
  private final FullLoadSettings fullLoad;
  private final TargetMetadataSettings targetMetadata;
  private final ErrorBehaviorSettings errorBehavior;
  private final OpenDmsSettings openDms;

  private TaskSettings(SettingValues document) {
    this.document = document;
    this.fullLoad = FullLoadSettings.from(section(FullLoadSettings.GROUP.name()));
    this.targetMetadata = TargetMetadataSettings.from(section(TargetMetadataSettings.GROUP.name()));
    this.errorBehavior = ErrorBehaviorSettings.from(section(ErrorBehaviorSettings.GROUP.name()));
    this.openDms = OpenDmsSettings.from(section(OpenDmsSettings.GROUP.name()));
  }

  /** DMS's default settings, as a task gets them when none are given. */
  public static TaskSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Reads a complete or partial {@code ReplicationTaskSettings} document and merges it onto the
   * defaults.
   *
   * @throws OpenDmsException with {@link ErrorCode#INVALID_TASK_SETTINGS} listing every problem
   *     with its path ({@code FullLoadSettings.MaxFullLoadSubTasks}), or the line and column of
   *     malformed JSON
   */
  public static TaskSettings parse(String json) {
    if (json == null || json.isBlank()) {
      throw invalid("the document is empty");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new OpenDmsException(
          ErrorCode.INVALID_TASK_SETTINGS,
          "Invalid task settings: malformed JSON" + where + ": " + e.getOriginalMessage(),
          e);
    }
    var problems = new ArrayList<String>();
    SettingValues document = DOCUMENT_TYPE.read("", root, problems);
    if (document != null) {
      // Relations are checked only between values that are valid on their own.
      TaskSettings settings = new TaskSettings(document);
      problems.addAll(CrossChecks.problems(settings));
      if (problems.isEmpty()) {
        return settings;
      }
    }
    throw invalid(String.join("; ", problems));
  }

  /**
   * The full expanded document, every section and key with defaults filled in, as
   * DescribeReplicationTasks returns it. {@code parse(toJson())} equals this instance.
   */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(tree());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  public FullLoadSettings fullLoad() {
    return fullLoad;
  }

  public TargetMetadataSettings targetMetadata() {
    return targetMetadata;
  }

  public ErrorBehaviorSettings errorBehavior() {
    return errorBehavior;
  }

  /** OpenDMS's own section, {@code OpenDmsSettings}; its defaults when not given. */
  public OpenDmsSettings openDms() {
    return openDms;
  }

  /** {@code FailTaskWhenCleanTaskResourceFailed}, the one setting outside any section. */
  public boolean failTaskWhenCleanTaskResourceFailed() {
    return document.get(FAIL_TASK_WHEN_CLEAN_TASK_RESOURCE_FAILED);
  }

  /**
   * One section's values, by its DMS name ({@code "ChangeProcessingTuning"}); read them with the
   * section's declared settings. A section that DMS leaves null when unused yields its
   * defaults.
   *
   * @throws IllegalArgumentException when no such section is declared
   */
  public SettingValues section(String name) {
    SettingGroup group = SECTIONS.get(name);
    if (group == null) {
      throw new IllegalArgumentException(
          "no task settings section " + name + "; known: " + SECTIONS.keySet());
    }
    Object value = document.get(setting(name));
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    }
    return value != null ? (SettingValues) value : group.resolveOrThrow(Map.of());
  }

  /** The top-level declaration: one setting per section, plus the one top-level setting. */
  public static SettingGroup document() {
    return DOCUMENT;
  }

  /**
   * Every declared group, top-level sections first in document order, then nested objects and
   * list elements ({@code TTSettings.TTS3Settings}, {@code Logging.LogComponents[]}): what a
   * documentation or form generator walks.
   */
  public static List<SettingGroup> settingGroups() {
    var groups = new ArrayList<>(SECTIONS.values());
    groups.addAll(
        List.of(
            LoggingSettings.LOG_COMPONENT,
            OptionalSections.CHARACTER_REPLACEMENT,
            OptionalSections.CHARACTER_SET_SUPPORT,
            OptionalSections.TIME_TRAVEL_S3,
            OptionalSections.TIME_TRAVEL_RECORDS));
    return List.copyOf(groups);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TaskSettings that && tree().equals(that.tree());
  }

  @Override
  public int hashCode() {
    return tree().hashCode();
  }

  @Override
  public String toString() {
    return "TaskSettings" + toJson();
  }

  private JsonNode tree() {
    return DOCUMENT_TYPE.write(document);
  }

  private static Setting<SettingValues> section(SettingGroup group, String doc) {
    return Setting.of(group.name(), object(group), group.resolveOrThrow(Map.of()), doc);
  }

  private static Setting<Optional<SettingValues>> optionalSection(SettingGroup group, String doc) {
    return Setting.of(group.name(), orNull(object(group)), Optional.empty(),
        doc + " Null (the default) when unused.");
  }

  private static Setting<?> setting(String key) {
    return DOCUMENT.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  private static Map<String, SettingGroup> sectionsByName() {
    var byName = new LinkedHashMap<String, SettingGroup>();
    for (SettingGroup group :
        List.of(TargetMetadataSettings.GROUP, FullLoadSettings.GROUP, LoggingSettings.GROUP,
            ChangeProcessingSections.CONTROL_TABLES, ChangeProcessingSections.STREAM_BUFFER,
            ChangeProcessingSections.TUNING, ChangeProcessingSections.DDL_HANDLING,
            ErrorBehaviorSettings.GROUP, ValidationSection.GROUP, OptionalSections.CHARACTER_SET,
            OptionalSections.LOOPBACK_PREVENTION, OptionalSections.BEFORE_IMAGE,
            OptionalSections.TIME_TRAVEL, OpenDmsSettings.GROUP)) {
      byName.put(group.name(), group);
    }
    return byName;
  }

  private static OpenDmsException invalid(String detail) {
    return new OpenDmsException(
        ErrorCode.INVALID_TASK_SETTINGS, "Invalid task settings: " + detail);
  }
}
