package io.opendms.connector.postgres;

import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting of identifiers and literals for SQL text we generate. Every identifier is always quoted,
 * so names keep their case, spaces and embedded quotes. Stateless.
 */
final class SqlNames {

  private SqlNames() {}

  /** {@code "name"} with inner double quotes doubled. */
  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifier contains NUL: " + identifier);
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."table"}. */
  static String qualified(TableId table) {
    return quote(table.schema()) + "." + quote(table.name());
  }

  /** Quoted column names joined by {@code ", "}. */
  static String columnList(List<String> names) {
    return names.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
  }

  /**
   * A string literal that means the same whatever {@code standard_conforming_strings} is: the
   * {@code E''} form when the text holds a backslash.
   */
  static String literal(String text) {
    String quoted = text.replace("'", "''");
    if (quoted.indexOf('\\') >= 0) {
      return "E'" + quoted.replace("\\", "\\\\") + "'";
    }
    return "'" + quoted + "'";
  }

  /**
   * Splits a type name as {@code format_type} prints it ({@code "My S"."Mood"[]}, {@code
   * public.mood}) into its unquoted parts, dropping any array brackets. Returns one part for an
   * unqualified name, two for a qualified one.
   */
  static List<String> typeNameParts(String formattedType) {
    String name = formattedType;
    while (name.endsWith("[]")) {
      name = name.substring(0, name.length() - 2);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '.') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
