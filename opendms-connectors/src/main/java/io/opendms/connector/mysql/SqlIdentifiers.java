package io.opendms.connector.mysql;

import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.StringJoiner;

/** MySQL identifier quoting and string literals. Stateless. */
final class SqlIdentifiers {

  private SqlIdentifiers() {}

  /** {@code `name`}, with backticks doubled: safe for any name. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  static String qualified(TableId table) {
    return quote(table.schema()) + "." + quote(table.name());
  }

  static String columnList(List<String> names) {
    StringJoiner list = new StringJoiner(", ");
    names.forEach(name -> list.add(quote(name)));
    return list.toString();
  }

  /** A string literal; our sessions never set {@code NO_BACKSLASH_ESCAPES}, so backslashes escape. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
