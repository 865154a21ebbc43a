package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads table definitions from {@code information_schema}: base tables (not views) of the user
 * databases, their columns in physical order, primary keys in key order, and the server's row and
 * size estimates. Confined to the caller's thread and connection.
 */
final class TableDiscovery {

  private static final String TABLES =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COALESCE(TABLE_ROWS, 0),"
          + " COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)"
          + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
          + " AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')"
          + " AND (? = '' OR TABLE_SCHEMA = ?) ORDER BY TABLE_SCHEMA, TABLE_NAME";

  private static final String COLUMNS =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE,"
          + " COALESCE(CHARACTER_MAXIMUM_LENGTH, 0), COALESCE(NUMERIC_PRECISION, 0),"
          + " COALESCE(NUMERIC_SCALE, 0), COALESCE(DATETIME_PRECISION, 0), IS_NULLABLE"
          + " FROM information_schema.COLUMNS WHERE (? = '' OR TABLE_SCHEMA = ?)"
          + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";

  private static final String PRIMARY_KEYS =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE CONSTRAINT_NAME = 'PRIMARY' AND (? = '' OR TABLE_SCHEMA = ?)"
          + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";

  /** MariaDB's JSON is LONGTEXT plus this check, which is how we tell it from text. */
  private static final String JSON_CHECKS =
      "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
          + " WHERE CHECK_CLAUSE LIKE 'json\\_valid(%' AND (? = '' OR CONSTRAINT_SCHEMA = ?)";

  private final Connection connection;
  private final String database;

  /** @param database the one database to describe, or empty for every user database */
  TableDiscovery(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  List<TableDefinition> discover(Predicate<TableId> wanted) throws SQLException {
    Map<TableId, long[]> estimates = new LinkedHashMap<>();
    try (ResultSet rows = query(TABLES)) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (wanted.test(id)) {
          estimates.put(id, new long[] {rows.getLong(3), rows.getLong(4)});
        }
      }
    }
    Set<String> jsonColumns = jsonColumns();
    Map<TableId, List<Column>> columns = columns(estimates.keySet(), jsonColumns);
    Map<TableId, List<String>> keys = primaryKeys(estimates.keySet());
    List<TableDefinition> tables = new ArrayList<>();
    estimates.forEach(
        (id, estimate) ->
            tables.add(
                new TableDefinition(
                    id,
                    MySqlEngine.NAME,
                    columns.get(id),
                    keys.getOrDefault(id, List.of()),
                    estimate[0],
                    estimate[1])));
    return tables;
  }

  private Map<TableId, List<Column>> columns(Set<TableId> tables, Set<String> jsonColumns)
      throws SQLException {
    Map<TableId, List<Column>> columns = new LinkedHashMap<>();
    try (ResultSet rows = query(COLUMNS)) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (!tables.contains(id)) {
          continue;
        }
        String name = rows.getString(3);
        var type =
            new MySqlColumnType(
                rows.getString(4),
                rows.getString(5),
                rows.getLong(6),
                rows.getInt(7),
                rows.getInt(8),
                rows.getInt(9),
                rows.getString(4).equalsIgnoreCase("json")
                    || jsonColumns.contains(id + "\0" + name));
        var dataType = MySqlTypeMapper.dataType(type);
        List<String> labels =
            type.dataType().equals("enum") && dataType.kind() == DmsType.WSTRING
                ? MySqlTypeMapper.enumLabels(type.columnType())
                : List.of();
        columns
            .computeIfAbsent(id, key -> new ArrayList<>())
            .add(new Column(name, dataType, "YES".equals(rows.getString(10)), type.nativeType(), labels));
      }
    }
    return columns;
  }

  private Map<TableId, List<String>> primaryKeys(Set<TableId> tables) throws SQLException {
    Map<TableId, List<String>> keys = new LinkedHashMap<>();
    try (ResultSet rows = query(PRIMARY_KEYS)) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (tables.contains(id)) {
          keys.computeIfAbsent(id, key -> new ArrayList<>()).add(rows.getString(3));
        }
      }
    }
    return keys;
  }

  /** {@code schema.table\0column} of every column MariaDB declared as JSON. */
  private Set<String> jsonColumns() throws SQLException {
    Set<String> json = new HashSet<>();
    try (ResultSet rows = query(JSON_CHECKS)) {
      while (rows.next()) {
        String clause = rows.getString(3);
        int open = clause.indexOf('`');
        int close = clause.indexOf('`', open + 1);
        if (open >= 0 && close > open) {
          json.add(new TableId(rows.getString(1), rows.getString(2)) + "\0"
              + clause.substring(open + 1, close));
        }
      }
    }
    return json;
  }

  private ResultSet query(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setString(1, database);
    statement.setString(2, database);
    statement.closeOnCompletion();
    return statement.executeQuery();
  }
}
