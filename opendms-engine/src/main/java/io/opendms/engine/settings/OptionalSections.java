package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonObjectTypes.object;
import static io.opendms.engine.settings.JsonObjectTypes.objectList;
import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.choice;
import static io.opendms.engine.settings.JsonValueTypes.integer;
import static io.opendms.engine.settings.JsonValueTypes.nonNegative;
import static io.opendms.engine.settings.JsonValueTypes.text;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;

/**
 * Declarations of the sections DMS leaves out (or writes as {@code null}) until a feature is
 * used: {@code BeforeImageSettings}, {@code CharacterSetSettings}, {@code
 * LoopbackPreventionSettings} and {@code TTSettings}. Keys with a null default are written back
 * only when given.
 */
public final class OptionalSections {
  private OptionalSections() {}

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  public static final Setting<Boolean> ENABLE_BEFORE_IMAGE =
      Setting.of("EnableBeforeImage", bool(), false,
          "Add the row's values before an UPDATE or DELETE to Kafka and Kinesis messages (CDC"
              + " only).");
  public static final Setting<String> BEFORE_IMAGE_FIELD_NAME =
      Setting.of("FieldName", text(), null,
          "Name of the field holding the before image; required when enabled.");

  public static final Setting<String> BEFORE_IMAGE_COLUMN_FILTER =
      Setting.of("ColumnFilter", choice("pk-only", "non-lob", "all"), "pk-only",
          "Columns in the before image: the primary key, all but LOBs, or all. Of these, columns"
              + " the source's change does not carry are left out (PostgreSQL: per REPLICA"
              + " IDENTITY; MySQL: per binlog_row_image).");

  public static final SettingGroup BEFORE_IMAGE =
      new SettingGroup(
          "BeforeImageSettings",
          List.of(ENABLE_BEFORE_IMAGE, BEFORE_IMAGE_FIELD_NAME, BEFORE_IMAGE_COLUMN_FILTER));

  public static final SettingGroup CHARACTER_REPLACEMENT =
      new SettingGroup(
          "CharacterSetSettings.CharacterReplacements[]",
          List.of(
              Setting.of("SourceCharacterCodePoint", integer(0, MAX_CODE_POINT), null,
                  "Code point to replace."),
              Setting.of("TargetCharacterCodePoint", integer(0, MAX_CODE_POINT), null,
                  "Code point written instead; 0 deletes the character.")));

  public static final SettingGroup CHARACTER_SET_SUPPORT =
      new SettingGroup(
          "CharacterSetSettings.CharacterSetSupport",
          List.of(
              Setting.of("CharacterSet", text(), null,
                  "Character set whose invalid characters are replaced, e.g."
                      + " UTF16_PlatformEndian."),
              Setting.of("ReplaceWithCharacterCodePoint", integer(0, MAX_CODE_POINT), null,
                  "Code point written for an invalid character; 0 deletes it.")));

  private static final String NO_CHARACTER_SETS = "Accepted and kept; OpenDMS does not use it:"
      + " values are written as the source gives them, no character replaced.";

  public static final Setting<List<SettingValues>> CHARACTER_REPLACEMENTS =
      Setting.of("CharacterReplacements",
          objectList(CHARACTER_REPLACEMENT, "SourceCharacterCodePoint"), null,
          "Characters replaced in STRING and WSTRING columns before transformations run. "
              + NO_CHARACTER_SETS);

  public static final SettingGroup CHARACTER_SET =
      new SettingGroup(
          "CharacterSetSettings",
          List.of(CHARACTER_REPLACEMENTS,
              Setting.of("CharacterSetSupport", object(CHARACTER_SET_SUPPORT), null,
                  "Replacement of characters invalid in a character set. "
                      + NO_CHARACTER_SETS)));

  public static final Setting<Boolean> ENABLE_LOOPBACK_PREVENTION =
      Setting.of("EnableLoopbackPrevention", bool(), false,
          "Skip changes this task's twin wrote (bidirectional replication); needs both schemas and"
              + " BatchApplyEnabled false. Checked, then not used: OpenDMS writes no"
              + " awsdms_loopback_prevention table and skips no change, so two tasks replicating"
              + " both ways would send changes back.");
  public static final Setting<String> LOOPBACK_SOURCE_SCHEMA =
      Setting.of("SourceSchema", text(), null,
          "Source schema holding awsdms_loopback_prevention.");
  public static final Setting<String> LOOPBACK_TARGET_SCHEMA =
      Setting.of("TargetSchema", text(), null,
          "Target schema holding awsdms_loopback_prevention.");

  public static final SettingGroup LOOPBACK_PREVENTION =
      new SettingGroup(
          "LoopbackPreventionSettings",
          List.of(ENABLE_LOOPBACK_PREVENTION, LOOPBACK_SOURCE_SCHEMA, LOOPBACK_TARGET_SCHEMA));

  public static final SettingGroup TIME_TRAVEL_S3 =
      new SettingGroup(
          "TTSettings.TTS3Settings",
          List.of(
              Setting.of("EncryptionMode", text(), null, "Encryption of the Time Travel logs."),
              Setting.of("ServerSideEncryptionKmsKeyId", text(), null,
                  "KMS key for SSE-KMS encryption."),
              Setting.of("ServiceAccessRoleArn", text(), null, "Role used to write the bucket."),
              Setting.of("BucketName", text(), null, "Bucket receiving the Time Travel logs."),
              Setting.of("BucketFolder", text(), null, "Folder in the bucket."),
              Setting.of("EnableDeletingFromS3OnTaskDelete", bool(), null,
                  "Delete the logs when the task is deleted.")));

  public static final SettingGroup TIME_TRAVEL_RECORDS =
      new SettingGroup(
          "TTSettings.TTRecordSettings",
          List.of(
              Setting.of("EnableRawData", bool(), null, "Log the changed rows' data."),
              Setting.of("OperationsToLog", text(), null,
                  "Comma list of operations logged, e.g. DELETE,UPDATE."),
              Setting.of("MaxRecordSize", nonNegative(), null, "Largest logged record in KB.")));

  public static final SettingGroup TIME_TRAVEL =
      new SettingGroup(
          "TTSettings",
          List.of(
              Setting.of("EnableTT", bool(), false,
                  "Log changes to S3 for troubleshooting (Time Travel). Accepted and kept; OpenDMS"
                      + " does not use it: there is no Time Travel; the TTSettings given are kept"
                      + " and returned."),
              Setting.of("TTS3Settings", object(TIME_TRAVEL_S3), null,
                  "Where Time Travel logs are written."),
              Setting.of("TTRecordSettings", object(TIME_TRAVEL_RECORDS), null,
                  "What Time Travel logs.")));
}
