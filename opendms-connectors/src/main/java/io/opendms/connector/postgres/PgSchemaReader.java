package io.opendms.connector.postgres;

import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ColumnDefault.Kind;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads defaults, identity, indexes and foreign keys of discovered tables from the catalog, and
 * lists what schema conversion cannot carry: views, triggers, functions, check constraints,
 * generated columns, expression and partial indexes. Confined to the caller's thread.
 */
final class PgSchemaReader {

  private static final Pattern STRING = Pattern.compile("^('(?:[^']|'')*')(::[^']+)?$");
  private static final Pattern NUMBER = Pattern.compile("^\\(?(-?\\d+(\\.\\d+)?)\\)?(::[\\w ]+)?$");
  private static final Set<String> NOW = Set.of("now()", "current_timestamp", "localtimestamp",
      "transaction_timestamp()", "statement_timestamp()", "clock_timestamp()");

  private final Connection connection;
  private final List<SkippedObject> skipped = new ArrayList<>();

  PgSchemaReader(Connection connection) {
    this.connection = connection;
  }

  SourceSchema describe(List<TableDefinition> tables) throws SQLException {
    Map<TableId, TableDefinition> byId = new HashMap<>();
    tables.forEach(t -> byId.put(t.id(), t));
    Map<TableId, List<ColumnDefault>> defaults = new HashMap<>();
    Map<TableId, List<IndexDefinition>> indexes = new HashMap<>();
    Map<TableId, List<ForeignKey>> keys = new HashMap<>();
    readDefaults(byId, defaults);
    readIndexes(byId, indexes);
    readForeignKeys(byId, keys);
    Set<String> schemas = new TreeSet<>();
    tables.forEach(t -> schemas.add(t.id().schema()));
    readOthers(byId, schemas);
    List<TableSchema> result = new ArrayList<>();
    for (TableDefinition table : tables) {
      result.add(new TableSchema(table, defaults.getOrDefault(table.id(), List.of()),
          indexes.getOrDefault(table.id(), List.of()), keys.getOrDefault(table.id(), List.of())));
    }
    return new SourceSchema(result, skipped);
  }

  static ColumnDefault classify(String column, String expression, String identity) {
    if (!identity.isEmpty() || expression.startsWith("nextval(")) {
      return new ColumnDefault(column, Kind.IDENTITY, "");
    }
    String lower = expression.toLowerCase(Locale.ROOT);
    if (NOW.contains(lower) || lower.startsWith("current_timestamp(")) {
      return new ColumnDefault(column, Kind.CURRENT_TIMESTAMP, "");
    }
    Matcher string = STRING.matcher(expression);
    if (string.matches()) {
      return new ColumnDefault(column, Kind.LITERAL, string.group(1));
    }
    Matcher number = NUMBER.matcher(expression);
    if (number.matches()) {
      return new ColumnDefault(column, Kind.LITERAL, number.group(1));
    }
    if (lower.equals("true") || lower.equals("false")) {
      return new ColumnDefault(column, Kind.LITERAL, lower.toUpperCase(Locale.ROOT));
    }
    return new ColumnDefault(column, Kind.EXPRESSION, expression);
  }

