package io.opendms.connector.mysql;

import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the AUTO_INCREMENT counters of tables from {@code information_schema.TABLES}. MySQL 8
 * caches that view's statistics for a day unless {@code information_schema_stats_expiry} is 0,
 * which is set for the session first (MariaDB has no such cache and no such variable). Confined
 * to the caller's thread and connection.
 */
final class MySqlCounterReader {

  private final Connection connection;
  private final String database;

  /** @param database the one database read, or empty for every user database */
  MySqlCounterReader(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  List<IdentityCounter> read(Predicate<TableId> wanted) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION information_schema_stats_expiry = 0");
    } catch (SQLException mariaDbHasNoStatisticsCache) {
      // nothing to switch off
    }
    List<IdentityCounter> counters = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT t.TABLE_SCHEMA,"
        + " t.TABLE_NAME, c.COLUMN_NAME, t.AUTO_INCREMENT FROM information_schema.TABLES t"
        + " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA"
        + " AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%auto_increment%'"
        + " WHERE t.AUTO_INCREMENT IS NOT NULL AND (? = '' OR t.TABLE_SCHEMA = ?)"
        + " ORDER BY 1, 2")) {
      query.setString(1, database);
      query.setString(2, database);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          TableId id = new TableId(rows.getString(1), rows.getString(2));
          if (wanted.test(id) && !MySqlEngine.SYSTEM_SCHEMAS.contains(id.schema())) {
            counters.add(new IdentityCounter(id, rows.getString(3), rows.getLong(4)));
          }
        }
      }
    }
    return counters;
  }
}
