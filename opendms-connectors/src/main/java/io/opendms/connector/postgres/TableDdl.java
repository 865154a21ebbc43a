package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The DDL statements a target runs to create tables and their enum types. Stateless. */
final class TableDdl {

  /**
   * An enum type a PostgreSQL-sourced column needs.
   *
   * @param schema the type's schema, as the source named it
   * @param name the type's name
   * @param labels the labels in sort order
   */
  record EnumType(String schema, String name, List<String> labels) {
    String createStatement() {
      StringJoiner values = new StringJoiner(", ", "(", ")");
      labels.forEach(label -> values.add(SqlNames.literal(label)));
      return "CREATE TYPE "
          + SqlNames.quote(schema)
          + "."
          + SqlNames.quote(name)
          + " AS ENUM "
          + values;
    }
  }

  private TableDdl() {}

  /**
   * The enum types the table's columns (or their array elements) are of: only for a PostgreSQL
   * source, whose native types name them. Columns whose type name is not schema-qualified are
   * skipped: discovery always qualifies user types.
   */
  static List<EnumType> enumTypes(TargetTable table) {
    List<EnumType> types = new ArrayList<>();
    if (!PostgresEngine.isPostgres(table.sourceEngine())) {
      return types;
    }
    for (Column column : table.columns()) {
      List<String> parts = SqlNames.typeNameParts(column.nativeType());
      if (column.enumLabels().isEmpty() || parts.size() != 2) {
        continue;
      }
      EnumType type = new EnumType(parts.get(0), parts.get(1), column.enumLabels());
      if (!types.contains(type)) {
        types.add(type);
      }
    }
    return types;
  }

  static String createTable(TargetTable table, boolean withPrimaryKey) {
    return createTable(table, withPrimaryKey, java.util.Map.of());
  }

  /**
   * The CREATE TABLE of a task, with {@code columnClauses} (a DEFAULT or identity per column name)
   * added by schema conversion.
   */
  static String createTable(
      TargetTable table, boolean withPrimaryKey, java.util.Map<String, String> columnClauses) {
    StringJoiner definition = new StringJoiner(", ", " (", ")");
    for (Column column : table.columns()) {
      String type = TargetColumnTypes.sqlType(table.sourceEngine(), column);
      definition.add(
          SqlNames.quote(column.name()) + " " + type + (column.nullable() ? "" : " NOT NULL")
              + columnClauses.getOrDefault(column.name(), ""));
    }
    if (withPrimaryKey && !table.primaryKey().isEmpty()) {
      definition.add("PRIMARY KEY (" + SqlNames.columnList(table.primaryKey()) + ")");
    }
    return "CREATE TABLE " + SqlNames.qualified(table.id()) + definition;
  }

  static String addPrimaryKey(TargetTable table) {
    return "ALTER TABLE "
        + SqlNames.qualified(table.id())
        + " ADD PRIMARY KEY ("
        + SqlNames.columnList(table.primaryKey())
        + ")";
  }

  static String createSchema(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + SqlNames.quote(schema);
  }

  static String copyIn(TargetTable table, String format) {
    List<String> names = table.columns().stream().map(Column::name).toList();
    return "COPY "
        + SqlNames.qualified(table.id())
        + " ("
        + SqlNames.columnList(names)
        + ") FROM STDIN (FORMAT "
        + format
        + ")";
  }
}
