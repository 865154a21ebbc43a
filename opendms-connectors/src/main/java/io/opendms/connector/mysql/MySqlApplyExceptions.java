package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DMS's {@code awsdms_apply_exceptions} on a MySQL target, in the control database ({@link
 * MySqlControlTable}), with DMS's columns in lower case as on PostgreSQL:
 *
 * <pre>
 * CREATE TABLE awsdms_apply_exceptions (task_name varchar(128) NOT NULL,
 *   table_owner varchar(128) NOT NULL,  -- the target database
 *   table_name varchar(128) NOT NULL, error_time datetime(6) NOT NULL,  -- UTC
 *   statement longtext NOT NULL,  -- the statement with its values
 *   error text NOT NULL) ENGINE=InnoDB
 * </pre>
 *
 * Rows are written inside the caller's open transaction; the optional control tables are {@link
 * MySqlDmsControlTables}'. Immutable.
 */
final class MySqlApplyExceptions {

  private final String exceptions;

  /** @param database the control database, which must exist */
  MySqlApplyExceptions(String database) {
    this.exceptions = SqlIdentifiers.quote(database) + "." + SqlIdentifiers.quote(ControlTables.APPLY_EXCEPTIONS);
  }

  /** Creates the table when missing; DDL commits, so call it outside a transaction. */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + exceptions + " (task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " error_time datetime(6) NOT NULL, statement longtext NOT NULL, error text NOT NULL)"
          + " ENGINE=InnoDB");
    }
  }

  /** Records one refused change (or row) of the target table {@code table}. */
  void record(Connection connection, String taskId, TableId table, String statementText, String error)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + exceptions
        + " VALUES (?, ?, ?, UTC_TIMESTAMP(6), ?, ?)")) {
      statement.setString(1, taskId);
      statement.setString(2, table.schema());
      statement.setString(3, table.name());
      statement.setString(4, statementText);
      statement.setString(5, error);
      statement.executeUpdate();
    }
  }

  /** Records one refused change; {@code table} is where its table lives on the target. */
  void record(Connection connection, String taskId, TableId table, ApplyConflict conflict)
      throws SQLException {
    record(connection, taskId, table, conflict.statement(), conflict.error());
  }
}
