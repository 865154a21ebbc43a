package io.opendms.engine.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opendms.engine.mapping.SelectionRule.Action;
import io.opendms.engine.mapping.SelectionRule.TableType;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a table-mapping document, collecting every problem before reporting. One instance per
 * document; not thread-safe.
 */
final class TableMappingsReader {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Rule types of DMS that this version recognises but does not apply. */
  private static final List<String> LATER_RULE_TYPES = List.of("post-processing", "validation");

  private static final Set<String> SELECTION_KEYS =
      Set.of("rule-type", "rule-id", "rule-name", "rule-action", "object-locator", "load-order",
          "filters");
  private static final Set<String> LOCATOR_KEYS =
      Set.of("schema-name", "table-name", "table-type");

  private final List<String> problems = new ArrayList<>();
  private final List<String> unsupported = new ArrayList<>();
  private final Map<Long, String> labelById = new HashMap<>();
  private final Map<String, String> labelByName = new HashMap<>();
  private final List<SelectionRule> selectionRules = new ArrayList<>();
  private final List<TransformationRule> transformationRules = new ArrayList<>();
  private final List<TableSettingsRule> tableSettingsRules = new ArrayList<>();
  private final List<ObjectMappingRule> objectMappingRules = new ArrayList<>();
  private final Map<String, String> settingsByTable = new HashMap<>();
  private int selectionRuleCount;

