package io.opendms.connector.mysql;

import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.ControlTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * MySQL's dialect of DMS's optional control tables ({@link ControlTableWrites} decides what and
 * when): InnoDB tables in the control database ({@link MySqlControlTable}), {@code datetime(6)}
 * columns holding UTC, upserts with {@code ON DUPLICATE KEY UPDATE}.
 */
final class MySqlDmsControlTables {

  private MySqlDmsControlTables() {}

  /**
   * Creates the enabled tables when missing (the database must exist; DDL commits, so outside a
   * transaction) and returns the writes of the task's applier, which run over {@code connection}.
   */
  static ControlTableWrites<SQLException> open(Connection connection, ControlTables enabled,
      String database, String taskId) throws SQLException {
    ControlTableWrites<SQLException> writes = new ControlTableWrites<>(enabled,
        new ControlTableWrites.Dialect(name -> SqlIdentifiers.quote(database) + "." + SqlIdentifiers.quote(name),
            "datetime(6)", "ENGINE=InnoDB", key -> " ON DUPLICATE KEY UPDATE ", c -> "VALUES(" + c + ")"),
        ControlTableWrites.jdbc(connection), taskId, Clock.systemUTC());
    writes.createTables();
    return writes;
  }
}
