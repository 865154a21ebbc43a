package io.opendms.connector.mysql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column names an {@code ALTER TABLE} statement leaves, in order, read from the statement:
 * the binlog logs the statement only, and the catalog may already show a later one, so the
 * statement says which columns exist after it and the catalog only what they are. Understands
 * {@code ADD [COLUMN]}, {@code DROP [COLUMN]}, {@code CHANGE}, {@code MODIFY}, {@code RENAME
 * COLUMN} with {@code FIRST}/{@code AFTER}; clauses about indexes, keys, constraints, defaults,
 * partitions and options change no column. Empty for what it cannot read (a parenthesised {@code
 * ADD} list): the caller then takes the catalog's columns. Stateless.
 */
final class AlterColumns {
  private static final String NAME = "(`(?:[^`]|``)+`|[A-Za-z0-9_$\\u0080-\\uFFFF]+)";
  private static final Pattern ALTER = Pattern.compile(
      "(?is)^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
          + NAME + "(?:\\s*\\.\\s*" + NAME + ")?\\s*(.*)$");
  private static final Pattern COMMENTS = Pattern.compile("/\\*(?!!).*?\\*/|(--|#)[^\\n]*", Pattern.DOTALL);
  private static final Pattern NOT_COLUMNS = Pattern.compile("(?i)^(INDEX|KEY|PRIMARY|UNIQUE|"
      + "FOREIGN|CONSTRAINT|FULLTEXT|SPATIAL|CHECK|PARTITION|PERIOD|SYSTEM)\\b.*", Pattern.DOTALL);
  private static final Pattern ADD = Pattern.compile(
      "(?is)^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+(.*)$");
  private static final Pattern DROP = Pattern.compile(
      "(?is)^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s*(?:RESTRICT|CASCADE)?\\s*$");
  private static final Pattern CHANGE = Pattern.compile(
      "(?is)^CHANGE\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+" + NAME + "\\s+(.*)$");
  private static final Pattern MODIFY = Pattern.compile(
      "(?is)^MODIFY\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+(.*)$");
  private static final Pattern RENAME = Pattern.compile(
      "(?is)^RENAME\\s+COLUMN\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+TO\\s+" + NAME + "\\s*$");
  private static final Pattern PLACE = Pattern.compile("(?is).*\\s(FIRST|AFTER\\s+" + NAME + ")\\s*$");

  /**
   * What the statement does to the columns.
   *
   * @param names the columns after it, in order
   * @param renames old name to new
   * @param defined the columns whose definition it gives (added, changed, modified): only theirs
   *     may differ from before
   */
  record Effect(List<String> names, Map<String, String> renames, Set<String> defined) {}

  private AlterColumns() {}

  static Optional<Effect> of(String sql, List<String> before) {
    Matcher alter = ALTER.matcher(COMMENTS.matcher(sql).replaceAll(" ").strip());
    if (!alter.matches()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(before);
    Map<String, String> renames = new LinkedHashMap<>();
    Set<String> defined = new HashSet<>();
    for (String clause : clauses(alter.group(3))) {
      String upper = clause.toUpperCase(Locale.ROOT);
      Matcher m;
      if (upper.startsWith("ADD")) {
        String rest = clause.substring(3).strip();
        if (rest.startsWith("(")) {
          return Optional.empty();
        }
        if (NOT_COLUMNS.matcher(rest).matches() || !(m = ADD.matcher(clause)).matches()) {
          continue;
        }
        place(names, unquote(m.group(1)), m.group(2), true);
        defined.add(unquote(m.group(1)));
      } else if (upper.startsWith("DROP")) {
        if ((m = DROP.matcher(clause)).matches() && !NOT_COLUMNS.matcher(m.group(1)).matches()) {
          names.remove(unquote(m.group(1)));
        }
      } else if ((m = CHANGE.matcher(clause)).matches()) {
        String from = unquote(m.group(1));
        String to = unquote(m.group(2));
        rename(names, renames, from, to);
        place(names, to, m.group(3), false);
        defined.add(to);
      } else if ((m = MODIFY.matcher(clause)).matches()) {
        place(names, unquote(m.group(1)), m.group(2), false);
        defined.add(unquote(m.group(1)));
      } else if ((m = RENAME.matcher(clause)).matches()) {
        rename(names, renames, unquote(m.group(1)), unquote(m.group(2)));
      }
    }
    return Optional.of(new Effect(names, renames, defined));
  }

  private static void rename(List<String> names, Map<String, String> renames, String from, String to) {
    int at = names.indexOf(from);
    if (at >= 0 && !from.equals(to)) {
      names.set(at, to);
      renames.put(from, to);
    }
  }

  /** Puts a column added (at the end unless placed) or moved by FIRST/AFTER. */
  private static void place(List<String> names, String name, String definition, boolean added) {
    Matcher place = PLACE.matcher(" " + definition);
    if (!place.matches() && !added) {
      return;
    }
    names.remove(name);
    if (!place.matches()) {
      names.add(name);
    } else if (place.group(1).toUpperCase(Locale.ROOT).startsWith("FIRST")) {
      names.add(0, name);
    } else {
      int after = names.indexOf(unquote(place.group(2)));
      names.add(after < 0 ? names.size() : after + 1, name);
    }
  }

  /** The clauses of the statement, split at commas outside parentheses and quotes. */
  private static List<String> clauses(String text) {
    List<String> clauses = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        clauses.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    clauses.add(text.substring(start).strip().replaceAll(";$", ""));
    return clauses;
  }

  private static String unquote(String part) {
    return part.startsWith("`") && part.endsWith("`") && part.length() >= 2
        ? part.substring(1, part.length() - 1).replace("``", "`") : part;
  }
}
