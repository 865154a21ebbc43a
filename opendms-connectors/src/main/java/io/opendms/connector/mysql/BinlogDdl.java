package io.opendms.connector.mysql;

import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a statement-logged QUERY event of the binlog means to a capture: transaction control, a
 * TRUNCATE of captured tables, DDL that touches captured tables or their database (the capture
 * reads their columns again), or something that concerns other tables. Names are matched as identifiers, quoted or not, qualified or resolved
 * against the event's current database. Stateless.
 */
final class BinlogDdl {

  /** The meaning of one statement. */
  sealed interface Meaning {}

  /** BEGIN: a transaction's row events follow. */
  record Begin() implements Meaning {}

  /** COMMIT or ROLLBACK logged as a statement (non-transactional tables, XA). */
  record End() implements Meaning {}

  /** TRUNCATE of captured tables. */
  record Truncate(List<TableId> tables) implements Meaning {}

  /** What a DDL statement does to the captured tables it names. */
  enum Verb {
    ALTER,
    CREATE,
    DROP,
    RENAME
  }

  /** DDL on captured tables (a dropped database: a DROP of its captured tables). */
  record Affects(Verb verb, List<TableId> tables) implements Meaning {}

  /** Nothing the capture acts on. */
  record Other() implements Meaning {}

  private static final Pattern COMMENTS = Pattern.compile("/\\*(?!!).*?\\*/|(--|#)[^\\n]*", Pattern.DOTALL);
  private static final Pattern TRUNCATE =
      Pattern.compile("(?is)^TRUNCATE\\s+(?:TABLE\\s+)?(" + name() + ")\\s*;?\\s*$");
  /** The statements that change tables, and what follows the table keyword. */
  private static final Pattern DDL = Pattern.compile("(?is)^(ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE"
      + "|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE|DROP\\s+(?:TEMPORARY\\s+)?TABLES?"
      + "|RENAME\\s+TABLES?)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(.*)");
  private static final Pattern DROP_DATABASE =
      Pattern.compile("(?is)^DROP\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+EXISTS\\s+)?(" + name() + ").*");
  private static final Pattern IDENTIFIER = Pattern.compile(name());
  private BinlogDdl() {}

  private static String name() {
    String part = "(?:`(?:[^`]|``)+`|[A-Za-z0-9_$\\u0080-\\uFFFF]+)";
    return part + "(?:\\s*\\.\\s*" + part + ")?";
  }

  static Meaning classify(String sql, String database, Set<TableId> captured) {
    String statement = COMMENTS.matcher(sql).replaceAll(" ").strip();
    String upper = statement.toUpperCase(Locale.ROOT);
    if (upper.equals("BEGIN") || upper.startsWith("XA START")) {
      return new Begin();
    }
    if (upper.equals("COMMIT") || upper.equals("ROLLBACK") || upper.startsWith("XA END")
        || upper.startsWith("XA COMMIT")) {
      return new End();
    }
    Matcher truncate = TRUNCATE.matcher(statement);
    if (truncate.matches()) {
      TableId table = resolve(truncate.group(1), database);
      return table != null && captured.contains(table) ? new Truncate(List.of(table)) : new Other();
    }
    Matcher dropDatabase = DROP_DATABASE.matcher(statement);
    if (dropDatabase.matches()) {
      String dropped = unquote(dropDatabase.group(1));
      List<TableId> tables = captured.stream().filter(t -> t.schema().equals(dropped)).sorted().toList();
      return tables.isEmpty() ? new Other() : new Affects(Verb.DROP, tables);
    }
    Matcher ddl = DDL.matcher(statement);
    if (!ddl.matches()) {
      return new Other();
    }
    Verb verb = switch (Character.toUpperCase(ddl.group(1).charAt(0))) {
      case 'A' -> Verb.ALTER;
      case 'C' -> Verb.CREATE;
      case 'D' -> Verb.DROP;
      default -> Verb.RENAME;
    };
    // ALTER and CREATE name one table first; DROP and RENAME list only tables (and TO)
    boolean first = verb == Verb.ALTER || verb == Verb.CREATE;
    List<TableId> tables = new ArrayList<>();
    Matcher names = IDENTIFIER.matcher(ddl.group(2));
    while (names.find()) {
      TableId table = resolve(names.group(), database);
      if (table != null && captured.contains(table) && !tables.contains(table)) {
        tables.add(table);
      }
      if (first) {
        break;
      }
    }
    return tables.isEmpty() ? new Other() : new Affects(verb, tables);
  }

  /** The table a name means; null when unqualified and no database is current. */
  private static TableId resolve(String text, String database) {
    int dot = dotOutsideQuotes(text);
    if (dot < 0) {
      return database == null || database.isEmpty() ? null : new TableId(database, unquote(text.strip()));
    }
    return new TableId(unquote(text.substring(0, dot).strip()), unquote(text.substring(dot + 1).strip()));
  }

  private static int dotOutsideQuotes(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String part) {
    return part.startsWith("`") && part.endsWith("`") && part.length() >= 2
        ? part.substring(1, part.length() - 1).replace("``", "`") : part;
  }
}
