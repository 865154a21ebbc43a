package io.opendms.spi.source;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Renders a {@link RowFilter} and a {@link PartitionBounds.TupleRange} as SQL conditions, for
 * the SQL sources to push them into their snapshot queries, and the key span of a partition,
 * for SQL targets to delete its rows. Each source supplies its own
 * identifier quoting and literal rendering (from a canonical value). Stateless.
 */
public final class SqlConditions {
  private final Function<String, String> quote;
  private final Function<Object, String> literal;

  /**
   * @param quote quotes a column name
   * @param literal renders a non-null canonical value as a SQL literal the column compares with
   */
  public SqlConditions(Function<String, String> quote, Function<Object, String> literal) {
    this.quote = quote;
    this.literal = literal;
  }

  /**
   * The conditions of the filter and the bounds, joined by AND, or empty when there are none.
   * Bounds other than a tuple range are the source's own to render.
   */
  public List<String> of(RowFilter filter, PartitionBounds bounds) {
    var out = new ArrayList<String>();
    if (bounds instanceof PartitionBounds.TupleRange) {
      out.addAll(keySpan(bounds));
    }
    for (RowFilter.ColumnFilter column : filter.columns()) {
      StringJoiner any = new StringJoiner(" OR ", "(", ")");
      column.conditions().forEach(c -> any.add(condition(quote.apply(column.column()), c)));
      out.add(any.toString());
    }
    return out;
  }

  /**
   * The conditions that select the rows of a key-span partition ({@link
   * PartitionBounds#isKeySpan()}), joined by AND; for a target to delete a partition's rows
   * before it loads them again.
   *
   * @throws IllegalArgumentException for bounds that are no key span
   */
  public List<String> keySpan(PartitionBounds bounds) {
    var out = new ArrayList<String>();
    if (bounds instanceof PartitionBounds.KeyRange range) {
      if (range.lower() != null) {
        out.add(quote.apply(range.column()) + " >= " + literal.apply(range.lower()));
      }
      if (range.upper() != null) {
        out.add(quote.apply(range.column()) + " < " + literal.apply(range.upper()));
      }
      out.add(quote.apply(range.column()) + " IS NOT NULL");
    } else if (bounds instanceof PartitionBounds.TupleRange range) {
      String columns = tuple(range.columns().stream().map(quote).toList());
      if (!range.after().isEmpty()) {
        out.add(columns + " > " + tuple(range.after().stream().map(literal).toList()));
      }
      if (!range.through().isEmpty()) {
        out.add(columns + " <= " + tuple(range.through().stream().map(literal).toList()));
      }
      // DMS copies no row with a NULL key column; a row comparison with NULL is not true either,
      // but the first and last segments have one side only
      range.columns().forEach(c -> out.add(quote.apply(c) + " IS NOT NULL"));
    } else {
      throw new IllegalArgumentException(bounds + " is not a key span");
    }
    return out;
  }

  private String condition(String column, RowFilter.Condition condition) {
    return switch (condition.operator()) {
      case LTE -> column + " <= " + literal.apply(condition.value());
      case GTE -> column + " >= " + literal.apply(condition.value());
      case EQ -> column + " = " + literal.apply(condition.value());
      case NOT_EQ -> column + " <> " + literal.apply(condition.value());
      case BETWEEN -> column + " BETWEEN " + literal.apply(condition.value()) + " AND "
          + literal.apply(condition.endValue());
      case NOT_BETWEEN -> column + " NOT BETWEEN " + literal.apply(condition.value()) + " AND "
          + literal.apply(condition.endValue());
      case NULL -> column + " IS NULL";
      case NOT_NULL -> column + " IS NOT NULL";
    };
  }

  private static String tuple(List<String> items) {
    return items.size() == 1 ? items.get(0) : "(" + String.join(", ", items) + ")";
  }
}
