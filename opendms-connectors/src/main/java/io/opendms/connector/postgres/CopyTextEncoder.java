package io.opendms.connector.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Encodes rows of canonical values as lines of PostgreSQL's COPY text format: each value's text
 * (see {@link TextValueFormatter}) with backslash, tab, newline, carriage return and the other
 * control escapes PostgreSQL itself writes, tab between fields, {@code \N} for NULL, UTF-8. Rejects
 * what PostgreSQL text cannot hold (U+0000, unpaired surrogates) instead of changing it. Holds a
 * buffer: confined to one thread.
 */
final class CopyTextEncoder {

  private final StringBuilder line = new StringBuilder(256);

  /**
   * One row as a UTF-8 COPY text line ending in a newline.
   *
   * @throws CopyFieldException naming the field that cannot be written
   */
  byte[] encode(Object[] values) {
    line.setLength(0);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        line.append("\\N");
        continue;
      }
      try {
        appendEscaped(line, TextValueFormatter.format(value));
      } catch (IllegalArgumentException e) {
        throw new CopyFieldException(i, e.getMessage(), e);
      }
    }
    line.append('\n');
    // no unpaired surrogate is left (appendEscaped checked), so nothing is replaced here
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends {@code text} with COPY text escapes. */
  static void appendEscaped(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0B -> out.append("\\v");
        case 0 -> throw new IllegalArgumentException("PostgreSQL text cannot hold U+0000");
        default -> {
          if (Character.isSurrogate(c)) {
            i = appendSurrogatePair(out, text, i);
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static int appendSurrogatePair(StringBuilder out, String text, int i) {
    char high = text.charAt(i);
    if (Character.isHighSurrogate(high)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      out.append(high).append(text.charAt(i + 1));
      return i + 1;
    }
    throw new IllegalArgumentException(
        "text holds an unpaired UTF-16 surrogate at index " + i + " (not valid Unicode)");
  }
}
