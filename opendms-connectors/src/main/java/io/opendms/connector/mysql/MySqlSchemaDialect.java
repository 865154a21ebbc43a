package io.opendms.connector.mysql;

import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ConvertedSchema;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SchemaDialect;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL DDL for a source schema: per database a CREATE DATABASE, per table the CREATE TABLE a
 * full-load task runs ({@link MySqlTableDdl}) with the defaults and AUTO_INCREMENT that translate,
 * then unique and secondary indexes, then foreign keys. Tables keep their schema as database name.
 * Stateless; found through {@link java.util.ServiceLoader}.
 */
public final class MySqlSchemaDialect implements SchemaDialect {

  @Override
  public Set<String> engineNames() {
    return MySqlEngine.ENGINE_NAMES;
  }

  @Override
  public ConvertedSchema convert(SourceSchema schema) {
    List<String> statements = new ArrayList<>();
    List<SkippedObject> skipped = new ArrayList<>(schema.skipped());
    Set<String> databases = new LinkedHashSet<>();
    schema.tables().forEach(t -> databases.add(t.table().id().schema()));
    databases.forEach(database -> statements.add(MySqlTableDdl.createDatabase(database)));
    Set<TableId> converted = new LinkedHashSet<>();
    List<String> foreignKeys = new ArrayList<>();
    for (TableSchema table : schema.tables()) {
      TableDefinition definition = table.table();
      TargetTable target = new TargetTable(definition.id(), definition.engine(),
          definition.columns(), definition.primaryKey());
      statements.add(MySqlTableDdl.createTable(definition.id(), target, true,
          columnClauses(table, skipped)));
      converted.add(definition.id());
      for (IndexDefinition index : table.indexes()) {
        String problem = unindexable(target, index);
        if (problem != null) {
          skipped.add(new SkippedObject("index", definition.id() + "." + index.name(), problem));
          continue;
        }
        statements.add(indexStatement(definition.id(), index));
      }
    }
    for (TableSchema table : schema.tables()) {
      for (ForeignKey key : table.foreignKeys()) {
        String where = table.table().id() + "." + key.name();
        if (!converted.contains(key.referencedTable())) {
          skipped.add(new SkippedObject("foreign key", where, "references "
              + key.referencedTable() + ", which is not among the converted tables"));
        } else if (foreignKeyProblem(key) != null) {
          skipped.add(new SkippedObject("foreign key", where, foreignKeyProblem(key)));
        } else {
          foreignKeys.add(foreignKeyStatement(table.table().id(), key, key.referencedTable()));
        }
      }
    }
    statements.addAll(foreignKeys);
    return new ConvertedSchema(statements, skipped);
  }

  static String indexStatement(TableId table, IndexDefinition index) {
    return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX "
        + SqlIdentifiers.quote(index.name()) + " ON " + SqlIdentifiers.qualified(table) + " ("
        + SqlIdentifiers.columnList(index.columns()) + ")";
  }

  /** Why InnoDB cannot have the foreign key, or null when it can. */
  static String foreignKeyProblem(ForeignKey key) {
    return key.onDelete().equalsIgnoreCase("SET DEFAULT")
        || key.onUpdate().equalsIgnoreCase("SET DEFAULT")
        ? "InnoDB has no SET DEFAULT action" : null;
  }

  static String foreignKeyStatement(TableId table, ForeignKey key, TableId referenced) {
    return "ALTER TABLE " + SqlIdentifiers.qualified(table) + " ADD CONSTRAINT "
        + SqlIdentifiers.quote(key.name()) + " FOREIGN KEY ("
        + SqlIdentifiers.columnList(key.columns()) + ") REFERENCES "
        + SqlIdentifiers.qualified(referenced) + " ("
        + SqlIdentifiers.columnList(key.referencedColumns()) + ") ON DELETE " + key.onDelete()
        + " ON UPDATE " + key.onUpdate();
  }

  /** The DEFAULT or AUTO_INCREMENT clause per column that translates; the others go to skipped. */
  static Map<String, String> columnClauses(TableSchema table, List<SkippedObject> skipped) {
    TableDefinition definition = table.table();
    boolean sameEngine = MySqlEngine.isMySql(definition.engine());
    Map<String, String> clauses = new HashMap<>();
    for (ColumnDefault columnDefault : table.defaults()) {
      String where = definition.id() + "." + columnDefault.column();
      Column column = definition.column(columnDefault.column()).orElseThrow();
      String type = MySqlTargetColumnTypes.sqlType(definition.engine(), column)
          .toLowerCase(Locale.ROOT);
      switch (columnDefault.kind()) {
        case IDENTITY -> {
          if (definition.primaryKey().indexOf(column.name()) == 0 && isInteger(type)) {
            clauses.put(column.name(), " AUTO_INCREMENT");
          } else {
            skipped.add(new SkippedObject("identity", where, "MySQL allows AUTO_INCREMENT only on"
                + " an integer column that leads a key; the column is " + type));
          }
        }
        case LITERAL -> clauses.put(column.name(),
            " DEFAULT " + MySqlDefaults.mysqlLiteral(columnDefault.value()));
        case CURRENT_TIMESTAMP -> {
          if (type.startsWith("datetime") || type.startsWith("timestamp")) {
            clauses.put(column.name(), " DEFAULT CURRENT_TIMESTAMP" + fraction(type));
          } else {
            skipped.add(new SkippedObject("default", where,
                "the current time as a default needs a DATETIME column; the column is " + type));
          }
        }
        case EXPRESSION -> {
          if (sameEngine) {
            clauses.put(column.name(), " DEFAULT (" + columnDefault.value() + ")");
          } else {
            skipped.add(new SkippedObject("default", where, "the " + definition.engine()
                + " expression " + columnDefault.value() + " has no MySQL translation"));
          }
        }
      }
    }
    return clauses;
  }

  /** CURRENT_TIMESTAMP must carry the column's fraction digits or MySQL rejects it. */
  private static String fraction(String type) {
    int open = type.indexOf('(');
    return open < 0 ? "" : type.substring(open, type.indexOf(')') + 1);
  }

  private static boolean isInteger(String type) {
    return type.matches("(tiny|small|medium|big)?int(eger)?\\b.*");
  }

  /** Why MySQL cannot index these columns whole, or null when it can. */
  static String unindexable(TargetTable table, IndexDefinition index) {
    for (String name : index.columns()) {
      Column column = table.columns().stream().filter(c -> c.name().equals(name)).findFirst()
          .orElse(null);
      if (column == null) {
        return "names column " + name + ", which the table does not have";
      }
      String type = MySqlTargetColumnTypes.sqlType(table.sourceEngine(), column)
          .toLowerCase(Locale.ROOT);
      if (type.contains("text") || type.contains("blob") || type.equals("json")) {
        return "MySQL indexes a " + type + " column only by a prefix; choose one by hand";
      }
    }
    return null;
  }
}
