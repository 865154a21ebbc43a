package io.opendms.connector.postgres;

import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of row-by-row apply for one target table. Values are bound as text and cast to the
 * column's type, so every canonical value goes through the same text form COPY uses. Tables
 * without a key find their row by every column, compared as text (which works for types without
 * an equality operator, such as json), one row at a time, as a duplicate row may exist.
 */
final class ApplyStatements {

  private final TargetTable table;
  private final List<String> types = new ArrayList<>();
  private final List<Integer> keyColumns = new ArrayList<>();

  ApplyStatements(TargetTable table) {
    this.table = table;
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      types.add(TargetColumnTypes.sqlType(table.sourceEngine(), columns.get(i)));
      if (table.primaryKey().contains(columns.get(i).name())) {
        keyColumns.add(i);
      }
    }
    if (!table.primaryKey().isEmpty()) {
      // key order, as the primary key declares it
      keyColumns.sort((a, b) -> Integer.compare(
          table.primaryKey().indexOf(columns.get(a).name()), table.primaryKey().indexOf(columns.get(b).name())));
    }
  }

  TargetTable table() {
    return table;
  }

  boolean hasKey() {
    return !keyColumns.isEmpty();
  }

  /** Positions of the key columns in key order; empty without a key. */
  List<Integer> keyColumns() {
    return keyColumns;
  }

  /** The columns a row is found by: the key, else every column. */
  List<Integer> identityColumns() {
    if (hasKey()) {
      return keyColumns;
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      all.add(i);
    }
    return all;
  }

  String insert() {
    StringJoiner values = new StringJoiner(", ", " VALUES (", ")");
    for (int i = 0; i < types.size(); i++) {
      values.add(parameter(i));
    }
    return "INSERT INTO " + SqlNames.qualified(table.id()) + " (" + columnList() + ")" + values;
  }

  /**
   * INSERT of a whole row that updates the row of the same key instead when there is one; a plain
   * INSERT for a table without key.
   */
  String upsert() {
    if (!hasKey()) {
      return insert();
    }
    StringJoiner keys = new StringJoiner(", ");
    keyColumns.forEach(i -> keys.add(name(i)));
    StringJoiner set = new StringJoiner(", ");
    for (int i = 0; i < types.size(); i++) {
      if (!keyColumns.contains(i)) {
        set.add(name(i) + " = EXCLUDED." + name(i));
      }
    }
    return insert() + " ON CONFLICT (" + keys + ") " + (set.length() == 0 ? "DO NOTHING" : "DO UPDATE SET " + set);
  }

  /** UPDATE setting the given columns, finding the row by {@link #identityColumns()}. */
  String update(List<Integer> setColumns) {
    StringJoiner set = new StringJoiner(", ", " SET ", "");
    for (int i : setColumns) {
      set.add(name(i) + " = " + parameter(i));
    }
    return "UPDATE " + SqlNames.qualified(table.id()) + set + where();
  }

  String delete() {
    return "DELETE FROM " + SqlNames.qualified(table.id()) + where();
  }

  private String where() {
    StringJoiner condition = new StringJoiner(" AND ");
    for (int i : identityColumns()) {
      condition.add(hasKey()
          ? name(i) + " = " + parameter(i)
          : name(i) + "::text IS NOT DISTINCT FROM " + parameter(i) + "::text");
    }
    if (hasKey()) {
      return " WHERE " + condition;
    }
    return " WHERE ctid = (SELECT ctid FROM " + SqlNames.qualified(table.id()) + " WHERE "
        + condition + " LIMIT 1)";
  }

  String parameter(int column) {
    return "CAST(? AS " + types.get(column) + ")";
  }

  String name(int column) {
    return SqlNames.quote(table.columns().get(column).name());
  }

  String columnList() {
    return SqlNames.columnList(table.columns().stream().map(Column::name).toList());
  }
}
