package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.engine.mapping.TableSettingsRule.LobSettings;
import io.opendms.engine.mapping.TableSettingsRule.ParallelLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one table-settings rule; every problem names the rule-id and the field. */
final class TableSettingsReader {
  private static final Set<String> KEYS = Set.of("rule-type", "rule-id", "rule-name",
      "rule-action", "object-locator", "parallel-load", "lob-settings", "filter-operation");
  private static final Set<String> PARALLEL_KEYS = Set.of("type", "columns", "boundaries",
      "partitions", "subpartitions", "number-of-partitions", "collection-count-from-metadata",
      "max-records-skip-per-page", "batch-size");
  /** DMS allows at most ten range columns. */
  private static final int MAX_RANGE_COLUMNS = 10;

  private TableSettingsReader() {}

  static TableSettingsRule read(JsonFields fields, Long id, String name, int problemsBefore,
      List<String> problems) {
    fields.rejectUnknown(KEYS, "a table-settings rule");
    JsonNode locatorNode = fields.object("object-locator", true);
    String schema = null;
    String table = null;
    if (locatorNode != null) {
      JsonFields locator = fields.nested("object-locator", locatorNode);
      locator.rejectUnknown(Set.of("schema-name", "table-name"),
          "a table-settings rule's object-locator");
      schema = exact(locator, "schema-name");
      table = exact(locator, "table-name");
    }
    ParallelLoad parallel = parallelLoad(fields);
    LobSettings lob = lobSettings(fields);
    if (!fields.has("parallel-load") && !fields.has("lob-settings")) {
      fields.problem("parallel-load", "or lob-settings must be given");
    }
    if (problems.size() > problemsBefore || id == null || name == null) {
      return null;
    }
    return new TableSettingsRule(id, name, schema, table, parallel, lob);
  }

  /** DMS: "Exact schema and table name required when using table settings rule." */
  private static String exact(JsonFields locator, String key) {
    String text = locator.text(key, true);
    if (text != null && text.contains("%")) {
      locator.problem(key, "must be an exact name: table-settings rules take no wildcard, got '"
          + text + "'");
      return null;
    }
    return text;
  }

  private static ParallelLoad parallelLoad(JsonFields rule) {
    JsonNode node = rule.object("parallel-load", false);
    if (node == null) {
      return null;
    }
    JsonFields fields = rule.nested("parallel-load", node);
    fields.rejectUnknown(PARALLEL_KEYS, "a parallel-load");
    ParallelLoad.Type type = fields.choice("type", ParallelLoad.Type.values(),
        ParallelLoad.Type::dmsName, true);
    if (type == null) {
      return null;
    }
    List<String> columns = List.of();
    List<List<String>> boundaries = List.of();
    List<String> partitions = List.of();
    if (type == ParallelLoad.Type.RANGES) {
      columns = fields.textList("columns", true);
      boundaries = boundaries(fields, columns);
      if (columns != null && columns.size() > MAX_RANGE_COLUMNS) {
        fields.problem("columns", "takes at most " + MAX_RANGE_COLUMNS + " columns, got "
            + columns.size());
        return null;
      }
    } else {
      for (String key : List.of("columns", "boundaries")) {
        if (fields.has(key)) {
          fields.problem(key, "is only taken by type ranges");
        }
      }
    }
    if (type == ParallelLoad.Type.PARTITIONS_LIST) {
      partitions = fields.textList("partitions", true);
    } else if (fields.has("partitions")) {
      fields.problem("partitions", "is only taken by type partitions-list");
    }
    if (columns == null || boundaries == null || partitions == null) {
      return null;
    }
    return new ParallelLoad(type, columns, boundaries, partitions);
  }

  private static List<List<String>> boundaries(JsonFields fields, List<String> columns) {
    JsonNode array = fields.array("boundaries", true);
    if (array == null || columns == null) {
      return null;
    }
    if (array.isEmpty()) {
      fields.problem("boundaries", "must not be empty");
      return null;
    }
    var out = new ArrayList<List<String>>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      String key = "boundaries[" + i + "]";
      if (!row.isArray() || row.size() != columns.size()) {
        fields.problem(key, "must be an array of " + columns.size() + " value(s), one per column"
            + " of " + columns + ", got " + JsonFields.show(row)
            + (row.isArray() ? " of " + row.size() : ""));
        return null;
      }
      var values = new ArrayList<String>();
      for (JsonNode value : row) {
        if (!(value.isTextual() || value.isNumber())) {
          fields.problem(key, "values must be strings, got " + JsonFields.show(value));
          return null;
        }
        values.add(value.asText());
      }
      out.add(values);
    }
    return out;
  }

  private static LobSettings lobSettings(JsonFields rule) {
    JsonNode node = rule.object("lob-settings", false);
    if (node == null) {
      return null;
    }
    JsonFields fields = rule.nested("lob-settings", node);
    fields.rejectUnknown(Set.of("mode", "bulk-max-size"), "a lob-settings");
    LobSettings.Mode mode = fields.choice("mode", LobSettings.Mode.values(),
        LobSettings.Mode::dmsName, true);
    Long size = fields.nonNegative("bulk-max-size", 102_400 * 1024L, false);
    if (mode == null || (fields.has("bulk-max-size") && size == null)) {
      return null;
    }
    if (mode == LobSettings.Mode.LIMITED && (size == null || size == 0)) {
      fields.problem("bulk-max-size", "must be a positive number of KB for mode limited");
      return null;
    }
    return new LobSettings(mode, size == null ? 0 : size);
  }
}
