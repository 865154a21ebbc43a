package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * A load that replaces target rows by key instead of adding them: its COPY goes into a temporary
 * table of the target's columns, created in the load's transaction and dropped at its end, and
 * just before the commit the target rows with the keys of the staged rows are deleted and the
 * staged rows inserted. For partitions read again after a resumed full load, whose rows may be on
 * the target already; a first load copies straight into the table.
 */
final class StagedReplace {
  /** In {@code pg_temp}: private to the session's connection, gone with its transaction. */
  static final TableId STAGE = new TableId("pg_temp", "opendms_replacing_load");

  /** One SQL step of the load's transaction. */
  @FunctionalInterface
  interface Step {
    Step NONE = () -> {};

    void run() throws SQLException;
  }

  private final Connection connection;
  private final TargetTable table;

  private StagedReplace(Connection connection, TargetTable table) {
    this.connection = connection;
    this.table = table;
  }

  /**
   * Creates the temporary table in the open transaction of {@code connection}.
   *
   * @throws IllegalArgumentException when the table has no key to replace rows by
   */
  static StagedReplace create(Connection connection, TargetTable table) throws SQLException {
    if (table.primaryKey().isEmpty()) {
      throw new IllegalArgumentException(table.id() + " has no key to replace rows by");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMPORARY TABLE " + SqlNames.quote(STAGE.name()) + " (LIKE "
          + SqlNames.qualified(table.id()) + ") ON COMMIT DROP");
    }
    return new StagedReplace(connection, table);
  }

  /** The table the load's COPY writes: the temporary one, with the target's columns. */
  TargetTable staging() {
    return new TargetTable(STAGE, table.sourceEngine(), table.columns(), table.primaryKey());
  }

  /** Replaces the target rows of the staged keys by the staged rows; before the commit. */
  void replace() throws SQLException {
    String target = SqlNames.qualified(table.id());
    String stage = SqlNames.qualified(STAGE);
    StringJoiner sameKey = new StringJoiner(" AND ");
    table.primaryKey().forEach(k -> sameKey.add("t." + SqlNames.quote(k) + " = s." + SqlNames.quote(k)));
    List<String> names = table.columns().stream().map(Column::name).toList();
    String columns = SqlNames.columnList(names);
    try (Statement statement = connection.createStatement()) {
      // without statistics the planner takes the staged rows for a handful and loops over them
      statement.execute("ANALYZE " + stage);
      statement.execute("DELETE FROM " + target + " t USING " + stage + " s WHERE " + sameKey);
      statement.execute("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT "
          + columns + " FROM " + stage);
    }
  }
}
