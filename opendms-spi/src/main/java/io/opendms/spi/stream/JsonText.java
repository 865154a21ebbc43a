package io.opendms.spi.stream;

/**
 * Writes JSON text into a {@link StringBuilder}: objects of named members, pretty (two-space
 * indent, as DMS's {@code json} format) or on one line ({@code json-unformatted}). Not
 * thread-safe; one per message.
 */
final class JsonText {
  private final StringBuilder out = new StringBuilder(256);
  private final boolean pretty;
  private int depth;
  private boolean first = true;
  /** Per open object: where its member began and whether it was its parent's first member. */
  private final java.util.ArrayDeque<int[]> opened = new java.util.ArrayDeque<>();

  JsonText(boolean pretty) {
    this.pretty = pretty;
  }

  JsonText beginObject(String name) {
    opened.push(new int[] {out.length(), first ? 1 : 0});
    if (name != null) {
      name(name);
    } else {
      separate();
    }
    out.append('{');
    depth++;
    first = true;
    return this;
  }

  JsonText endObject() {
    opened.pop();
    depth--;
    if (!first) {
      newline();
    }
    out.append('}');
    first = false;
    return this;
  }

  /**
   * Ends the open object, leaving it out altogether (name included) when no member was written:
   * a mapped document whose columns were all null.
   */
  JsonText endObjectUnlessEmpty() {
    if (!first) {
      return endObject();
    }
    int[] start = opened.pop();
    depth--;
    out.setLength(start[0]);
    first = start[1] == 1;
    return this;
  }

  JsonText string(String name, String value) {
    name(name);
    quote(value);
    return this;
  }

  /** An array of strings. */
  JsonText strings(String name, java.util.List<String> values) {
    name(name);
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(pretty ? ", " : ",");
      }
      quote(values.get(i));
    }
    out.append(']');
    return this;
  }

  /** A number or literal written as it is: the caller guarantees it is valid JSON. */
  JsonText raw(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  private void name(String name) {
    separate();
    quote(name);
    out.append(pretty ? ": " : ":");
  }

  private void separate() {
    if (depth == 0) {
      return;
    }
    if (!first) {
      out.append(',');
    }
    first = false;
    newline();
  }

  private void newline() {
    if (pretty) {
      out.append('\n');
      out.append("  ".repeat(depth));
    }
  }

  private void quote(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
