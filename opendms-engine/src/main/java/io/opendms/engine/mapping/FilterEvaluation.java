package io.opendms.engine.mapping;

import io.opendms.spi.source.RowFilter;
import io.opendms.spi.source.RowFilter.ColumnFilter;
import io.opendms.spi.source.RowFilter.Condition;
import io.opendms.spi.table.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a captured row passes a {@link RowFilter}, with the SQL semantics the full
 * load's pushed-down query has: NULL passes only {@code null}; numbers compare by value; text by
 * code point (the source's collation may order differently; equality is what filters mostly
 * use); timestamps with and without zone compare in UTC. Immutable and thread-safe.
 */
final class FilterEvaluation {
  private final RowFilter filter;
  private final int[] positions;

  FilterEvaluation(RowFilter filter, TableDefinition table) {
    this.filter = filter;
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      index.put(table.columns().get(i).name(), i);
    }
    List<ColumnFilter> columns = filter.columns();
    positions = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      positions[i] = index.get(columns.get(i).column());
    }
  }

  /** Whether the row (source column order) passes; a row image missing (null) never does. */
  boolean accepts(List<Object> row) {
    if (filter.isEmpty()) {
      return true;
    }
    if (row == null) {
      return false;
    }
    for (int i = 0; i < positions.length; i++) {
      Object value = row.get(positions[i]);
      boolean any = false;
      for (Condition condition : filter.columns().get(i).conditions()) {
        if (holds(condition, value)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  static boolean holds(Condition condition, Object value) {
    switch (condition.operator()) {
      case NULL:
        return value == null;
      case NOT_NULL:
        return value != null;
      default:
        break;
    }
    if (value == null) {
      return false;
    }
    int c = compare(value, condition.value());
    return switch (condition.operator()) {
      case LTE -> c <= 0;
      case GTE -> c >= 0;
      case EQ -> c == 0;
      case NOT_EQ -> c != 0;
      case BETWEEN -> c >= 0 && compare(value, condition.endValue()) <= 0;
      case NOT_BETWEEN -> c < 0 || compare(value, condition.endValue()) > 0;
      default -> throw new IllegalStateException(condition.operator().toString());
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object value, Object bound) {
    Object a = CanonicalValues.forComparison(utc(value));
    Object b = CanonicalValues.forComparison(utc(bound));
    if (a instanceof Number x && b instanceof Number y) {
      if (!Double.isFinite(x.doubleValue()) || !Double.isFinite(y.doubleValue())) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return decimal(x).compareTo(decimal(y));
    }
    if (a instanceof LocalDateTime && b instanceof LocalDate day) {
      b = day.atStartOfDay();
    } else if (a instanceof LocalDate && b instanceof LocalDateTime time) {
      a = ((LocalDate) a).atStartOfDay();
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static Object utc(Object value) {
    return value instanceof Instant instant
        ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (number instanceof Double || number instanceof Float) {
      return new BigDecimal(number.toString());
    }
    return BigDecimal.valueOf(number.longValue());
  }
}
