package io.opendms.connector.mysql;

import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ColumnDefault.Kind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies a MySQL/MariaDB {@code COLUMN_DEFAULT} (MariaDB prints it as an expression: {@code
 * 'text'}, {@code 42}, {@code NULL}, {@code current_timestamp()}; MySQL 8 prints a string constant
 * without quotes) and turns standard literals back into MySQL text. Stateless.
 */
final class MySqlDefaults {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern NOW =
      Pattern.compile("(current_timestamp|now|localtimestamp|localtime)(\\(\\d?\\))?");

  private MySqlDefaults() {}

  /** The default of a column, or empty when it has none (or NULL, which is no default at all). */
  static Optional<ColumnDefault> classify(
      String column, String columnDefault, String extra, boolean textual) {
    if (extra.toLowerCase(Locale.ROOT).contains("auto_increment")) {
      return Optional.of(new ColumnDefault(column, Kind.IDENTITY, ""));
    }
    if (columnDefault == null || columnDefault.equalsIgnoreCase("NULL")) {
      return Optional.empty();
    }
    String text = columnDefault.trim();
    if (NOW.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of(new ColumnDefault(column, Kind.CURRENT_TIMESTAMP, ""));
    }
    if (NUMBER.matcher(text).matches()) {
      return Optional.of(new ColumnDefault(column, Kind.LITERAL, text));
    }
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      return Optional.of(new ColumnDefault(column, Kind.LITERAL, standardString(text)));
    }
    if (textual && !text.contains("(")
        && !extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED")) {
      // MySQL 8 prints a string constant bare; DEFAULT_GENERATED would mark an expression
      return Optional.of(new ColumnDefault(column, Kind.LITERAL, "'" + text.replace("'", "''") + "'"));
    }
    return Optional.of(new ColumnDefault(column, Kind.EXPRESSION, text));
  }

  /** MariaDB's quoted string, backslash escapes resolved, as a standard literal. */
  private static String standardString(String quoted) {
    String body = quoted.substring(1, quoted.length() - 1);
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        value.append(body.charAt(++i));
      } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        value.append('\'');
        i++;
      } else {
        value.append(c);
      }
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  /** A standard literal as MySQL text: strings need backslashes doubled. */
  static String mysqlLiteral(String standard) {
    return standard.startsWith("'") ? standard.replace("\\", "\\\\") : standard;
  }
}
