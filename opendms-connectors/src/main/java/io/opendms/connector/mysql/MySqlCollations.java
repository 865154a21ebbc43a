package io.opendms.connector.mysql;

import io.opendms.spi.validation.TextCollation;
import java.util.Locale;

/**
 * What a MySQL/MariaDB collation ignores, read from its name: {@code _ci} case, {@code _ai}
 * accents ({@code _as} not; the older {@code _ci} collations such as {@code utf8mb4_general_ci}
 * ignore accents too), and trailing spaces unless it is a NO PAD collation ({@code _nopad_},
 * MySQL 8's {@code _0900_}).
 */
final class MySqlCollations {
  private MySqlCollations() {}

  static TextCollation of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean caseInsensitive = lower.endsWith("_ci") || lower.contains("_ci_");
    boolean accentInsensitive = lower.contains("_ai_") || lower.endsWith("_ai")
        || (caseInsensitive && !lower.contains("_as_") && !lower.endsWith("_as"));
    boolean padSpace = !lower.contains("nopad") && !lower.contains("_0900_");
    return new TextCollation(name, caseInsensitive, accentInsensitive, padSpace);
  }
}
