package io.opendms.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.target.PrepMode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSettingsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void defaultsAreTheDocumentedDefaultDocument() throws Exception {
    JsonNode documented = MAPPER.readTree(resource("dms-default-task-settings.json"));
    JsonNode ours = MAPPER.readTree(TaskSettings.defaults().toJson());

    assertThat(ours).isEqualTo(documented);
    assertThat(fieldNames(ours)).containsExactlyElementsOf(fieldNames(documented));
    for (String section : fieldNames(documented)) {
      assertThat(fieldNames(ours.get(section))).as(section)
          .containsExactlyElementsOf(fieldNames(documented.get(section)));
    }
  }

  @Test
  void parsingTheDocumentedDefaultsGivesTheDefaults() throws Exception {
    assertThat(TaskSettings.parse(resource("dms-default-task-settings.json")))
        .isEqualTo(TaskSettings.defaults());
    assertThat(TaskSettings.parse("{}")).isEqualTo(TaskSettings.defaults());
  }

  @Test
  void typedViewsOfTheDefaults() {
    TaskSettings defaults = TaskSettings.defaults();

    assertThat(defaults.fullLoad())
        .isEqualTo(new FullLoadSettings(PrepMode.DROP_AND_CREATE, false, false, false, 8,
            Duration.ofSeconds(600), 10000));
    assertThat(defaults.targetMetadata().targetSchema()).isEmpty();
    assertThat(defaults.targetMetadata().supportLobs()).isTrue();
    assertThat(defaults.targetMetadata().fullLobMode()).isFalse();
    assertThat(defaults.targetMetadata().lobMaxSizeKb()).isEqualTo(32);
    assertThat(defaults.targetMetadata().lobChunkSizeKb()).isEqualTo(64);
    assertThat(defaults.targetMetadata().batchApplyEnabled()).isFalse();
    assertThat(defaults.errorBehavior().failOnNoTablesCaptured()).isTrue();
    assertThat(defaults.errorBehavior().recoverableErrorCount()).isEqualTo(-1);
    assertThat(defaults.errorBehavior().recoverableErrorThrottlingMax())
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.errorBehavior().applyErrorDeletePolicy())
        .isEqualTo(ErrorPolicy.IGNORE_RECORD);
    assertThat(defaults.failTaskWhenCleanTaskResourceFailed()).isFalse();
  }

  @Test
  void mergesAPartialDocumentOntoTheDefaults() throws Exception {
    TaskSettings settings =
        TaskSettings.parse(
            """
            {"FullLoadSettings": {"MaxFullLoadSubTasks": 16, "TargetTablePrepMode": "DO_NOTHING"},
             "TargetMetadata": {"TargetSchema": "dw", "BatchApplyEnabled": true},
             "ErrorBehavior": {"ApplyErrorInsertPolicy": "INSERT_RECORD"}}
            """);

    assertThat(settings.fullLoad().maxFullLoadSubTasks()).isEqualTo(16);
    assertThat(settings.fullLoad().targetTablePrepMode()).isEqualTo(PrepMode.DO_NOTHING);
    assertThat(settings.fullLoad().commitRate()).isEqualTo(10000);
    assertThat(settings.targetMetadata().targetSchema()).isEqualTo("dw");
    assertThat(settings.targetMetadata().batchApplyEnabled()).isTrue();
    assertThat(settings.targetMetadata().lobMaxSizeKb()).isEqualTo(32);
    assertThat(settings.errorBehavior().applyErrorInsertPolicy())
        .isEqualTo(ErrorPolicy.INSERT_RECORD);

    JsonNode expanded = MAPPER.readTree(settings.toJson());
    assertThat(expanded.get("FullLoadSettings").get("MaxFullLoadSubTasks").intValue())
        .isEqualTo(16);
    assertThat(expanded.get("ValidationSettings").get("ThreadCount").intValue()).isEqualTo(5);
    assertThat(fieldNames(expanded)).hasSize(14);
  }

  @Test
  void nullsMeanNotGiven() {
    TaskSettings settings =
        TaskSettings.parse(
            """
            {"FullLoadSettings": {"CommitRate": null, "MaxFullLoadSubTasks": 4},
             "TargetMetadata": null, "BeforeImageSettings": null, "PostProcessingRules": null,
             "Logging": {"CloudWatchLogGroup": null, "LogComponents": null}}
            """);

    assertThat(settings.fullLoad().commitRate()).isEqualTo(10000);
    assertThat(settings.targetMetadata()).isEqualTo(TaskSettings.defaults().targetMetadata());
    assertThat(settings.section("Logging").get(LoggingSettings.LOG_COMPONENTS)).hasSize(1);
  }

  @Test
  void parseOfToJsonGivesAnEqualInstance() {
    TaskSettings settings =
        TaskSettings.parse(
            """
            {"Logging": {"EnableLogging": true, "EnableLogContext": false,
               "LogComponents": [{"Id": "TARGET_APPLY", "Severity": "LOGGER_SEVERITY_DEBUG"},
                                 {"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_ERROR"}]},
             "CharacterSetSettings": {
               "CharacterReplacements": [{"SourceCharacterCodePoint": 35,
                                          "TargetCharacterCodePoint": 52}],
               "CharacterSetSupport": {"CharacterSet": "UTF16_PlatformEndian",
                                       "ReplaceWithCharacterCodePoint": 61}},
             "BeforeImageSettings": {"EnableBeforeImage": true, "FieldName": "before"},
             "LoopbackPreventionSettings": {"EnableLoopbackPrevention": true,
               "SourceSchema": "LOOP-DATA", "TargetSchema": "loop-data"},
             "TTSettings": {"EnableTT": true, "TTS3Settings": {"BucketName": "tt"},
               "TTRecordSettings": {"OperationsToLog": "DELETE,UPDATE", "MaxRecordSize": 64}},
             "FullLoadSettings": {"FullLoadEnabled": true, "ResumeMinTableSize": 100000},
             "ControlTablesSettings": {"historyTimeslotInMinutes": 5},
             "ErrorBehavior": {"EventErrorPolicy": "STOP_TASK"},
             "FailTaskWhenCleanTaskResourceFailed": true}
            """);

    String json = settings.toJson();
    TaskSettings again = TaskSettings.parse(json);

    assertThat(again).isEqualTo(settings).hasSameHashCodeAs(settings);
    assertThat(again.toJson()).isEqualTo(json);
    assertThat(json)
        .contains("\"LogComponents\":[{\"Id\":\"TARGET_APPLY\",\"Severity\":"
            + "\"LOGGER_SEVERITY_DEBUG\"},{\"Id\":\"SOURCE_CAPTURE\"")
        .contains("\"CharacterSetSupport\":{\"CharacterSet\":\"UTF16_PlatformEndian\"")
        .contains("\"TTS3Settings\":{\"BucketName\":\"tt\"}")
        .contains("\"FullLoadEnabled\":true")
        .contains("\"BeforeImageSettings\":{\"EnableBeforeImage\":true,\"FieldName\":\"before\","
            + "\"ColumnFilter\":\"pk-only\"}");
    assertThat(again.failTaskWhenCleanTaskResourceFailed()).isTrue();
  }

  @Test
  void reportsEveryProblemAtOnceWithItsPath() {
    OpenDmsException error =
        invalid(
            """
            {"FullLoadSettings": {"MaxFullLoadSubTasks": 0, "CommitRate": "8",
                                  "TargetTablePrepMode": "drop_and_create",
                                  "TransactionConsistencyTimeout": 1.5, "Bogus": 1},
             "TargetMetadata": {"SupportLobs": "true", "ParallelApplyThreads": 33},
             "ErrorBehavior": {"TableErrorEscalationPolicy": "SUSPEND_TABLE",
                               "DataErrorPolicy": "LOG_ERRORS"},
             "Logging": {"CloudWatchLogGroup": "g", "CloudWatchLogStream": "s",
               "LogComponents": [{"Id": "SOURCE_CAPTURE", "Severity": "LOUD"},
                                 {"Id": "NOPE", "Severity": "LOGGER_SEVERITY_INFO"},
                                 {"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_INFO"},
                                 {"Id": "IO"}, null]},
             "ValidationSettings": 5,
             "NoSuchSection": {}}
            """);

    assertThat(error.getMessage())
        .startsWith("Invalid task settings: ")
        .contains("FullLoadSettings.MaxFullLoadSubTasks: expected integer 1..49, got 0")
        .contains("FullLoadSettings.CommitRate: expected integer 1..50000, got string \"8\"")
        .contains("FullLoadSettings.TargetTablePrepMode: expected one of DO_NOTHING,"
            + " DROP_AND_CREATE, TRUNCATE_BEFORE_LOAD, got 'drop_and_create'")
        .contains("FullLoadSettings.TransactionConsistencyTimeout: expected integer 0..")
        .contains("FullLoadSettings.Bogus: unknown setting")
        .contains("TargetMetadata.SupportLobs: expected boolean, got string \"true\"")
        .contains("TargetMetadata.ParallelApplyThreads: expected integer 0..32, got 33")
        .contains("ErrorBehavior.TableErrorEscalationPolicy: expected one of STOP_TASK,"
            + " got 'SUSPEND_TABLE'")
        .contains("ErrorBehavior.DataErrorPolicy: expected one of IGNORE_RECORD, LOG_ERROR,"
            + " SUSPEND_TABLE, STOP_TASK, got 'LOG_ERRORS'")
        .contains("Logging.CloudWatchLogGroup: read-only")
        .contains("Logging.CloudWatchLogStream: read-only")
        .contains("Logging.LogComponents[0].Severity: expected one of LOGGER_SEVERITY_ERROR")
        .contains("Logging.LogComponents[1].Id: expected one of TRANSFORMATION")
        .contains("got 'NOPE'")
        .contains("Logging.LogComponents[2].Id: repeats \"SOURCE_CAPTURE\" of"
            + " Logging.LogComponents[0]")
        .contains("Logging.LogComponents[3].Severity: required")
        .contains("Logging.LogComponents[4]: expected an object, got null")
        .contains("ValidationSettings: expected an object, got 5")
        .contains("NoSuchSection: unknown section");
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() {
    OpenDmsException error = invalid("{\"FullLoadSettings\": {\n  \"CommitRate\": 10,,\n}}");

    assertThat(error.getMessage())
        .startsWith("Invalid task settings: malformed JSON at line 2, column");
  }

  @Test
  void rejectsDocumentsThatAreNotOneObject() {
    assertThat(invalid("{\"Logging\":{},\"Logging\":{}}").getMessage()).contains("Logging");
    assertThat(invalid("[]").getMessage()).contains("expected an object, got an array");
    assertThat(invalid("{} {}").getMessage()).contains("malformed JSON");
    assertThat(invalid("  ").getMessage()).contains("empty");
  }

  @Test
  void suggestsTheSpellingWhenOnlyTheCaseDiffers() {
    assertThat(invalid("{\"FullLoadSettings\":{\"commitRate\":5}}").getMessage())
        .contains("FullLoadSettings.commitRate: unknown setting (did you mean CommitRate?)");
  }

  @Test
  void rejectsContentInUndocumentedPostProcessingRules() {
    assertThat(invalid("{\"PostProcessingRules\":{\"x\":1}}").getMessage())
        .contains("PostProcessingRules: DMS does not document");
  }

  @Test
  void checksRelationsBetweenSettings() {
    OpenDmsException error =
        invalid(
            """
            {"ValidationSettings": {"ValidationOnly": true},
             "ChangeProcessingTuning": {"BatchApplyTimeoutMin": 40},
             "BeforeImageSettings": {"EnableBeforeImage": true},
             "TargetMetadata": {"BatchApplyEnabled": true},
             "LoopbackPreventionSettings": {"EnableLoopbackPrevention": true,
                                            "SourceSchema": "a"},
             "ControlTablesSettings": {"historyTimeslotInMinutes": 10}}
            """);

    assertThat(error.getMessage())
        .contains("ValidationSettings.ValidationOnly: requires"
            + " FullLoadSettings.TargetTablePrepMode DO_NOTHING, got DROP_AND_CREATE")
        .contains("ChangeProcessingTuning.BatchApplyTimeoutMin: 40 is more than"
            + " BatchApplyTimeoutMax 30")
        .contains("BeforeImageSettings.FieldName: required when EnableBeforeImage is true")
        .contains("LoopbackPreventionSettings.TargetSchema: required")
        .contains("LoopbackPreventionSettings.EnableLoopbackPrevention: requires"
            + " TargetMetadata.BatchApplyEnabled false")
        .contains("ControlTablesSettings.historyTimeslotInMinutes: 10 differs from"
            + " HistoryTimeslotInMinutes 5");
  }

  @Test
  void everyControlTablesSettingIsReadAndKept() {
    TaskSettings settings = TaskSettings.parse("""
        {"ControlTablesSettings": {"ControlSchema": "dms_ctl", "HistoryTimeslotInMinutes": 7,
          "historyTimeslotInMinutes": 7, "HistoryTableEnabled": true, "SuspendedTablesTableEnabled": true,
          "StatusTableEnabled": true, "FullLoadExceptionTableEnabled": true}}
        """);
    SettingValues control = settings.section(ChangeProcessingSections.CONTROL_TABLES.name());

    assertThat(ChangeProcessingSections.controlTables(control))
        .isEqualTo(new ControlTables(true, true, true, Duration.ofMinutes(7)));
    assertThat(control.get(ChangeProcessingSections.CONTROL_SCHEMA)).isEqualTo("dms_ctl");
    assertThat(control.get(ChangeProcessingSections.FULL_LOAD_EXCEPTION_TABLE_ENABLED)).isTrue();
    assertThat(TaskSettings.parse(settings.toJson())).isEqualTo(settings);
    SettingValues defaults = TaskSettings.defaults().section("ControlTablesSettings");
    assertThat(ChangeProcessingSections.controlTables(defaults)).isEqualTo(ControlTables.NONE);
    assertThat(defaults.get(ChangeProcessingSections.CONTROL_SCHEMA)).isEmpty();
    assertThatThrownBy(() -> TaskSettings.parse("{\"ControlTablesSettings\": {\"HistoryTimeslotInMinutes\": 0}}"))
        .hasMessageContaining("ControlTablesSettings.HistoryTimeslotInMinutes");
  }

  @Test
  void sectionsAreReadableByName() {
    TaskSettings settings =
        TaskSettings.parse("{\"ChangeProcessingTuning\":{\"StatementCacheSize\":200}}");

    SettingValues tuning = settings.section("ChangeProcessingTuning");
    assertThat(tuning.get(ChangeProcessingSections.BATCH_APPLY_TIMEOUT_MAX)).isEqualTo(30);
    assertThat(settings.toJson()).contains("\"StatementCacheSize\":200");
    assertThat(settings.section("BeforeImageSettings")
        .get(OptionalSections.ENABLE_BEFORE_IMAGE)).isFalse();
    assertThatThrownBy(() -> settings.section("Nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ChangeProcessingTuning");
  }

  @Test
  void everyDeclaredSettingHasADocSentence() {
    List<SettingGroup> groups = TaskSettings.settingGroups();

    assertThat(groups).extracting(SettingGroup::name)
        .contains("TargetMetadata", "FullLoadSettings", "Logging", "ControlTablesSettings",
            "StreamBufferSettings", "ChangeProcessingTuning",
            "ChangeProcessingDdlHandlingPolicy", "ErrorBehavior", "ValidationSettings",
            "CharacterSetSettings", "LoopbackPreventionSettings", "BeforeImageSettings",
            "TTSettings", "Logging.LogComponents[]", "TTSettings.TTS3Settings",
            "OpenDmsSettings");
    groups.forEach(group -> group.settings().forEach(setting ->
        assertThat(setting.doc()).as(group.name() + "." + setting.key()).isNotBlank()));
    assertThat(TaskSettings.document().settings()).hasSize(16);
  }

  @Test
  void theOpenDmsSectionIsWrittenBackOnlyWhenGiven() {
    assertThat(TaskSettings.defaults().toJson()).doesNotContain("OpenDmsSettings");
    assertThat(TaskSettings.defaults().section("OpenDmsSettings")
        .get(OpenDmsSettings.SLOT_RETAINED_WAL_WARNING_MB)).isEqualTo(10_240);
    TaskSettings given = TaskSettings.parse("{\"OpenDmsSettings\":{\"SlotRetainedWalWarningMb\":5}}");
    assertThat(given.section("OpenDmsSettings").get(OpenDmsSettings.SLOT_RETAINED_WAL_WARNING_MB)).isEqualTo(5);
    assertThat(TaskSettings.parse(given.toJson())).isEqualTo(given);
    assertThat(invalid("{\"OpenDmsSettings\":{\"SlotRetainedWalWarningMb\":-1}}").getMessage())
        .contains("OpenDmsSettings.SlotRetainedWalWarningMb");
  }

  private static OpenDmsException invalid(String json) {
    OpenDmsException error =
        catchThrowableOfType(OpenDmsException.class, () -> TaskSettings.parse(json));
    assertThat(error).as("parse must fail").isNotNull();
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TASK_SETTINGS);
    return error;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = TaskSettingsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
