package io.opendms.connector.mysql;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Carries a source DDL to a MySQL/MariaDB target table. MySQL commits before and after every DDL
 * statement, so the changes held before it are committed without the position; each step
 * checks the table first, so that the same change applied again after a restart leaves the table
 * as once (a column is dropped if it exists, added if it does not, renamed while only the old name
 * exists). Types are mapped as at table creation ({@link MySqlTargetColumnTypes}); added columns
 * are nullable. Stateless.
 */
final class MySqlSchemaChangeStatements {
  private static final String COLUMNS = "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
      + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

  private MySqlSchemaChangeStatements() {}

  /**
   * Applies {@code change} to {@code table}, which lives at {@code id}; returns the table as it
   * is afterwards.
   */
  static TargetTable apply(Connection connection, TargetTable table, TableId id, SchemaChange change)
      throws SQLException {
    String name = SqlIdentifiers.qualified(id);
    try (Statement statement = connection.createStatement()) {
      if (change.kind() == SchemaChange.Kind.DROP_TABLE) {
        statement.execute("DROP TABLE IF EXISTS " + name);
        return table;
      }
      for (ColumnChange column : change.columnChanges()) {
        String sql = sql(table, column, columns(connection, id));
        if (sql != null) {
          statement.execute("ALTER TABLE " + name + " " + sql);
        }
      }
    }
    return new TargetTable(table.id(), table.sourceEngine(), change.columns(),
        change.keyAfter(table.primaryKey()));
  }

  private static String sql(TargetTable table, ColumnChange change, Set<String> present) {
    String quoted = SqlIdentifiers.quote(change.name());
    return switch (change.kind()) {
      case DROP_COLUMN -> present.contains(change.name()) ? "DROP COLUMN " + quoted : null;
      case ADD_COLUMN -> present.contains(change.name()) ? null
          : "ADD COLUMN " + quoted + " " + type(table, change.column().orElseThrow()) + " NULL";
      case RENAME_COLUMN -> {
        String to = change.column().orElseThrow().name();
        yield present.contains(change.name()) && !present.contains(to)
            ? "RENAME COLUMN " + quoted + " TO " + SqlIdentifiers.quote(to) : null;
      }
      case CHANGE_COLUMN_TYPE -> {
        Column column = change.column().orElseThrow();
        yield "MODIFY COLUMN " + quoted + " " + type(table, column)
            + (column.nullable() ? " NULL" : " NOT NULL");
      }
    };
  }

  private static String type(TargetTable table, Column column) {
    return MySqlTargetColumnTypes.sqlType(table.sourceEngine(), column);
  }

  private static Set<String> columns(Connection connection, TableId id) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setString(1, id.schema());
      statement.setString(2, id.name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }
}
