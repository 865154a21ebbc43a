package io.opendms.engine.mapping;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.type.DmsType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Types the text values of filters and range boundaries by the source column they apply to, once
 * the table is known: {@code "10"} on an integer column is the number 10, {@code "2024-01-01"} on
 * a timestamp column is midnight of that day. Errors name the rule-id, the field and the column.
 */
final class TypedValues {
  /**
   * DMS says not to filter LOB columns; binary and JSON values have no useful order, so they are
   * refused. Character LOBs are allowed: PostgreSQL's {@code text}, the usual type of a region
   * or status column, is one.
   */
  private static final Set<DmsType> UNFILTERABLE = EnumSet.of(DmsType.BLOB, DmsType.BYTES,
      DmsType.JSON);

  private TypedValues() {}

  static RowFilter.ColumnFilter filter(SelectionRule rule, int index, TableDefinition table) {
    SourceFilter filter = rule.filters().get(index);
    String field = "filters[" + index + "]";
    Column column = table.column(filter.column()).orElseThrow(() -> invalid("rule-id "
        + rule.ruleId() + ": " + field + ".column-name '" + filter.column()
        + "' is not a column of " + table.id() + " (column names are case-sensitive; it has "
        + table.columns().stream().map(Column::name).toList() + ")"));
    if (UNFILTERABLE.contains(column.type().kind())) {
      throw invalid("rule-id " + rule.ruleId() + ": " + field + ".column-name '" + column.name()
          + "' of " + table.id() + " is a " + column.type().kind()
          + " column, which cannot be filtered");
    }
    var conditions = new ArrayList<RowFilter.Condition>();
    for (int i = 0; i < filter.conditions().size(); i++) {
      SourceFilter.Condition condition = filter.conditions().get(i);
      String at = "rule-id " + rule.ruleId() + ": " + field + ".filter-conditions[" + i + "].";
      boolean range = condition.endValue() != null;
      Object value = condition.value() == null ? null
          : typed(condition.value(), column, table, at + (range ? "start-value" : "value"));
      Object end = range ? typed(condition.endValue(), column, table, at + "end-value") : null;
      conditions.add(new RowFilter.Condition(condition.operator(), value, end));
    }
    return new RowFilter.ColumnFilter(column.name(), conditions);
  }

  /** One value of a column, from its text; the message starts with {@code where}. */
  static Object typed(String text, Column column, TableDefinition table, String where) {
    try {
      return CanonicalValues.convert(text, column.type());
    } catch (IllegalArgumentException e) {
      throw invalid(where + " " + e.getMessage() + ", the type of column " + column.name()
          + " of " + table.id());
    }
  }

  /** The boundaries of a ranges parallel load, typed by their columns. */
  static List<List<Object>> boundaries(TableSettingsRule rule, TableDefinition table) {
    var columns = new ArrayList<Column>();
    List<String> names = rule.parallelLoad().columns();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Column column = table.column(name).orElseThrow(() -> invalid("rule-id " + rule.ruleId()
          + ": parallel-load.columns names '" + name + "', which is not a column of "
          + table.id()));
      DmsType kind = column.type().kind();
      if (kind == DmsType.REAL4 || kind == DmsType.REAL8 || kind.isLob()
          || UNFILTERABLE.contains(kind)) {
        throw invalid("rule-id " + rule.ruleId() + ": parallel-load.columns[" + i + "] '" + name
            + "' is a " + kind + " column; ranges cannot split on floating-point, LOB, JSON or"
            + " binary columns");
      }
      columns.add(column);
    }
    var out = new ArrayList<List<Object>>();
    List<List<String>> boundaries = rule.parallelLoad().boundaries();
    for (int b = 0; b < boundaries.size(); b++) {
      var row = new ArrayList<Object>();
      for (int c = 0; c < columns.size(); c++) {
        row.add(typed(boundaries.get(b).get(c), columns.get(c), table, "rule-id "
            + rule.ruleId() + ": parallel-load.boundaries[" + b + "][" + c + "]"));
      }
      out.add(row);
    }
    return out;
  }

  private static OpenDmsException invalid(String message) {
    return new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, message);
  }
}
