package io.opendms.engine.mapping.expression;

/** SQLite's string functions whose index and trimming rules differ from Java's. */
final class Strings {

  private Strings() {}

  /**
   * {@code substr(x, start[, length])}: 1-based start, negative start counts from the end,
   * negative length takes the characters before start, counted in code points.
   */
  static String substr(String text, long start, Long length) {
    int[] points = text.codePoints().toArray();
    long n = points.length;
    long from = start > 0 ? start - 1 : start < 0 ? n + start : -1;
    long to;
    if (length == null) {
      to = n;
    } else if (length >= 0) {
      to = from + length;
    } else {
      to = from;
      from = from + length;
    }
    if (start == 0 && length != null && length > 0) {
      to = length - 1;
      from = 0;
    }
    from = Math.max(0, Math.min(from, n));
    to = Math.max(from, Math.min(to, n));
    return new String(points, (int) from, (int) (to - from));
  }

  static String trim(String text, String characters, boolean left, boolean right) {
    int start = 0;
    int end = text.length();
    while (left && start < end && characters.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (right && end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }

  /** DMS's replaceChars: each character of x found in y becomes the character of z there. */
  static String replaceChars(String text, String from, String to) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int at = from.indexOf(c);
      if (at < 0) {
        out.append(c);
      } else if (at < to.length()) {
        out.append(to.charAt(at));
      }
    }
    return out.toString();
  }
}
