package io.opendms.connector.postgres;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DMS's {@code awsdms_apply_exceptions} control table: one row per change the error policy logged
 * or whose table it suspended, written in the transaction of the changes around it.
 *
 * <pre>
 * CREATE TABLE &lt;ControlSchema&gt;.awsdms_apply_exceptions (
 *   task_name   varchar(128) NOT NULL,
 *   table_owner varchar(128) NOT NULL,  -- target schema
 *   table_name  varchar(128) NOT NULL,
 *   error_time  timestamp NOT NULL,     -- UTC, target clock
 *   statement   text NOT NULL,          -- the statement with its values
 *   error       text NOT NULL           -- the target's message
 * )
 * </pre>
 *
 * DMS's column names are upper case; unquoted lower case lets {@code SELECT TASK_NAME ...} work
 * as written in DMS's documentation, since PostgreSQL folds unquoted names.
 */
final class ApplyExceptions {

  static final String NAME = ControlTables.APPLY_EXCEPTIONS;

  private final String qualified;

  /** @param schema {@code ControlSchema}; empty means {@code public}, as DMS does */
  ApplyExceptions(String schema) {
    this.qualified = SqlNames.quote(schema.isEmpty() ? "public" : schema) + "." + SqlNames.quote(NAME);
  }

  /** Creates the table when missing; the schema must exist. */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " error_time timestamp NOT NULL, statement text NOT NULL, error text NOT NULL)");
    }
  }

  /** Records one refused change inside the connection's open transaction. */
  void record(Connection connection, String taskId, ApplyConflict conflict) throws SQLException {
    record(connection, taskId, conflict.change().table(), conflict.statement(), conflict.error());
  }

  /** Records one refused change or row of {@code table} inside the connection's open transaction. */
  void record(Connection connection, String taskId, TableId table, String statementText, String error)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified
        + " VALUES (?, ?, ?, now() AT TIME ZONE 'UTC', ?, ?)")) {
      statement.setString(1, taskId);
      statement.setString(2, table.schema());
      statement.setString(3, table.name());
      statement.setString(4, statementText);
      statement.setString(5, error);
      statement.executeUpdate();
    }
  }
}
