package io.opendms.engine.mapping;

import io.opendms.spi.source.RowFilter.Operator;
import java.util.List;
import java.util.Objects;

/**
 * One {@code filters} entry of a selection rule as written: a column and its conditions, values
 * still text. {@link TableTransform} types the values by the column once the table is known.
 *
 * @param column the {@code column-name}, case-sensitive
 * @param conditions the {@code filter-conditions}, OR-ed; at least one
 */
public record SourceFilter(String column, List<Condition> conditions) {

  public SourceFilter {
    Objects.requireNonNull(column, "column");
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("filter on " + column + " has no condition");
    }
  }

  /**
   * One {@code filter-conditions} entry.
   *
   * @param operator the {@code filter-operator}
   * @param value {@code value}, or {@code start-value} for between and notbetween; null for null
   *     and notnull
   * @param endValue {@code end-value} for between and notbetween; null otherwise
   */
  public record Condition(Operator operator, String value, String endValue) {
    public Condition {
      Objects.requireNonNull(operator, "operator");
    }
  }

  /** The DMS spelling of an operator; {@code ste} reads as {@code lte}. */
  static String dmsName(Operator operator) {
    return switch (operator) {
      case LTE -> "lte";
      case GTE -> "gte";
      case EQ -> "eq";
      case NOT_EQ -> "noteq";
      case BETWEEN -> "between";
      case NOT_BETWEEN -> "notbetween";
      case NULL -> "null";
      case NOT_NULL -> "notnull";
    };
  }
}
