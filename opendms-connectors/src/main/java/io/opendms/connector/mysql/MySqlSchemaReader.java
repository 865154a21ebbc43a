package io.opendms.connector.mysql;

import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads defaults, indexes and foreign keys of discovered tables from {@code information_schema},
 * and lists what schema conversion cannot carry: views, triggers, routines, check constraints,
 * generated columns, prefix, full-text, spatial and functional indexes. Confined to the caller's
 * thread and connection.
 */
final class MySqlSchemaReader {

  private final Connection connection;
  private final String database;
  private final List<SkippedObject> skipped = new ArrayList<>();

  /** @param database the one database described, or empty for every user database */
  MySqlSchemaReader(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  SourceSchema describe(List<TableDefinition> tables) throws SQLException {
    Map<TableId, TableDefinition> byId = new LinkedHashMap<>();
    tables.forEach(t -> byId.put(t.id(), t));
    Map<TableId, List<ColumnDefault>> defaults = defaults(byId);
    Map<TableId, List<IndexDefinition>> indexes = indexes(byId);
    Map<TableId, List<ForeignKey>> foreignKeys = foreignKeys(byId);
    skipOthers();
    List<TableSchema> schemas = new ArrayList<>();
    for (TableDefinition table : tables) {
      schemas.add(new TableSchema(table, defaults.getOrDefault(table.id(), List.of()),
          indexes.getOrDefault(table.id(), List.of()),
          foreignKeys.getOrDefault(table.id(), List.of())));
    }
    return new SourceSchema(schemas, skipped);
  }

  private Map<TableId, List<ColumnDefault>> defaults(Map<TableId, TableDefinition> tables)
      throws SQLException {
    Map<TableId, List<ColumnDefault>> defaults = new LinkedHashMap<>();
    try (ResultSet rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT,"
        + " EXTRA, GENERATION_EXPRESSION FROM information_schema.COLUMNS"
        + " WHERE (? = '' OR TABLE_SCHEMA = ?) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        TableDefinition table = tables.get(id);
        if (table == null) {
          continue;
        }
        String column = rows.getString(3);
        String extra = String.valueOf(rows.getString(5));
        if (extra.toUpperCase(java.util.Locale.ROOT).contains("GENERATED")
            && rows.getString(6) != null && !rows.getString(6).isEmpty()) {
          skipped.add(new SkippedObject("generated column", id + "." + column,
              "created as a plain column holding the loaded values; its expression "
                  + rows.getString(6) + " must be added by hand"));
          continue;
        }
        boolean textual = table.column(column).map(c -> switch (c.type().kind()) {
          case STRING, WSTRING, CLOB, NCLOB -> true;
          default -> false;
        }).orElse(false);
        MySqlDefaults.classify(column, rows.getString(4), extra, textual)
            .ifPresent(d -> defaults.computeIfAbsent(id, k -> new ArrayList<>()).add(d));
      }
    }
    return defaults;
  }

