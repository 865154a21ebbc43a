package io.opendms.connector.mysql;

import java.nio.charset.StandardCharsets;

/**
 * Encodes rows as LOAD DATA's default text format: fields separated by tab, rows ended by newline,
 * backslash escapes ({@code \\ \t \n \r \0}), {@code \N} for NULL, so an empty string stays an
 * empty string and a NULL stays NULL. Appends to a growable buffer. Confined to one thread.
 */
final class LoadDataEncoder {

  private final LoadDataColumn[] columns;
  private final StringBuilder line = new StringBuilder(256);
  private byte[] buffer = new byte[1 << 16];
  private int size;

  LoadDataEncoder(LoadDataColumn[] columns) {
    this.columns = columns.clone();
  }

  /** A value that cannot be written, with the 0-based column it is in. */
  static final class FieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int field;

    FieldException(int field, String message, Throwable cause) {
      super(message, cause);
      this.field = field;
    }

    int field() {
      return field;
    }
  }

  /** Appends one row; on failure nothing of the row is appended. */
  void append(Object[] values) {
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
      String text;
      try {
        text = MySqlValueFormatter.format(value, columns[i]);
      } catch (RuntimeException e) {
        throw new FieldException(i, e.getMessage(), e);
      }
      escape(text);
    }
    line.append('\n');
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  int size() {
    return size;
  }

  byte[] buffer() {
    return buffer;
  }

  void clear() {
    size = 0;
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> line.append("\\\\");
        case '\t' -> line.append("\\t");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\0' -> line.append("\\0");
        default -> line.append(c);
      }
    }
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      byte[] grown = new byte[Math.max(buffer.length * 2, size + more)];
      System.arraycopy(buffer, 0, grown, 0, size);
      buffer = grown;
    }
  }
}
