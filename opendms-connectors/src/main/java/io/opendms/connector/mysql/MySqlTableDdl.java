package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.StringJoiner;

/**
 * The DDL statements a MySQL target runs: InnoDB tables in utf8mb4 with a binary collation, so
 * that text keys that differ only in case or accents (distinct on PostgreSQL) stay distinct.
 * Stateless.
 */
final class MySqlTableDdl {

  static final String TABLE_OPTIONS =
      " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

  private MySqlTableDdl() {}

  static String createTable(TableId id, TargetTable table, boolean withPrimaryKey) {
    return createTable(id, table, withPrimaryKey, java.util.Map.of());
  }

  /**
   * The CREATE TABLE of a task, with {@code columnClauses} (a DEFAULT or AUTO_INCREMENT per column
   * name) added by schema conversion.
   */
  static String createTable(TableId id, TargetTable table, boolean withPrimaryKey,
      java.util.Map<String, String> columnClauses) {
    StringJoiner definition = new StringJoiner(",\n  ", " (\n  ", "\n)");
    for (Column column : table.columns()) {
      definition.add(
          SqlIdentifiers.quote(column.name())
              + " "
              + MySqlTargetColumnTypes.sqlType(table.sourceEngine(), column)
              + (column.nullable() ? " NULL" : " NOT NULL")
              + columnClauses.getOrDefault(column.name(), ""));
    }
    if (withPrimaryKey && !table.primaryKey().isEmpty()) {
      definition.add("PRIMARY KEY (" + SqlIdentifiers.columnList(table.primaryKey()) + ")");
    }
    return "CREATE TABLE " + SqlIdentifiers.qualified(id) + definition + TABLE_OPTIONS;
  }

  static String addPrimaryKey(TableId id, TargetTable table) {
    return "ALTER TABLE " + SqlIdentifiers.qualified(id) + " ADD PRIMARY KEY ("
        + SqlIdentifiers.columnList(table.primaryKey()) + ")";
  }

  static String createDatabase(String database) {
    return "CREATE DATABASE IF NOT EXISTS " + SqlIdentifiers.quote(database)
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
  }
}
