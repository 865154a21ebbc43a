package io.opendms.connector.postgres;

import io.opendms.spi.change.StoredPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The control table where each CDC task stores the source position its applied changes reach,
 * written in the same transaction as those changes:
 *
 * <pre>
 * CREATE TABLE &lt;ControlSchema&gt;.awsdms_cdc_position (
 *   task_name       text PRIMARY KEY,   -- the task identifier
 *   source_position text NOT NULL,      -- native position after the last applied commit (LSN)
 *   commit_time     timestamptz NOT NULL, -- source commit time of that transaction
 *   updated_at      timestamptz NOT NULL  -- target clock when it was applied
 * )
 * </pre>
 *
 * The {@code awsdms_} prefix keeps it among DMS's own control tables, which users already exclude
 * from their checks.
 */
final class ControlTable {

  static final String NAME = "awsdms_cdc_position";

  private final String qualified;

  /** @param schema {@code ControlSchema}; empty means {@code public}, as DMS does */
  ControlTable(String schema) {
    this.qualified = SqlNames.quote(schema.isEmpty() ? "public" : schema) + "." + SqlNames.quote(NAME);
  }

  /** Creates schema and table when missing; autocommit connection. */
  void create(Connection connection, String schema) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(TableDdl.createSchema(schema.isEmpty() ? "public" : schema));
      statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (task_name text PRIMARY KEY,"
          + " source_position text NOT NULL, commit_time timestamptz NOT NULL,"
          + " updated_at timestamptz NOT NULL)");
    }
  }

  Optional<StoredPosition> read(Connection connection, String taskId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT source_position, commit_time FROM " + qualified + " WHERE task_name = ?")) {
      statement.setString(1, taskId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next()
            ? Optional.of(new StoredPosition(row.getString(1), row.getTimestamp(2).toInstant()))
            : Optional.empty();
      }
    }
  }

  /** Stores the position inside the connection's open transaction. */
  void store(Connection connection, String taskId, String position, Instant commitTime)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified
        + " VALUES (?, ?, ?, now()) ON CONFLICT (task_name) DO UPDATE SET source_position ="
        + " EXCLUDED.source_position, commit_time = EXCLUDED.commit_time, updated_at = now()")) {
      statement.setString(1, taskId);
      statement.setString(2, position);
      statement.setTimestamp(3, Timestamp.from(commitTime));
      statement.executeUpdate();
    }
  }
}
