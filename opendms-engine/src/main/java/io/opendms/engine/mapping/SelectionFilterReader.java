package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.source.RowFilter.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the {@code filters} array of a selection rule, reporting problems by rule-id. */
final class SelectionFilterReader {
  private static final Set<String> FILTER_KEYS =
      Set.of("filter-type", "column-name", "filter-conditions");
  private static final Set<String> CONDITION_KEYS =
      Set.of("filter-operator", "value", "start-value", "end-value");

  private SelectionFilterReader() {}

  /** The filters, or null when a problem was reported. */
  static List<SourceFilter> read(JsonFields rule) {
    JsonNode array = rule.array("filters", false);
    if (array == null) {
      return List.of();
    }
    var filters = new ArrayList<SourceFilter>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        rule.problem("filters[" + i + "]", "must be an object, got " + JsonFields.show(node));
        ok = false;
        continue;
      }
      SourceFilter filter = filter(rule.nested("filters[" + i + "]", node), node);
      if (filter == null) {
        ok = false;
      } else {
        filters.add(filter);
      }
    }
    return ok ? filters : null;
  }

  private static SourceFilter filter(JsonFields fields, JsonNode node) {
    fields.rejectUnknown(FILTER_KEYS, "a filter");
    String type = fields.text("filter-type", true);
    if (type != null && !type.equals("source")) {
      fields.problem("filter-type", "must be source, got '" + type + "'");
      type = null;
    }
    String column = fields.text("column-name", true);
    JsonNode conditions = fields.array("filter-conditions", true);
    if (conditions != null && conditions.isEmpty()) {
      fields.problem("filter-conditions", "must not be empty");
      conditions = null;
    }
    if (type == null || column == null || conditions == null) {
      return null;
    }
    var read = new ArrayList<SourceFilter.Condition>();
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode condition = conditions.get(i);
      String key = "filter-conditions[" + i + "]";
      if (!condition.isObject()) {
        fields.problem(key, "must be an object, got " + JsonFields.show(condition));
        return null;
      }
      SourceFilter.Condition one = condition(fields.nested(key, condition));
      if (one == null) {
        return null;
      }
      read.add(one);
    }
    return new SourceFilter(column, read);
  }

  private static SourceFilter.Condition condition(JsonFields fields) {
    fields.rejectUnknown(CONDITION_KEYS, "a filter condition");
    String name = fields.text("filter-operator", true);
    if (name == null) {
      return null;
    }
    Operator operator = operator(name);
    if (operator == null) {
      fields.problem("filter-operator", "must be one of lte, ste, gte, eq, noteq, between,"
          + " notbetween, null, notnull, got '" + name + "'");
      return null;
    }
    return switch (operator) {
      case NULL, NOT_NULL -> noValues(fields, name, operator);
      case BETWEEN, NOT_BETWEEN -> {
        String start = fields.scalarText("start-value", true);
        String end = fields.scalarText("end-value", true);
        if (fields.has("value")) {
          fields.problem("value", "is not taken by " + name + " (use start-value and end-value)");
          yield null;
        }
        yield start == null || end == null ? null
            : new SourceFilter.Condition(operator, start, end);
      }
      default -> {
        String value = fields.scalarText("value", true);
        if (fields.has("start-value") || fields.has("end-value")) {
          fields.problem("start-value", "is only taken by between and notbetween");
          yield null;
        }
        yield value == null ? null : new SourceFilter.Condition(operator, value, null);
      }
    };
  }

  private static SourceFilter.Condition noValues(JsonFields fields, String name, Operator op) {
    for (String key : List.of("value", "start-value", "end-value")) {
      if (fields.has(key)) {
        fields.problem(key, "is not taken by " + name);
        return null;
      }
    }
    return new SourceFilter.Condition(op, null, null);
  }

  private static Operator operator(String name) {
    return switch (name) {
      case "lte", "ste" -> Operator.LTE;
      case "gte" -> Operator.GTE;
      case "eq" -> Operator.EQ;
      case "noteq" -> Operator.NOT_EQ;
      case "between" -> Operator.BETWEEN;
      case "notbetween" -> Operator.NOT_BETWEEN;
      case "null" -> Operator.NULL;
      case "notnull" -> Operator.NOT_NULL;
      default -> null;
    };
  }
}
