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

  private void escape(String text) {
    int first = firstSpecial(text);
    if (first < 0) {
      line.append(text); // the common case: nothing to escape, one bulk copy
      return;
    }
    line.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
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

  private static int firstSpecial(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Hands the encoded bytes over and starts a new buffer, so that the caller can load them while
   * the next rows are encoded.
   */
  Chunk take() {
    Chunk chunk = new Chunk(buffer, size);
    buffer = new byte[Math.max(1 << 16, buffer.length)];
    size = 0;
    return chunk;
  }

  /** Encoded rows: the first {@code size} bytes of {@code bytes}. */
  record Chunk(byte[] bytes, int size) {}

  private void ensure(int more) {
    if (size + more > buffer.length) {
      byte[] grown = new byte[Math.max(buffer.length * 2, size + more)];
      System.arraycopy(buffer, 0, grown, 0, size);
      buffer = grown;
    }
  }
}
