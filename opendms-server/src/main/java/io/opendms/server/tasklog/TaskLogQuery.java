package io.opendms.server.tasklog;

import java.util.Set;

/**
 * Which entries of a task log to return.
 *
 * @param components the components wanted; empty for all
 * @param minimum the least severe severity wanted (WARNING: warnings and errors)
 * @param text a case-insensitive substring of the message, or empty
 * @param limit at most this many entries, the newest ones, 1 to 5000
 */
public record TaskLogQuery(Set<LogComponent> components, LogSeverity minimum, String text, int limit) {
  public static final int MAX_LIMIT = 5000;

  public TaskLogQuery {
    components = Set.copyOf(components);
    text = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
    if (minimum == null) {
      minimum = LogSeverity.TRACE;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
  }

  boolean matches(TaskLogEntry entry) {
    return (components.isEmpty() || components.contains(entry.component()))
        && entry.severity().atLeast(minimum)
        && (text.isEmpty() || entry.message().toLowerCase(java.util.Locale.ROOT).contains(text));
  }
}
