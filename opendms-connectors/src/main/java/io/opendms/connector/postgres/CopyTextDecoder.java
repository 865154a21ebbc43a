package io.opendms.connector.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Splits one line of PostgreSQL's COPY text format (UTF-8, tab-delimited, {@code \N} for NULL) into
 * its fields and undoes the escapes: {@code \\ \b \f \n \r \t \v}, octal {@code \ooo} and hex
 * {@code \xhh} bytes, and a backslash before any other character meaning that character. Works on
 * bytes, so escaped bytes join the UTF-8 sequence they belong to. Holds a scratch buffer: confined
 * to one thread.
 */
final class CopyTextDecoder {

  private byte[] scratch = new byte[256];

  /**
   * The values of one line, null for SQL NULL, each field parsed as its kind: the common forms
   * straight from the bytes ({@link CopyTextValues}), the rest and escaped fields through their
   * text ({@link TextValueParser}).
   *
   * @param line one row as {@code CopyOut.readFromCopy()} returns it, with or without its newline
   * @param kinds the kind of each field; the line must have as many fields
   * @throws CopyFieldException when one field is not text of its kind
   * @throws IllegalArgumentException when the line has another field count or a broken escape
   */
  Object[] decode(byte[] line, ValueKind[] kinds) {
    int fieldCount = kinds.length;
    int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
    Object[] values = new Object[fieldCount];
    int field = 0;
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i <= end; i++) {
      if (i == end || line[i] == '\t') {
        if (field == fieldCount) {
          throw fieldCountMismatch(fieldCount, line);
        }
        values[field] = value(kinds[field], field, line, start, i, escaped);
        field++;
        start = i + 1;
        escaped = false;
      } else if (line[i] == '\\') {
        escaped = true;
        i++; // the escaped byte is data, even when it is a tab
      }
    }
    if (field != fieldCount) {
      throw fieldCountMismatch(fieldCount, line);
    }
    return values;
  }

  private Object value(ValueKind kind, int field, byte[] line, int start, int end, boolean escaped) {
    String text = null;
    if (escaped) {
      text = unescape(line, start, end); // a broken escape is the line's error, not the column's
      if (text == null) {
        return null;
      }
    }
    try {
      if (text == null) {
        Object value = CopyTextValues.parse(kind, line, start, end);
        if (value != CopyTextValues.UNUSUAL) {
          return value;
        }
        text = utf8(line, start, end - start);
      }
      return TextValueParser.parse(kind, text);
    } catch (RuntimeException e) {
      throw new CopyFieldException(field, e.toString(), e);
    }
  }

  private String unescape(byte[] line, int start, int end) {
    if (end - start == 2 && line[start + 1] == 'N') {
      return null;
    }
    if (scratch.length < end - start) {
      scratch = new byte[Math.max(end - start, scratch.length * 2)];
    }
    int length = 0;
    int i = start;
    while (i < end) {
      byte b = line[i++];
      if (b != '\\') {
        scratch[length++] = b;
        continue;
      }
      if (i == end) {
        throw new IllegalArgumentException("COPY text field ends in a lone backslash");
      }
      byte c = line[i++];
      if (c >= '0' && c <= '7') {
        int value = c - '0';
        for (int digits = 1; digits < 3 && i < end && line[i] >= '0' && line[i] <= '7'; digits++) {
          value = value * 8 + (line[i++] - '0');
        }
        scratch[length++] = (byte) value;
      } else if (c == 'x' && i < end && Character.digit(line[i], 16) >= 0) {
        int value = Character.digit(line[i++], 16);
        if (i < end && Character.digit(line[i], 16) >= 0) {
          value = value * 16 + Character.digit(line[i++], 16);
        }
        scratch[length++] = (byte) value;
      } else {
        scratch[length++] = control(c);
      }
    }
    return utf8(scratch, 0, length);
  }

  private static byte control(byte escaped) {
    return switch (escaped) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'v' -> 0x0B;
      default -> escaped;
    };
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException fieldCountMismatch(int expected, byte[] line) {
    String start = utf8(line, 0, Math.min(line.length, 80));
    return new IllegalArgumentException(
        "COPY text line does not have " + expected + " fields: " + start.strip());
  }
}
