package io.opendms.server.tasklog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One task-log line, in DMS's layout: {@code 2026-01-01T10:00:00.123Z [TARGET_LOAD    ]I:  text}.
 * A message's line breaks are written as {@code \n} (and a backslash as {@code \\}) so that an
 * entry is always one line of the file.
 *
 * @param time when it was logged
 * @param component the DMS component
 * @param severity E, W, I, D or T
 * @param message the text, possibly several lines
 */
public record TaskLogEntry(Instant time, LogComponent component, LogSeverity severity, String message) {
  private static final Pattern LINE =
      Pattern.compile("(\\S+) \\[([A-Z_]+)\\s*\\]([EWIDT]):  (.*)");

  public TaskLogEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** The line of the file: {@link #prefix()} and the message with its line breaks escaped. */
  public String format() {
    return prefix() + message.replace("\\", "\\\\").replace("\r", "").replace("\n", "\\n");
  }

  /** Time, component and severity: {@code 2026-01-01T10:00:00.123Z [TARGET_LOAD     ]I:  }. */
  public String prefix() {
    return time + " [" + String.format("%-16s", component.name()) + "]" + severity.letter() + ":  ";
  }

  /** The entry of a line written by {@link #format}; empty for anything else. */
  public static Optional<TaskLogEntry> parse(String line) {
    Matcher parts = LINE.matcher(line);
    if (!parts.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TaskLogEntry(Instant.parse(parts.group(1)), LogComponent.parse(parts.group(2)),
          LogSeverity.ofLetter(parts.group(3).charAt(0)), unescape(parts.group(4))));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String unescape(String text) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