  private void readDefaults(Map<TableId, TableDefinition> tables,
      Map<TableId, List<ColumnDefault>> defaults) throws SQLException {
    try (ResultSet rows = query("SELECT n.nspname, c.relname, a.attname,"
        + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text"
        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
        + " AND (d.adbin IS NOT NULL OR a.attidentity <> '') ORDER BY 1, 2, a.attnum")) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (!tables.containsKey(id)) {
          continue;
        }
        if (!rows.getString(6).isEmpty()) {
          skipped.add(new SkippedObject("generated column", id + "." + rows.getString(3),
              "created as a plain column holding the loaded values; its expression "
                  + rows.getString(4) + " must be added by hand"));
          continue;
        }
        String expression = rows.getString(4) == null ? "" : rows.getString(4);
        defaults.computeIfAbsent(id, k -> new ArrayList<>())
            .add(classify(rows.getString(3), expression, rows.getString(5)));
      }
    }
  }

  private void readIndexes(Map<TableId, TableDefinition> tables,
      Map<TableId, List<IndexDefinition>> indexes) throws SQLException {
    try (ResultSet rows = query("SELECT n.nspname, t.relname, i.relname, x.indisunique,"
        + " x.indexprs IS NOT NULL OR x.indpred IS NOT NULL, ARRAY(SELECT a.attname::text"
        + " FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a"
        + " ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord),"
        + " pg_get_indexdef(x.indexrelid)"
        + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
        + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
        + " WHERE NOT x.indisprimary ORDER BY 1, 2, 3")) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (!tables.containsKey(id)) {
          continue;
        }
        if (rows.getBoolean(5)) {
          skipped.add(new SkippedObject("index", id + "." + rows.getString(3),
              "an index on expressions or a partial index (" + rows.getString(7)
                  + "): recreate it by hand"));
          continue;
        }
        indexes.computeIfAbsent(id, k -> new ArrayList<>()).add(new IndexDefinition(
            rows.getString(3), rows.getBoolean(4), strings(rows.getArray(6))));
      }
    }
  }

  private void readForeignKeys(Map<TableId, TableDefinition> tables,
      Map<TableId, List<ForeignKey>> keys) throws SQLException {
    String columns = "ARRAY(SELECT a.attname::text FROM unnest(%s) WITH ORDINALITY k(n, o)"
        + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n ORDER BY k.o)";
    try (ResultSet rows = query("SELECT n.nspname, t.relname, c.conname, rn.nspname, rt.relname, "
        + String.format(columns, "c.conkey", "c.conrelid") + ", "
        + String.format(columns, "c.confkey", "c.confrelid")
        + ", c.confdeltype::text, c.confupdtype::text FROM pg_constraint c"
        + " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
        + " JOIN pg_class rt ON rt.oid = c.confrelid"
        + " JOIN pg_namespace rn ON rn.oid = rt.relnamespace WHERE c.contype = 'f' ORDER BY 1, 2, 3")) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (tables.containsKey(id)) {
          keys.computeIfAbsent(id, k -> new ArrayList<>()).add(new ForeignKey(rows.getString(3),
              strings(rows.getArray(6)), new TableId(rows.getString(4), rows.getString(5)),
              strings(rows.getArray(7)), action(rows.getString(8)), action(rows.getString(9))));
        }
      }
    }
  }

  private void readOthers(Map<TableId, TableDefinition> tables, Set<String> schemas)
      throws SQLException {
    try (ResultSet rows = query("SELECT schemaname, viewname, 'view' FROM pg_views"
        + " UNION ALL SELECT schemaname, matviewname, 'materialized view' FROM pg_matviews"
        + " UNION ALL SELECT n.nspname, p.proname, CASE p.prokind WHEN 'p' THEN 'procedure'"
        + " ELSE 'function' END FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        + " WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        + " ORDER BY 1, 2")) {
      while (rows.next()) {
        if (schemas.contains(rows.getString(1))) {
          skipped.add(new SkippedObject(rows.getString(3), rows.getString(1) + "." + rows.getString(2),
              rows.getString(3) + "s are not converted: their SQL is engine-specific"));
        }
      }
    }
    try (ResultSet rows = query("SELECT n.nspname, t.relname, c.conname, 'check constraint',"
        + " pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'c'"
        + " UNION ALL SELECT n.nspname, t.relname, g.tgname, 'trigger', pg_get_triggerdef(g.oid)"
        + " FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE NOT g.tgisinternal ORDER BY 1, 2, 3")) {
      while (rows.next()) {
        TableId id = new TableId(rows.getString(1), rows.getString(2));
        if (tables.containsKey(id)) {
          skipped.add(new SkippedObject(rows.getString(4), id + "." + rows.getString(3),
              "not converted (" + rows.getString(5) + "): may use engine-specific functions;"
                  + " recreate it by hand"));
        }
      }
    }
  }

  private static String action(String code) {
    return switch (code) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private ResultSet query(String sql) throws SQLException {
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery(sql);
  }
}
