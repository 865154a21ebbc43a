package io.opendms.server.tasklog;

import io.opendms.engine.settings.LoggingSettings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.settings.SettingValues;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The least severe entry each component writes to a task's log: DMS's {@code
 * Logging.LogComponents}. A component not listed writes INFO and worse, as DMS's {@code
 * LOGGER_SEVERITY_DEFAULT}. Immutable.
 */
public final class TaskLogLevels {
  /** Every component at its default severity. */
  public static final TaskLogLevels DEFAULT = new TaskLogLevels(Map.of());

  private final Map<LogComponent, LogSeverity> severities;

  public TaskLogLevels(Map<LogComponent, LogSeverity> severities) {
    this.severities = severities.isEmpty() ? Map.of() : new EnumMap<>(severities);
  }

  /**
   * The levels of a task's settings. Component Ids DMS knows but OpenDMS tags no line with
   * (IO, VALIDATOR_EXT, ...) are accepted and change nothing.
   */
  public static TaskLogLevels of(TaskSettings settings) {
    List<SettingValues> components =
        settings.section(LoggingSettings.GROUP.name()).get(LoggingSettings.LOG_COMPONENTS);
    var severities = new EnumMap<LogComponent, LogSeverity>(LogComponent.class);
    for (SettingValues component : components == null ? List.<SettingValues>of() : components) {
      LoggingSettings.Component id = component.get(LoggingSettings.COMPONENT_ID);
      LoggingSettings.Severity severity = component.get(LoggingSettings.COMPONENT_SEVERITY);
      for (LogComponent known : LogComponent.values()) {
        if (known.name().equals(id.name())) {
          severities.put(known, severityOf(severity));
        }
      }
    }
    return new TaskLogLevels(severities);
  }

  /** The least severe entry {@code component} writes. */
  public LogSeverity of(LogComponent component) {
    return severities.getOrDefault(component, LogSeverity.INFO);
  }

  /** Whether an entry of {@code component} with {@code severity} goes to the task's log. */
  public boolean writes(LogComponent component, LogSeverity severity) {
    return severity.atLeast(of(component));
  }

  /** Whether some component writes DEBUG or TRACE entries, which loggers do not make by default. */
  boolean verbose() {
    return severities.values().stream().anyMatch(s -> !s.atLeast(LogSeverity.INFO));
  }

  private static LogSeverity severityOf(LoggingSettings.Severity severity) {
    return switch (severity) {
      case LOGGER_SEVERITY_ERROR -> LogSeverity.ERROR;
      case LOGGER_SEVERITY_WARNING -> LogSeverity.WARNING;
      case LOGGER_SEVERITY_INFO, LOGGER_SEVERITY_DEFAULT -> LogSeverity.INFO;
      case LOGGER_SEVERITY_DEBUG -> LogSeverity.DEBUG;
      case LOGGER_SEVERITY_DETAILED_DEBUG -> LogSeverity.TRACE;
    };
  }

  @Override
  public String toString() {
    return severities.toString();
  }
}
