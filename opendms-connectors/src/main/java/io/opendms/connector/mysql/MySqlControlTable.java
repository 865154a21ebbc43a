package io.opendms.connector.mysql;

import io.opendms.spi.change.StoredPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The control table where each CDC task stores the source position its applied changes reach,
 * written in the same transaction as those changes, as on PostgreSQL (docs/cdc.md):
 *
 * <pre>
 * CREATE TABLE &lt;ControlSchema&gt;.awsdms_cdc_position (
 *   task_name       varchar(255) PRIMARY KEY,
 *   source_position varchar(1024) NOT NULL,  -- native position after the last applied commit
 *   commit_time     datetime(6) NOT NULL,    -- its source commit time, UTC
 *   updated_at      datetime(6) NOT NULL     -- target clock (UTC) when it was applied
 * ) ENGINE=InnoDB
 * </pre>
 *
 * The database is {@code ControlSchema}, else the endpoint's database, else {@code awsdms_control}
 * (DMS's own choice for a MySQL target without one).
 */
final class MySqlControlTable {

  static final String NAME = "awsdms_cdc_position";

  private final String database;
  private final String qualified;

  MySqlControlTable(String controlSchema, String endpointDatabase) {
    this.database = !controlSchema.isEmpty() ? controlSchema
        : !endpointDatabase.isEmpty() ? endpointDatabase : "awsdms_control";
    this.qualified = SqlIdentifiers.quote(database) + "." + SqlIdentifiers.quote(NAME);
  }

  /** The control database, where DMS's other control tables go too. */
  String database() {
    return database;
  }

  /** Creates database and table when missing; DDL commits, so call it outside a transaction. */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(MySqlTableDdl.createDatabase(database));
      statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (task_name varchar(255)"
          + " NOT NULL PRIMARY KEY, source_position varchar(1024) NOT NULL, commit_time"
          + " datetime(6) NOT NULL, updated_at datetime(6) NOT NULL) ENGINE=InnoDB");
    }
  }

  Optional<StoredPosition> read(Connection connection, String taskId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT source_position,"
        + " CAST(commit_time AS CHAR) FROM " + qualified + " WHERE task_name = ?")) {
      statement.setString(1, taskId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next()
            ? Optional.of(new StoredPosition(row.getString(1),
                ((Instant) MySqlTemporalText.parseTimestamp(row.getString(2)))))
            : Optional.empty();
      }
    }
  }

  /** Stores the position inside the connection's open transaction. */
  void store(Connection connection, String taskId, String position, Instant commitTime)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified
        + " VALUES (?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE source_position ="
        + " VALUES(source_position), commit_time = VALUES(commit_time), updated_at ="
        + " VALUES(updated_at)")) {
      statement.setString(1, taskId);
      statement.setString(2, position);
      statement.setString(3, MySqlTemporalText.formatDateTime(LocalDateTime.ofInstant(commitTime, ZoneOffset.UTC)));
      statement.executeUpdate();
    }
  }
}