  TableMappings read(String json) {
    JsonNode rules = rulesOf(document(json));
    for (int i = 0; i < rules.size(); i++) {
      readRule(i, rules.get(i));
    }
    if (selectionRuleCount == 0) {
      problems.add("at least one selection rule is required");
    }
    if (!problems.isEmpty()) {
      problems.addAll(unsupported);
      throw invalid(String.join("; ", problems));
    }
    if (!unsupported.isEmpty()) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, String.join("; ", unsupported));
    }
    return new TableMappings(selectionRules, transformationRules, tableSettingsRules,
        objectMappingRules);
  }

  private static JsonNode document(String json) {
    if (json == null || json.isBlank()) {
      throw invalid("the document is empty");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new OpenDmsException(
          ErrorCode.INVALID_TABLE_MAPPINGS,
          "Invalid Table Mappings document: malformed JSON" + where + ": " + e.getOriginalMessage(),
          e);
    }
  }

  private JsonNode rulesOf(JsonNode root) {
    if (!root.isObject()) {
      throw invalid("expected an object {\"rules\":[...]}, got " + JsonFields.show(root));
    }
    JsonNode rules = root.get("rules");
    if (rules == null || rules.isNull()) {
      throw invalid("\"rules\" is missing");
    }
    if (!rules.isArray()) {
      throw invalid("\"rules\" must be an array, got " + JsonFields.show(rules));
    }
    root.properties().stream()
        .filter(field -> !field.getKey().equals("rules") && !field.getValue().isNull())
        .forEach(field -> problems.add("unknown key '" + field.getKey() + "' next to \"rules\""));
    return rules;
  }

  private void readRule(int index, JsonNode rule) {
    String label = "rules[" + index + "]";
    if (!rule.isObject()) {
      problems.add(label + ": expected an object, got " + JsonFields.show(rule));
      return;
    }
    Long id = new JsonFields(label, "", rule, problems).ruleId();
    if (id != null) {
      label = "rule-id " + id;
      String first = labelById.putIfAbsent(id, "rules[" + index + "]");
      if (first != null) {
        problems.add(label + ": rule-id repeats that of " + first);
      }
    }
    var fields = new JsonFields(label, "", rule, problems);
    String name = fields.text("rule-name", true);
    if (name != null) {
      String first = labelByName.putIfAbsent(name, label);
      if (first != null) {
        problems.add(label + ": rule-name '" + name + "' repeats that of " + first);
      }
    }
    String type = fields.text("rule-type", true);
    if (type == null) {
      return;
    }
    if (type.equals("selection")) {
      selectionRuleCount++;
      SelectionRule selection = readSelection(fields, id, name);
      if (selection != null) {
        selectionRules.add(selection);
      }
    } else if (type.equals("transformation")) {
      int before = problems.size();
      TransformationRule transformation =
          new TransformationReader(unsupported).read(fields, id, name, before, problems);
      if (transformation != null) {
        transformationRules.add(transformation);
      }
    } else if (type.equals("table-settings")) {
      TableSettingsRule settings =
          TableSettingsReader.read(fields, id, name, problems.size(), problems);
      if (settings != null) {
        String table = settings.schemaName() + "." + settings.tableName();
        String first = settingsByTable.putIfAbsent(table, label);
        if (first != null) {
          problems.add(label + ": object-locator names " + table + ", which " + first
              + " already sets (one table-settings rule per table)");
        } else {
          tableSettingsRules.add(settings);
        }
      }
    } else if (type.equals("object-mapping")) {
      ObjectMappingRule mapping =
          ObjectMappingReader.read(fields, id, name, problems.size(), problems, unsupported);
      if (mapping != null) {
        objectMappingRules.add(mapping);
      }
    } else if (LATER_RULE_TYPES.contains(type)) {
      // Structural checks only; the rule's own fields are validated once it is supported.
      fields.object("object-locator", false);
      unsupported.add(label + " (" + type + "): not supported yet by this version");
    } else {
      problems.add(label + ": unknown rule-type '" + type + "' (expected selection,"
          + " transformation, table-settings, object-mapping, " + String.join(", ", LATER_RULE_TYPES) + ")");
    }
  }

  private SelectionRule readSelection(JsonFields fields, Long id, String name) {
    int before = problems.size();
    fields.rejectUnknown(SELECTION_KEYS, "a selection rule");
    Action action = fields.choice("rule-action", Action.values(), Action::dmsName, true);
    Long loadOrder = fields.nonNegative("load-order", Integer.MAX_VALUE, false);
    List<SourceFilter> filters = SelectionFilterReader.read(fields);
    if (action == Action.EXCLUDE && filters != null && !filters.isEmpty()) {
      fields.problem("filters", "apply only to include and explicit rules");
    }
    JsonNode locatorNode = fields.object("object-locator", true);
    NamePattern schema = null;
    NamePattern table = null;
    TableType tableType = null;
    if (locatorNode != null) {
      JsonFields locator = fields.nested("object-locator", locatorNode);
      locator.rejectUnknown(LOCATOR_KEYS, "a selection rule's object-locator");
      schema = pattern(locator, "schema-name", action);
      table = pattern(locator, "table-name", action);
      tableType =
          locatorNode.hasNonNull("table-type")
              ? locator.choice("table-type", TableType.values(), TableType::dmsName, true)
              : TableType.TABLE;
    }
    if (problems.size() > before || id == null || name == null) {
      return null;
    }
    return new SelectionRule(id, name, action, schema, table, tableType,
        loadOrder == null ? 0 : loadOrder.intValue(), filters);
  }

  /** Explicit rules take names as they are: '%' there is a mistake, not a table name. */
  private static NamePattern pattern(JsonFields locator, String key, Action action) {
    String text = locator.text(key, true);
    if (text == null) {
      return null;
    }
    if (action == Action.EXPLICIT) {
      if (text.contains("%")) {
        locator.problem(key, "'" + text + "' has a wildcard '%', which explicit rules do not"
            + " take (use include)");
        return null;
      }
      return NamePattern.exact(text);
    }
    try {
      return NamePattern.wildcard(text);
    } catch (IllegalArgumentException e) {
      locator.problem(key, e.getMessage());
      return null;
    }
  }


  private static OpenDmsException invalid(String detail) {
    return new OpenDmsException(
        ErrorCode.INVALID_TABLE_MAPPINGS, "Invalid Table Mappings document: " + detail);
  }
}
