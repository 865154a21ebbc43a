package io.opendms.connector.mysql;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of change apply for one MySQL target table and how each value is bound: as text, which
 * the server converts to the column's type as LOAD DATA does, except binary values (bytes), BIT
 * (its number) and geometry (WKB bytes), bound the way {@link LoadDataColumn} loads them. Tables
 * without a key find a row by every column with the NULL-safe {@code <=>}, one row at a time.
 * Immutable.
 */
final class MySqlApplySql {

  private final TargetTable table;
  private final TableId id;
  private final String qualified;
  private final LoadDataColumn[] how;
  private final List<Integer> keyColumns = new ArrayList<>();

  /** @param id where the table lives on the target server */
  MySqlApplySql(TargetTable table, TableId id) {
    this.table = table;
    this.id = id;
    this.qualified = SqlIdentifiers.qualified(id);
    List<Column> columns = table.columns();
    how = new LoadDataColumn[columns.size()];
    for (int i = 0; i < how.length; i++) {
      how[i] = LoadDataColumn.of(columns.get(i), MySqlTargetColumnTypes.sqlType(table.sourceEngine(), columns.get(i)));
    }
    for (String key : table.primaryKey()) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(key)) {
          keyColumns.add(i);
        }
      }
    }
  }

  TargetTable table() {
    return table;
  }

  /** Where the table lives on the target server: its database and name. */
  TableId id() {
    return id;
  }

  String qualified() {
    return qualified;
  }

  boolean hasKey() {
    return !keyColumns.isEmpty();
  }

  /** Key column positions in key order; empty without a key. */
  List<Integer> keyColumns() {
    return keyColumns;
  }

  /** The columns a row is found by: the key, else every column. */
  List<Integer> identityColumns() {
    return hasKey() ? keyColumns : allColumns();
  }

  List<Integer> allColumns() {
    List<Integer> all = new ArrayList<>(how.length);
    for (int i = 0; i < how.length; i++) {
      all.add(i);
    }
    return all;
  }

  String insert() {
    return "INSERT INTO " + qualified + " (" + columnList() + ") VALUES " + valuesRow();
  }

  /** UPDATE of the given columns (a PostgreSQL source leaves unchanged TOASTed values out). */
  String update(List<Integer> setColumns) {
    StringJoiner set = new StringJoiner(", ");
    for (int i : setColumns) {
      set.add(name(i) + " = " + parameter(i));
    }
    return "UPDATE " + qualified + " SET " + set + where();
  }

  String delete() {
    return "DELETE FROM " + qualified + where();
  }

  /** One multi-row {@code INSERT} of {@code rows} rows. */
  String insert(int rows) {
    return "INSERT INTO " + qualified + " (" + columnList() + ") VALUES " + valuesRows(rows);
  }

  /**
   * One multi-row upsert of {@code rows} rows: a key that exists gets every other column set.
   * Only for keys known to exist: MySQL takes a row that collides on any unique index, not only
   * the primary key, as the one to update, so a new key colliding with another row's unique
   * value would overwrite that row instead of failing.
   */
  String upsert(int rows) {
    String values = valuesRows(rows);
    StringJoiner update = new StringJoiner(", ");
    for (int i = 0; i < how.length; i++) {
      if (!keyColumns.contains(i)) {
        update.add(name(i) + " = VALUES(" + name(i) + ")");
      }
    }
    if (update.length() == 0) {
      update.add(name(keyColumns.get(0)) + " = " + name(keyColumns.get(0)));
    }
    return "INSERT INTO " + qualified + " (" + columnList() + ") VALUES " + values
        + " ON DUPLICATE KEY UPDATE " + update;
  }

  private String valuesRows(int rows) {
    StringJoiner values = new StringJoiner(", ");
    String row = valuesRow();
    for (int r = 0; r < rows; r++) {
      values.add(row);
    }
    return values.toString();
  }

  /** {@code DELETE ... WHERE (key) IN ((...), ...)} of {@code rows} keys. */
  String deleteKeys(int rows) {
    return "DELETE FROM " + qualified + keyIn(rows);
  }

  /** How many of {@code rows} keys have a row: {@code SELECT COUNT(*) ... WHERE (key) IN (...)}. */
  String countKeys(int rows) {
    return "SELECT COUNT(*) FROM " + qualified + keyIn(rows);
  }

  private String keyIn(int rows) {
    StringJoiner key = new StringJoiner(", ", "(", ")");
    StringJoiner one = new StringJoiner(", ", "(", ")");
    for (int i : keyColumns) {
      key.add(name(i));
      one.add(parameter(i));
    }
    StringJoiner list = new StringJoiner(", ");
    for (int r = 0; r < rows; r++) {
      list.add(one.toString());
    }
    return " WHERE " + key + " IN (" + list + ")";
  }

  /**
   * One row change's statement and its parameters in order: {@code values.get(i)} is bound as a
   * value of column {@code columns.get(i)}.
   */
  record Bound(String sql, List<Object> values, List<Integer> columns) {}

  /** The INSERT, UPDATE or DELETE of one row change. */
  Bound statement(RowChange row) {
    return switch (row.operation()) {
      case INSERT -> new Bound(insert(), row.after(), allColumns());
      case UPDATE -> {
        List<Integer> set = allColumns();
        set.removeAll(row.unchanged());
        List<Object> values = new ArrayList<>(pick(row.after(), set));
        values.addAll(pick(row.identity(), identityColumns()));
        List<Integer> columns = new ArrayList<>(set);
        columns.addAll(identityColumns());
        yield new Bound(update(set), values, columns);
      }
      case DELETE -> new Bound(delete(), pick(row.before(), identityColumns()), identityColumns());
    };
  }

  /**
   * A change's after image written over the row that has its key, every column set: the first
   * step of writing it whether or not the key exists (INSERT_RECORD, UPDATE_RECORD).
   */
  Bound updateByKeyOf(RowChange row) {
    List<Integer> all = allColumns();
    List<Object> values = new ArrayList<>(row.after());
    values.addAll(pick(row.after(), keyColumns));
    List<Integer> columns = new ArrayList<>(all);
    columns.addAll(keyColumns);
    return new Bound(update(all), values, columns);
  }

  /** A change's after image as a new row: the second step when no row has its key. */
  Bound insertOf(RowChange row) {
    return new Bound(insert(), row.after(), allColumns());
  }

  /** Binds a statement's parameters from 1 on. */
  void bind(PreparedStatement statement, Bound bound) throws SQLException {
    for (int i = 0; i < bound.values().size(); i++) {
      bindValue(statement, i + 1, bound.values().get(i), bound.columns().get(i));
    }
  }

  /**
   * The statement with its values inlined as literals, for {@code awsdms_apply_exceptions}. A
   * value MySQL cannot hold is shown as Java prints it.
   */
  String render(Bound bound) {
    StringBuilder text = new StringBuilder();
    int parameter = 0;
    for (int i = 0; i < bound.sql().length(); i++) {
      char c = bound.sql().charAt(i);
      if (c == '?' && parameter < bound.values().size()) {
        text.append(literal(bound.values().get(parameter), bound.columns().get(parameter)));
        parameter++;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private String literal(Object value, int column) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes && how[column] != LoadDataColumn.BIT) {
      return "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
    }
    String text;
    try {
      text = MySqlValueFormatter.format(value, how[column]);
    } catch (IllegalArgumentException e) {
      text = String.valueOf(value);
    }
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static List<Object> pick(List<Object> row, List<Integer> columns) {
    List<Object> values = new ArrayList<>(columns.size());
    columns.forEach(c -> values.add(row.get(c)));
    return values;
  }

  /**
   * Binds {@code values} at {@code columns} from parameter {@code first} on.
   *
   * @return the next parameter index
   * @throws IllegalArgumentException naming the column whose value MySQL cannot hold
   */
  int bind(PreparedStatement statement, int first, List<Object> values, List<Integer> columns)
      throws SQLException {
    int parameter = first;
    for (int column : columns) {
      bindValue(statement, parameter++, values.get(column), column);
    }
    return parameter;
  }

  /** @throws IllegalArgumentException naming the column whose value MySQL cannot hold */
  private void bindValue(PreparedStatement statement, int parameter, Object value, int column)
      throws SQLException {
    try {
      if (value == null) {
        statement.setNull(parameter, Types.VARCHAR);
      } else if (value instanceof byte[] bytes && how[column] != LoadDataColumn.BIT) {
        statement.setBytes(parameter, bytes);
      } else {
        statement.setString(parameter, MySqlValueFormatter.format(value, how[column]));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column " + table.columns().get(column).name() + ": "
          + e.getMessage(), e);
    }
  }

  private String where() {
    StringJoiner condition = new StringJoiner(" AND ", " WHERE ", "");
    for (int i : identityColumns()) {
      condition.add(name(i) + (hasKey() ? " = " : " <=> ") + parameter(i));
    }
    return hasKey() ? condition.toString() : condition + " LIMIT 1";
  }

  private String valuesRow() {
    StringJoiner values = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < how.length; i++) {
      values.add(parameter(i));
    }
    return values.toString();
  }

  private String parameter(int column) {
    return switch (how[column]) {
      case TEXT, HEX -> "?";
      case BIT -> "CAST(? AS UNSIGNED)";
      case GEOMETRY -> "ST_GeomFromWKB(?)";
    };
  }

  private String name(int column) {
    return SqlIdentifiers.quote(table.columns().get(column).name());
  }

  private String columnList() {
    return SqlIdentifiers.columnList(table.columns().stream().map(Column::name).toList());
  }
}
