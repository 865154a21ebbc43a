package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.change.ControlTables;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DMS's error control tables on a MySQL target, in the control database ({@link
 * MySqlControlTable}), with DMS's columns in lower case as on PostgreSQL:
 *
 * <pre>
 * CREATE TABLE awsdms_apply_exceptions (task_name varchar(128) NOT NULL,
 *   table_owner varchar(128) NOT NULL,  -- the target database
 *   table_name varchar(128) NOT NULL, error_time datetime(6) NOT NULL,  -- UTC
 *   statement longtext NOT NULL,  -- the statement with its values
 *   error text NOT NULL) ENGINE=InnoDB
 * CREATE TABLE awsdms_suspended_tables (server_name varchar(128) NOT NULL,
 *   task_name varchar(128) NOT NULL, table_owner varchar(128) NOT NULL,
 *   table_name varchar(128) NOT NULL, suspend_reason text,
 *   suspend_timestamp datetime(6) NOT NULL) ENGINE=InnoDB  -- only when enabled
 * </pre>
 *
 * Rows are written inside the caller's open transaction. Immutable.
 */
final class MySqlExceptionTables {

  private final String exceptions;
  private final String suspended;
  private final boolean suspendedEnabled;
  private final String serverName = ControlTables.serverName();

  /** @param database the control database, which must exist */
  MySqlExceptionTables(String database, ControlTables enabled) {
    String schema = SqlIdentifiers.quote(database) + ".";
    this.exceptions = schema + SqlIdentifiers.quote(ControlTables.APPLY_EXCEPTIONS);
    this.suspended = schema + SqlIdentifiers.quote(ControlTables.SUSPENDED_TABLES);
    this.suspendedEnabled = enabled.suspendedTables();
  }

  /** Creates the tables when missing; DDL commits, so call it outside a transaction. */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + exceptions + " (task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " error_time datetime(6) NOT NULL, statement longtext NOT NULL, error text NOT NULL)"
          + " ENGINE=InnoDB");
      if (suspendedEnabled) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + suspended + " (server_name varchar(128) NOT NULL,"
            + " task_name varchar(128) NOT NULL, table_owner varchar(128) NOT NULL,"
            + " table_name varchar(128) NOT NULL, suspend_reason text,"
            + " suspend_timestamp datetime(6) NOT NULL) ENGINE=InnoDB");
      }
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

  /** Records a suspended table, when {@code SuspendedTablesTableEnabled}. */
  void suspended(Connection connection, String taskId, TableId table, String reason) throws SQLException {
    if (!suspendedEnabled) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + suspended
        + " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")) {
      statement.setString(1, serverName);
      statement.setString(2, taskId);
      statement.setString(3, table.schema());
      statement.setString(4, table.name());
      statement.setString(5, reason);
      statement.executeUpdate();
    }
  }
}
