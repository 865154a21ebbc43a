package io.opendms.spi.validation;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The rows of a table with the given primary keys: what validation during CDC re-checks after
 * those rows changed.
 *
 * @param table the table on this side
 * @param key the primary-key columns on this side, in key order
 * @param keys the keys, each with one canonical value per key column (none NULL)
 */
public record KeyList(TableId table, List<Column> key, List<List<Object>> keys) {

  public KeyList {
    Objects.requireNonNull(table, "table");
    key = List.copyOf(key);
    keys = List.copyOf(keys.stream().map(List::copyOf).toList());
    if (key.isEmpty() || keys.isEmpty()) {
      throw new IllegalArgumentException("a key list of " + table + " needs key columns and keys");
    }
    for (List<Object> one : keys) {
      if (one.size() != key.size()) {
        throw new IllegalArgumentException("a key of " + table + " has the wrong number of values");
      }
    }
  }

  /** The same keys over another side's table and key columns. */
  public KeyList on(TableId otherTable, List<Column> otherKey) {
    return new KeyList(otherTable, otherKey, keys);
  }

  /**
   * The SQL condition selecting the rows, {@code (k1 = ? AND k2 = ?) OR ...}, with {@code ?} for
   * each value of {@link #parameters()}, in that order.
   *
   * @param column the expression of key column i (quoted)
   * @param parameter the placeholder expression of key column i ({@code ?} or a cast of it)
   */
  public String condition(Function<Integer, String> column, Function<Integer, String> parameter) {
    StringJoiner any = new StringJoiner(" OR ", "(", ")");
    for (int k = 0; k < keys.size(); k++) {
      StringJoiner all = new StringJoiner(" AND ", "(", ")");
      for (int i = 0; i < key.size(); i++) {
        all.add(column.apply(i) + " = " + parameter.apply(i));
      }
      any.add(all.toString());
    }
    return any.toString();
  }

  /** The values bound to the placeholders of {@link #condition}, in order. */
  public List<Object> parameters() {
    var values = new ArrayList<Object>(keys.size() * key.size());
    keys.forEach(values::addAll);
    return values;
  }

  @Override
  public String toString() {
    return table + " " + keys.size() + " key(s)";
  }
}
