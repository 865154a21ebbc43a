package io.opendms.spi.validation;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The rows of a table whose primary key lies in {@code [lower, upper)}, compared as tuples in key
 * column order. Text key columns are ordered by code point on every engine (PostgreSQL {@code
 * COLLATE "C"}, MySQL binary), so that both sides of a comparison cut a table at the same rows
 * whatever their collations.
 *
 * @param table the table on this side
 * @param key the primary-key columns on this side, in key order
 * @param lower the first key, inclusive (canonical values, one per key column), or null for
 *     "from the first row"
 * @param upper the key after the last, exclusive, or null for "to the last row"
 */
public record KeySpan(TableId table, List<Column> key, List<Object> lower, List<Object> upper) {

  public KeySpan {
    Objects.requireNonNull(table, "table");
    key = List.copyOf(key);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a key span of " + table + " needs key columns");
    }
    lower = lower == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(lower));
    upper = upper == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(upper));
    if ((lower != null && lower.size() != key.size())
        || (upper != null && upper.size() != key.size())) {
      throw new IllegalArgumentException("a bound of " + table + " has the wrong number of values");
    }
  }

  /**
   * The cuts of {@link ComparisonSession#splitKeys} found by stepping: {@code next} returns the
   * key {@code rowsPerRange} rows into the given open-ended span (from its lower bound,
   * inclusive), or null past the end; each cut found is the next span's lower bound.
   */
  public static List<List<Object>> stepThrough(TableId table, List<Column> key,
      Function<KeySpan, List<Object>> next) {
    var cuts = new ArrayList<List<Object>>();
    for (List<Object> cut = next.apply(new KeySpan(table, key, null, null)); cut != null;
        cut = next.apply(new KeySpan(table, key, cut, null))) {
      cuts.add(cut);
    }
    return cuts;
  }

  /** The same range over another side's table and key columns. */
  public KeySpan on(TableId otherTable, List<Column> otherKey) {
    return new KeySpan(otherTable, otherKey, lower, upper);
  }

  /**
   * The SQL condition selecting the span, written with {@code ?} for each value of {@link
   * #parameters()}, in that order; {@code TRUE} when unbounded. Expanded into AND/OR so that
   * engines without row-comparison index support (MariaDB) still use the key's index.
   *
   * @param column the comparable expression of key column i (quoted, collated)
   * @param parameter the placeholder expression of key column i ({@code ?} or a cast of it)
   */
  public String condition(Function<Integer, String> column, Function<Integer, String> parameter) {
    StringJoiner all = new StringJoiner(" AND ");
    if (lower != null) {
      all.add(bound(column, parameter, ">"));
    }
    if (upper != null) {
      all.add(bound(column, parameter, "<"));
    }
    return all.length() == 0 ? "TRUE" : all.toString();
  }

  /**
   * Whether the key lies in this span, ordered as the databases order the span's bounds: numbers
   * by value, text by code point, binary by unsigned bytes, UUIDs as their text, other values of
   * one class by their natural order.
   *
   * @throws IllegalArgumentException when a value cannot be ordered against a bound that way
   */
  public boolean contains(List<Object> values) {
    return locate(values) == 0;
  }

  /**
   * Where the key lies against this span, ordered as {@link #contains} orders it: negative
   * below the lower bound, 0 inside, positive at or above the upper bound.
   *
   * @throws IllegalArgumentException when a value cannot be ordered against a bound
   */
  public int locate(List<Object> values) {
    if (values.size() != key.size()) {
      throw new IllegalArgumentException("a key of " + table + " has the wrong number of values");
    }
    if (lower != null && compareKeys(values, lower) < 0) {
      return -1;
    }
    return upper != null && compareKeys(values, upper) >= 0 ? 1 : 0;
  }

  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException("a key value is NULL");
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString()));
    }
    if (a instanceof String x && b instanceof String y) {
      return java.util.Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.compareUnsigned(x, y);
    }
    if (a instanceof java.util.UUID || b instanceof java.util.UUID) {
      return a.toString().compareTo(b.toString());
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable x) {
      return x.compareTo(b);
    }
    throw new IllegalArgumentException("cannot order " + a.getClass().getSimpleName() + " against "
        + b.getClass().getSimpleName());
  }

  /** The values bound to the placeholders of {@link #condition}, in order. */
  public List<Object> parameters() {
    var values = new ArrayList<Object>();
    if (lower != null) {
      values.addAll(expand(lower));
    }
    if (upper != null) {
      values.addAll(expand(upper));
    }
    return values;
  }

  // (k1 > v1) OR (k1 = v1 AND k2 > v2) ... OR (k1 = v1 AND ... AND kn >= vn) for a lower bound;
  // the last comparison is inclusive for the lower bound, exclusive for the upper.
  private String bound(Function<Integer, String> column, Function<Integer, String> parameter,
      String strict) {
    StringJoiner any = new StringJoiner(" OR ", "(", ")");
    for (int i = 0; i < key.size(); i++) {
      StringJoiner term = new StringJoiner(" AND ", "(", ")");
      for (int j = 0; j < i; j++) {
        term.add(column.apply(j) + " = " + parameter.apply(j));
      }
      boolean last = i == key.size() - 1;
      String op = last && strict.equals(">") ? ">=" : strict;
      term.add(column.apply(i) + " " + op + " " + parameter.apply(i));
      any.add(term.toString());
    }
    return any.toString();
  }

  private List<Object> expand(List<Object> bound) {
    var values = new ArrayList<Object>();
    for (int i = 0; i < key.size(); i++) {
      for (int j = 0; j <= i; j++) {
        values.add(bound.get(j));
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return table + " key [" + (lower == null ? "start" : lower) + ", "
        + (upper == null ? "end" : upper) + ")";
  }
}
