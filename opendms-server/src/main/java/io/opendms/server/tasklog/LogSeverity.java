package io.opendms.server.tasklog;

import java.util.Locale;

/** DMS's one-letter severities, most severe first: E, W, I, D, T. */
public enum LogSeverity {
  ERROR('E'),
  WARNING('W'),
  INFO('I'),
  DEBUG('D'),
  TRACE('T');

  private final char letter;

  LogSeverity(char letter) {
    this.letter = letter;
  }

  public char letter() {
    return letter;
  }

  /** Whether an entry of this severity passes a filter asking for {@code minimum} or worse. */
  public boolean atLeast(LogSeverity minimum) {
    return ordinal() <= minimum.ordinal();
  }

  public static LogSeverity ofLetter(char letter) {
    for (LogSeverity severity : values()) {
      if (severity.letter == letter) {
        return severity;
      }
    }
    throw new IllegalArgumentException("unknown severity letter '" + letter + "'");
  }

  /** A filter value: a letter (W) or a name (WARNING, WARN, ERROR, ...). */
  public static LogSeverity parse(String text) {
    String value = text.trim().toUpperCase(Locale.ROOT);
    if (value.length() == 1) {
      return ofLetter(value.charAt(0));
    }
    return switch (value) {
      case "ERROR" -> ERROR;
      case "WARN", "WARNING" -> WARNING;
      case "INFO" -> INFO;
      case "DEBUG" -> DEBUG;
      case "TRACE" -> TRACE;
      default -> throw new IllegalArgumentException(
          "unknown severity '" + text + "'; one of E, W, I, D, T (or ERROR, WARNING, INFO, DEBUG, TRACE)");
    };
  }

  static LogSeverity ofLogback(ch.qos.logback.classic.Level level) {
    return switch (level.toInt()) {
      case ch.qos.logback.classic.Level.ERROR_INT -> ERROR;
      case ch.qos.logback.classic.Level.WARN_INT -> WARNING;
      case ch.qos.logback.classic.Level.INFO_INT -> INFO;
      case ch.qos.logback.classic.Level.DEBUG_INT -> DEBUG;
      default -> TRACE;
    };
  }
}