  private Map<TableId, List<IndexDefinition>> indexes(Map<TableId, TableDefinition> tables)
      throws SQLException {
    Map<TableId, Map<String, List<String>>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE,"
        + " COLUMN_NAME, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS"
        + " WHERE (? = '' OR TABLE_SCHEMA = ?) AND INDEX_NAME <> 'PRIMARY'"
        + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      List<String> rejected = new ArrayList<>();
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        String name = rows.getString(3);
        String key = id + "." + name;
        if (!tables.containsKey(id) || rejected.contains(key)) {
          continue;
        }
        String reason = indexProblem(rows.getString(5), rows.getObject(6), rows.getString(7));
        if (reason != null) {
          rejected.add(key);
          columns.getOrDefault(id, Map.of()).remove(name);
          skipped.add(new SkippedObject("index", key, reason));
          continue;
        }
        columns.computeIfAbsent(id, k -> new LinkedHashMap<>())
            .computeIfAbsent(name, k -> new ArrayList<>()).add(rows.getString(5));
        unique.put(key, rows.getInt(4) == 0);
      }
    }
    Map<TableId, List<IndexDefinition>> indexes = new LinkedHashMap<>();
    columns.forEach((id, byName) -> byName.forEach((name, cols) ->
        indexes.computeIfAbsent(id, k -> new ArrayList<>())
            .add(new IndexDefinition(name, unique.get(id + "." + name), cols))));
    return indexes;
  }

  private static String indexProblem(String column, Object subPart, String type) {
    if (column == null) {
      return "an index on expressions: recreate it by hand";
    }
    if (subPart != null) {
      return "a prefix index (first " + subPart + " characters of " + column
          + "): other engines index whole values; recreate it by hand";
    }
    if (type.equalsIgnoreCase("FULLTEXT") || type.equalsIgnoreCase("SPATIAL")) {
      return "a " + type + " index: engine-specific; recreate it by hand";
    }
    return null;
  }

  private Map<TableId, List<ForeignKey>> foreignKeys(Map<TableId, TableDefinition> tables)
      throws SQLException {
    Map<String, List<String[]>> parts = new LinkedHashMap<>();
    Map<String, String[]> heads = new LinkedHashMap<>();
    try (ResultSet rows = query("SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME,"
        + " k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME,"
        + " k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE"
        + " FROM information_schema.KEY_COLUMN_USAGE k"
        + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
        + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
        + " AND r.TABLE_NAME = k.TABLE_NAME"
        + " WHERE (? = '' OR k.TABLE_SCHEMA = ?) AND k.REFERENCED_TABLE_NAME IS NOT NULL"
        + " ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      while (rows.next()) {
        String key = rows.getString(1) + "\0" + rows.getString(2) + "\0" + rows.getString(3);
        heads.putIfAbsent(key, new String[] {rows.getString(1), rows.getString(2),
            rows.getString(3), rows.getString(5), rows.getString(6), rows.getString(8),
            rows.getString(9)});
        parts.computeIfAbsent(key, k -> new ArrayList<>())
            .add(new String[] {rows.getString(4), rows.getString(7)});
      }
    }
    Map<TableId, List<ForeignKey>> keys = new LinkedHashMap<>();
    heads.forEach((key, head) -> {
      TableId id = new TableId(head[0], head[1]);
      if (!tables.containsKey(id)) {
        return;
      }
      List<String[]> columns = parts.get(key);
      keys.computeIfAbsent(id, k -> new ArrayList<>()).add(new ForeignKey(head[2],
          columns.stream().map(c -> c[0]).toList(), new TableId(head[3], head[4]),
          columns.stream().map(c -> c[1]).toList(), head[5], head[6]));
    });
    return keys;
  }

  private void skipOthers() throws SQLException {
    skip("SELECT TABLE_SCHEMA, TABLE_NAME, 'view' FROM information_schema.VIEWS"
        + " WHERE (? = '' OR TABLE_SCHEMA = ?)",
        "views are not converted: their SQL is engine-specific; recreate them on the target");
    skip("SELECT TRIGGER_SCHEMA, TRIGGER_NAME, 'trigger' FROM information_schema.TRIGGERS"
        + " WHERE (? = '' OR TRIGGER_SCHEMA = ?)",
        "triggers are not converted: their bodies are engine-specific");
    skip("SELECT ROUTINE_SCHEMA, ROUTINE_NAME, LOWER(ROUTINE_TYPE) FROM information_schema.ROUTINES"
        + " WHERE (? = '' OR ROUTINE_SCHEMA = ?)",
        "stored routines are not converted: their bodies are engine-specific");
    skip("SELECT CONSTRAINT_SCHEMA, CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), 'check constraint'"
        + " FROM information_schema.CHECK_CONSTRAINTS WHERE (? = '' OR CONSTRAINT_SCHEMA = ?)"
        + " AND CHECK_CLAUSE NOT LIKE 'json\\_valid(%'",
        "check constraints are not converted: their expressions may use engine-specific"
            + " functions; recreate them by hand");
  }

  private void skip(String sql, String reason) throws SQLException {
    try (ResultSet rows = query(sql)) {
      while (rows.next()) {
        skipped.add(new SkippedObject(rows.getString(3), rows.getString(1) + "." + rows.getString(2),
            reason));
      }
    }
  }

  private ResultSet query(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setString(1, database);
    statement.setString(2, database);
    statement.closeOnCompletion();
    return statement.executeQuery();
  }
}
