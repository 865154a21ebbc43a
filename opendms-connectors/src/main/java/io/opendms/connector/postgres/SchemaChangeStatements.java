package io.opendms.connector.postgres;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Carries a source DDL to a PostgreSQL target table inside the apply transaction (PostgreSQL DDL
 * is transactional, so the change commits with the position it belongs to). Each step checks the
 * table first, so that the same change applied again after a restart leaves the table as once:
 * a column is dropped if it exists, added if it does not, renamed while only the old name exists.
 * Types are mapped as at table creation ({@link TargetColumnTypes}); added columns are nullable.
 * Stateless.
 */
final class SchemaChangeStatements {
  private static final String COLUMNS = "SELECT attname FROM pg_attribute"
      + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped";

  private SchemaChangeStatements() {}

  /** Applies {@code change} to {@code table}; returns the table as it is afterwards. */
  static TargetTable apply(Connection connection, TargetTable table, SchemaChange change)
      throws SQLException {
    String name = SqlNames.qualified(table.id());
    try (Statement statement = connection.createStatement()) {
      if (change.kind() == SchemaChange.Kind.DROP_TABLE) {
        statement.execute("DROP TABLE IF EXISTS " + name);
        return table;
      }
      for (ColumnChange column : change.columnChanges()) {
        Set<String> present = columns(connection, name);
        String sql = sql(table, column, present);
        if (sql != null) {
          statement.execute("ALTER TABLE " + name + " " + sql);
        }
      }
    }
    return new TargetTable(table.id(), table.sourceEngine(), change.columns(),
        change.keyAfter(table.primaryKey()));
  }

  private static String sql(TargetTable table, ColumnChange change, Set<String> present) {
    String quoted = SqlNames.quote(change.name());
    return switch (change.kind()) {
      case DROP_COLUMN -> present.contains(change.name()) ? "DROP COLUMN " + quoted : null;
      case ADD_COLUMN -> present.contains(change.name()) ? null
          : "ADD COLUMN " + quoted + " " + type(table, change.column().orElseThrow());
      case RENAME_COLUMN -> {
        String to = change.column().orElseThrow().name();
        yield present.contains(change.name()) && !present.contains(to)
            ? "RENAME COLUMN " + quoted + " TO " + SqlNames.quote(to) : null;
      }
      case CHANGE_COLUMN_TYPE -> {
        String type = type(table, change.column().orElseThrow());
        yield "ALTER COLUMN " + quoted + " TYPE " + type + " USING " + quoted + "::" + type;
      }
    };
  }

  private static String type(TargetTable table, Column column) {
    return TargetColumnTypes.sqlType(table.sourceEngine(), column);
  }

  private static Set<String> columns(Connection connection, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }
}
