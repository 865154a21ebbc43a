package io.opendms.spi.source;

import java.util.List;
import java.util.Objects;

/**
 * Which rows a full load reads: DMS's selection-rule {@code filters}, pushed down into the
 * source's query. A row is read when, for every column filter, at least one of its conditions
 * holds (conditions of one column are OR-ed, columns are AND-ed). Values are canonical values of
 * the column's type (see {@link io.opendms.spi.type.DmsType}), never null.
 *
 * @param columns the column filters; empty reads every row
 */
public record RowFilter(List<ColumnFilter> columns) {

  /** Reads every row. */
  public static final RowFilter NONE = new RowFilter(List.of());

  public RowFilter {
    columns = List.copyOf(columns);
  }

  /** The filter of one row: each of {@code columns} equal to its value in {@code values}. */
  public static RowFilter keyEquals(List<String> columns, List<?> values) {
    if (columns.size() != values.size() || columns.isEmpty()) {
      throw new IllegalArgumentException("one value per key column: " + columns + " " + values);
    }
    var filters = new java.util.ArrayList<ColumnFilter>();
    for (int i = 0; i < columns.size(); i++) {
      filters.add(new ColumnFilter(columns.get(i),
          List.of(new Condition(Operator.EQ, values.get(i), null))));
    }
    return new RowFilter(filters);
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /**
   * The conditions on one column, any of which selects the row.
   *
   * @param column the column name as the source spells it
   * @param conditions at least one
   */
  public record ColumnFilter(String column, List<Condition> conditions) {
    public ColumnFilter {
      Objects.requireNonNull(column, "column");
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("a filter on " + column + " needs a condition");
      }
    }
  }

  /**
   * One condition on a column's value. SQL semantics: a NULL value satisfies only {@link
   * Operator#NULL}.
   *
   * @param operator what is compared
   * @param value the operand of LTE, GTE, EQ and NOTEQ, the lower bound of BETWEEN and
   *     NOT_BETWEEN; null for NULL and NOT_NULL
   * @param endValue the upper bound of BETWEEN and NOT_BETWEEN (both bounds inclusive); null
   *     otherwise
   */
  public record Condition(Operator operator, Object value, Object endValue) {
    public Condition {
      Objects.requireNonNull(operator, "operator");
      boolean wantsValue = operator != Operator.NULL && operator != Operator.NOT_NULL;
      boolean wantsEnd = operator == Operator.BETWEEN || operator == Operator.NOT_BETWEEN;
      if (wantsValue != (value != null) || wantsEnd != (endValue != null)) {
        throw new IllegalArgumentException(operator + " takes "
            + (wantsEnd ? "two values" : wantsValue ? "one value" : "no value"));
      }
    }
  }

  /** DMS's {@code filter-operator}s ({@code ste} is an alias of {@code lte}). */
  public enum Operator {
    LTE,
    GTE,
    EQ,
    NOT_EQ,
    BETWEEN,
    NOT_BETWEEN,
    NULL,
    NOT_NULL
  }
}
