package io.opendms.connector.mysql;

import java.util.Locale;
import java.util.Set;

/** The engine names this package serves and the name its tables are described with. */
final class MySqlEngine {

  /** The name {@link io.opendms.spi.table.TableDefinition#engine()} carries for both servers. */
  static final String NAME = "mysql";

  /** DMS engine names: MariaDB and Aurora MySQL speak the same protocol and SQL for a full load. */
  static final Set<String> ENGINE_NAMES = Set.of("mysql", "mariadb", "aurora");

  /**
   * The schemas that belong to the server, never to users: discovery skips them and a selection
   * rule cannot bring them in.
   */
  static final Set<String> SYSTEM_SCHEMAS =
      Set.of("mysql", "sys", "information_schema", "performance_schema");

  private MySqlEngine() {}

  static boolean isMySql(String engine) {
    return ENGINE_NAMES.contains(engine.toLowerCase(Locale.ROOT));
  }
}
