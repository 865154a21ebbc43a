package io.opendms.engine.mapping;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema or table name in a selection rule: either a DMS wildcard pattern or an exact name.
 * Wildcards: {@code %} any run of characters, {@code _} exactly one character, {@code [ab]} one
 * of a set, {@code [a-d]} one of a range, so {@code [_]} and {@code [%]} are the literal
 * characters. Matching is case-sensitive and covers the whole name.
 *
 * <p>Immutable and thread-safe; equal when the text and the kind are equal.
 */
public final class NamePattern {
  private final String text;
  private final boolean exact;
  private final Pattern regex;

  private NamePattern(String text, boolean exact, Pattern regex) {
    this.text = text;
    this.exact = exact;
    this.regex = regex;
  }

  /**
   * Compiles a DMS wildcard pattern.
   *
   * @throws IllegalArgumentException when a {@code [} is not closed, a set is empty or a range
   *     is reversed; the message quotes the pattern
   */
  public static NamePattern wildcard(String text) {
    requireText(text);
    var regex = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '[') {
        int close = text.indexOf(']', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' has a '[' that is not closed");
        }
        if (close == i + 1) {
          throw new IllegalArgumentException("'" + text + "' has an empty '[]'");
        }
        regex.append(characterClass(text, text.substring(i + 1, close)));
        i = close;
      } else {
        regex.append(escape(c));
      }
    }
    return new NamePattern(text, false, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  /** A name compared character by character, as {@code explicit} rules take it. */
  public static NamePattern exact(String text) {
    requireText(text);
    return new NamePattern(text, true, null);
  }

  public boolean matches(String name) {
    return exact ? text.equals(name) : regex.matcher(name).matches();
  }

  /** The pattern or name as the user wrote it. */
  public String text() {
    return text;
  }

  public boolean isExact() {
    return exact;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamePattern that && text.equals(that.text) && exact == that.exact;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, exact);
  }

  @Override
  public String toString() {
    return text;
  }

  private static void requireText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
  }

  private static String characterClass(String pattern, String members) {
    var out = new StringBuilder("[");
    for (int k = 0; k < members.length(); k++) {
      char from = members.charAt(k);
      if (k + 2 < members.length() && members.charAt(k + 1) == '-') {
        char to = members.charAt(k + 2);
        if (to < from) {
          throw new IllegalArgumentException(
              "'" + pattern + "' has the reversed range '" + from + "-" + to + "'");
        }
        out.append(escape(from)).append('-').append(escape(to));
        k += 2;
      } else {
        out.append(escape(from));
      }
    }
    return out.append(']').toString();
  }

  /** Backslash before every ASCII punctuation mark is a literal in java.util.regex. */
  private static String escape(char c) {
    boolean punctuation = c < 128 && !Character.isLetterOrDigit(c) && c != ' ' && c != '_';
    return punctuation ? "\\" + c : String.valueOf(c);
  }
}
