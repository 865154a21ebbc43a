package io.opendms.server.control;

import io.opendms.server.dms.DmsFault;
import java.util.regex.Pattern;

/** DMS identifier rules: letter first, ASCII letters, digits, hyphens, no "--", no trailing "-". */
final class Identifiers {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  private Identifiers() {}

  /** @param what for the message, e.g. "replication task identifier" */
  static String check(String what, String value, int maxLength) {
    if (value.isEmpty() || value.length() > maxLength || !SHAPE.matcher(value).matches()
        || value.endsWith("-") || value.contains("--")) {
      throw DmsFault.invalidParameter("Invalid " + what + " '" + value + "': it must begin with a"
          + " letter; must contain only ASCII letters, digits, and hyphens; must not end with a"
          + " hyphen or contain two consecutive hyphens; and must be 1 to " + maxLength
          + " characters long.");
    }
    return value;
  }
}
