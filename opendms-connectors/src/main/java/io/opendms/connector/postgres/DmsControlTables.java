package io.opendms.connector.postgres;

import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.ControlTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * PostgreSQL's dialect of DMS's optional control tables ({@link ControlTableWrites} decides what
 * and when): in the control schema, {@code timestamp} columns holding UTC, upserts with {@code ON
 * CONFLICT}.
 */
final class DmsControlTables {

  private DmsControlTables() {}

  /**
   * Creates the enabled tables when missing (the schema must exist) and returns the writes of the
   * task's applier, which run over {@code connection}.
   *
   * @param controlSchema {@code ControlSchema}; empty means {@code public}
   */
  static ControlTableWrites<SQLException> open(Connection connection, ControlTables enabled,
      String controlSchema, String taskId) throws SQLException {
    String schema = SqlNames.quote(controlSchema.isEmpty() ? "public" : controlSchema) + ".";
    ControlTableWrites<SQLException> writes = new ControlTableWrites<>(enabled,
        new ControlTableWrites.Dialect(name -> schema + SqlNames.quote(name), "timestamp", "",
            key -> " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET ", c -> "EXCLUDED." + c),
        ControlTableWrites.jdbc(connection), taskId, Clock.systemUTC());
    writes.createTables();
    return writes;
  }
}
