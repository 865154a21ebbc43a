package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonObjectTypes.objectList;
import static io.opendms.engine.settings.JsonValueTypes.bool;
import static io.opendms.engine.settings.JsonValueTypes.oneOf;
import static io.opendms.engine.settings.JsonValueTypes.readOnly;
import static io.opendms.engine.settings.JsonValueTypes.text;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;
import java.util.Map;

/**
 * Declarations of DMS's {@code Logging} section, with the component and severity vocabularies
 * of {@code LogComponents}. Not instantiable; read the values through {@link
 * TaskSettings#section(String)}.
 */
public final class LoggingSettings {
  private LoggingSettings() {}

  /** The {@code Id} of a log component, as DMS names them. */
  public enum Component {
    TRANSFORMATION, SOURCE_UNLOAD, IO, TARGET_LOAD, PERFORMANCE, SOURCE_CAPTURE, SORTER,
    REST_SERVER, VALIDATOR_EXT, VALIDATOR, TARGET_APPLY, TASK_MANAGER, TABLES_MANAGER,
    METADATA_MANAGER, FILE_FACTORY, COMMON, ADDONS, DATA_STRUCTURE, COMMUNICATION, FILE_TRANSFER
  }

  /** A component's {@code Severity}, from least to most verbose. */
  public enum Severity {
    LOGGER_SEVERITY_ERROR,
    LOGGER_SEVERITY_WARNING,
    LOGGER_SEVERITY_INFO,
    /** Same level as INFO; what DMS writes when the user did not choose. */
    LOGGER_SEVERITY_DEFAULT,
    LOGGER_SEVERITY_DEBUG,
    LOGGER_SEVERITY_DETAILED_DEBUG
  }

  public static final Setting<Component> COMPONENT_ID =
      Setting.of("Id", oneOf(Component.class), null, "The component whose log level is set.");
  public static final Setting<Severity> COMPONENT_SEVERITY =
      Setting.of("Severity", oneOf(Severity.class), null, "The component's log level.");

  /** One element of {@code LogComponents}; both keys are required. */
  public static final SettingGroup LOG_COMPONENT =
      new SettingGroup("Logging.LogComponents[]", List.of(COMPONENT_ID, COMPONENT_SEVERITY));

  public static final Setting<Boolean> ENABLE_LOGGING =
      Setting.of("EnableLogging", bool(), false, "Write the task log. Accepted and kept; OpenDMS"
          + " does not use it: every task writes its log (<data dir>/tasks/<task id>/task.log)"
          + " whatever the value; LogComponents sets its levels.");
  public static final Setting<Boolean> ENABLE_LOG_CONTEXT =
      Setting.of("EnableLogContext", bool(), null,
          "Add context (such as the table) to each log line. Accepted and kept; OpenDMS does not"
              + " use it: lines say their table in their text.");
  public static final Setting<Boolean> DELETE_TASK_LOGS =
      Setting.of("DeleteTaskLogs", bool(), null, "Delete the task's logs with the task. Accepted"
          + " and kept; OpenDMS does not use it: deleting a task always deletes its log with its"
          + " state directory.");
  public static final Setting<List<SettingValues>> LOG_COMPONENTS =
      Setting.of("LogComponents", objectList(LOG_COMPONENT, COMPONENT_ID.key()),
          List.of(LOG_COMPONENT.resolveOrThrow(
              Map.of("Id", "SOURCE_CAPTURE", "Severity", "LOGGER_SEVERITY_DEFAULT"))),
          "Log level per component, as a list of {Id, Severity}; a given list replaces the"
              + " default one, each Id at most once.");
  public static final Setting<String> CLOUD_WATCH_LOG_GROUP =
      Setting.of("CloudWatchLogGroup", readOnly(text()), null,
          "Read-only: the log group the service writes to.");
  public static final Setting<String> CLOUD_WATCH_LOG_STREAM =
      Setting.of("CloudWatchLogStream", readOnly(text()), null,
          "Read-only: the log stream the service writes to.");

  /** The section as declared, in the order DMS writes it. */
  public static final SettingGroup GROUP =
      new SettingGroup(
          "Logging",
          List.of(ENABLE_LOGGING, ENABLE_LOG_CONTEXT, DELETE_TASK_LOGS, LOG_COMPONENTS,
              CLOUD_WATCH_LOG_GROUP, CLOUD_WATCH_LOG_STREAM));
}
