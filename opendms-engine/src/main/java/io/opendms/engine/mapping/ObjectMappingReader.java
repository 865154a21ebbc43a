package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.KeyAttribute;
import io.opendms.spi.target.ObjectMapping.KeyType;
import io.opendms.spi.target.ObjectMapping.StreamKeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one {@code object-mapping} rule (DMS's DynamoDB, Kinesis and Kafka layout rules); every
 * problem names the rule-id and the field. Which columns the rule may name is checked per table,
 * once the table's columns are known ({@link TableTransformer}).
 */
final class ObjectMappingReader {
  private static final Set<String> KEYS = Set.of("rule-type", "rule-id", "rule-name",
      "rule-action", "object-locator", "target-table-name", "mapping-parameters",
      "kafka-target-topic", "partition-key");
  private static final Set<String> PARAMETER_KEYS = Set.of("partition-key-name",
      "partition-key-type", "sort-key-name", "sort-key-type", "exclude-columns",
      "attribute-mappings", "condition-expression", "partition-key");
  private static final Set<String> ATTRIBUTE_KEYS = Set.of("target-attribute-name",
      "attribute-type", "attribute-sub-type", "value");

  private ObjectMappingReader() {}

  /**
   * Reads the rule; adds its problems to {@code problems} and what DMS documents but this
   * version does not apply ({@code condition-expression}) to {@code unsupported}.
   */
  static ObjectMappingRule read(JsonFields fields, Long id, String name, int problemsBefore,
      List<String> problems, List<String> unsupported) {
    fields.rejectUnknown(KEYS, "an object-mapping rule");
    Action action = fields.choice("rule-action", Action.values(), Action::dmsName, true);
    NamePattern schema = null;
    NamePattern table = null;
    JsonNode locatorNode = fields.object("object-locator", true);
    if (locatorNode != null) {
      JsonFields locator = fields.nested("object-locator", locatorNode);
      locator.rejectUnknown(Set.of("schema-name", "table-name"),
          "an object-mapping rule's object-locator");
      schema = locator.wildcard("schema-name", true);
      table = locator.wildcard("table-name", true);
    }
    Optional<String> targetTable = Optional.ofNullable(fields.text("target-table-name", false));
    Optional<String> topic = Optional.ofNullable(fields.text("kafka-target-topic", false));
    Optional<String> partitionKeyValue = partitionKeyValue(fields);
    Parameters parameters = parameters(fields, unsupported);
    if (parameters.partitionKeyValue.isPresent()) {
      if (partitionKeyValue.isPresent()) {
        fields.problem("partition-key", "is given twice: here and in mapping-parameters");
      }
      partitionKeyValue = parameters.partitionKeyValue;
    }
    streamKey(fields, parameters, partitionKeyValue);
    if (problems.size() > problemsBefore || id == null || name == null || action == null) {
      return null;
    }
    ObjectMapping mapping = new ObjectMapping(id, action, targetTable, parameters.partitionKey,
        parameters.sortKey, parameters.streamKeyType, parameters.excludeColumns,
        parameters.attributes, topic, partitionKeyValue);
    return new ObjectMappingRule(id, name, schema, table, mapping);
  }

  /**
   * A stream key type needs what it keys by: {@code constant} a {@code partition-key} value,
   * {@code attribute-name} a {@code partition-key-name} (or a {@code partition-key} value naming
   * the attribute).
   */
  private static void streamKey(JsonFields fields, Parameters parameters,
      Optional<String> partitionKeyValue) {
    StreamKeyType type = parameters.streamKeyType.orElse(null);
    if (type == StreamKeyType.CONSTANT && partitionKeyValue.isEmpty()) {
      fields.problem("mapping-parameters.partition-key-type", "constant needs"
          + " \"partition-key\": {\"value\": ...}");
    } else if (type == StreamKeyType.ATTRIBUTE_NAME && parameters.partitionKey.isEmpty()
        && partitionKeyValue.isEmpty()) {
      fields.problem("mapping-parameters.partition-key-type", "attribute-name needs"
          + " partition-key-name");
    }
  }

  /**
   * {@code "partition-key": {"value": "ConstantKey" | column}}, at the rule's level or, as DMS's
   * Kafka and Kinesis pages place it, in {@code mapping-parameters}.
   */
  private static Optional<String> partitionKeyValue(JsonFields fields) {
    JsonNode node = fields.object("partition-key", false);
    if (node == null) {
      return Optional.empty();
    }
    JsonFields key = fields.nested("partition-key", node);
    key.rejectUnknown(Set.of("value"), "a partition-key");
    return Optional.ofNullable(key.text("value", true));
  }

  private static final class Parameters {
    Optional<KeyAttribute> partitionKey = Optional.empty();
    Optional<KeyAttribute> sortKey = Optional.empty();
    Optional<StreamKeyType> streamKeyType = Optional.empty();
    List<String> excludeColumns = List.of();
    List<AttributeMapping> attributes = List.of();
    Optional<String> partitionKeyValue = Optional.empty();
  }

  private static Parameters parameters(JsonFields rule, List<String> unsupported) {
    Parameters out = new Parameters();
    JsonNode node = rule.object("mapping-parameters", false);
    if (node == null) {
      return out;
    }
    JsonFields fields = rule.nested("mapping-parameters", node);
    fields.rejectUnknown(PARAMETER_KEYS, "mapping-parameters");
    if (fields.has("condition-expression")) {
      unsupported.add(rule.label() + " (object-mapping): mapping-parameters.condition-expression"
          + " is not supported yet by this version");
    }
    String partitionName = fields.text("partition-key-name", false);
    String sortName = fields.text("sort-key-name", false);
    String partitionType = fields.text("partition-key-type", false);
    Optional<KeyType> partitionKeyType = Optional.empty();
    if (partitionType != null) {
      partitionKeyType = keyType(partitionType);
      out.streamKeyType = Arrays.stream(StreamKeyType.values())
          .filter(t -> t.dmsName().equals(partitionType)).findFirst();
      if (partitionKeyType.isEmpty() && out.streamKeyType.isEmpty()) {
        fields.problem("partition-key-type", "must be one of " + Stream.concat(
            Arrays.stream(KeyType.values()).map(KeyType::dmsName),
            Arrays.stream(StreamKeyType.values()).map(StreamKeyType::dmsName))
            .collect(Collectors.joining(", ")) + ", got '" + partitionType + "'");
      }
    }
    KeyType sortType = fields.choice("sort-key-type", KeyType.values(), KeyType::dmsName, false);
    if (partitionName != null) {
      out.partitionKey = Optional.of(new KeyAttribute(partitionName, partitionKeyType));
    }
    if (sortName != null) {
      if (partitionName == null) {
        fields.problem("sort-key-name", "needs partition-key-name");
      } else if (sortName.equals(partitionName)) {
        fields.problem("sort-key-name", "must differ from partition-key-name '" + partitionName
            + "'");
      } else {
        out.sortKey = Optional.of(new KeyAttribute(sortName, Optional.ofNullable(sortType)));
      }
    } else if (sortType != null) {
      fields.problem("sort-key-type", "needs sort-key-name");
    }
    if (fields.has("exclude-columns")) {
      List<String> excluded = fields.textList("exclude-columns", false);
      out.excludeColumns = excluded == null ? List.of() : excluded;
    }
    out.attributes = attributeMappings(fields);
    out.partitionKeyValue = partitionKeyValue(fields);
    return out;
  }

  private static Optional<KeyType> keyType(String text) {
    return Arrays.stream(KeyType.values()).filter(t -> t.dmsName().equals(text)).findFirst();
  }

  private static List<AttributeMapping> attributeMappings(JsonFields parameters) {
    JsonNode array = parameters.array("attribute-mappings", false);
    if (array == null) {
      return List.of();
    }
    var mappings = new ArrayList<AttributeMapping>();
    var names = new java.util.HashSet<String>();
    for (int i = 0; i < array.size(); i++) {
      String key = "attribute-mappings[" + i + "]";
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        parameters.problem(key, "must be an object, got " + JsonFields.show(node));
        continue;
      }
      JsonFields fields = parameters.nested(key, node);
      fields.rejectUnknown(ATTRIBUTE_KEYS, "an attribute mapping");
      String target = fields.text("target-attribute-name", true);
      AttributeType type = fields.choice("attribute-type", AttributeType.values(),
          AttributeType::dmsName, true);
      AttributeSubType subType = fields.choice("attribute-sub-type", AttributeSubType.values(),
          AttributeSubType::dmsName, false);
      if (subType == null && !fields.has("attribute-sub-type")) {
        subType = type == AttributeType.DOCUMENT ? AttributeSubType.DYNAMODB_MAP
            : AttributeSubType.STRING;
      }
      ObjectMapping.Value value = value(fields, node.get("value"), "value");
      if (target != null && !names.add(target)) {
        fields.problem("target-attribute-name", "'" + target + "' is mapped twice");
      }
      if (type == AttributeType.SCALAR && (subType == AttributeSubType.DYNAMODB_MAP
          || value instanceof ObjectMapping.Fields)) {
        fields.problem("attribute-sub-type", "of a scalar is string or number with a text value");
      } else if (type == AttributeType.DOCUMENT && subType == AttributeSubType.DYNAMODB_MAP
          && value != null && !(value instanceof ObjectMapping.Fields)) {
        fields.problem("value", "of a dynamodb-map document must be an object in DynamoDB JSON"
            + " ({\"M\": {...}})");
      }
      if (target != null && type != null && subType != null && value != null) {
        mappings.add(new AttributeMapping(target, type, subType, value));
      }
    }
    return mappings;
  }

  /** A text template, or an object of them (DynamoDB's typed JSON for documents). */
  private static ObjectMapping.Value value(JsonFields fields, JsonNode node, String path) {
    if (node == null || node.isNull()) {
      fields.problem(path, "is missing");
      return null;
    }
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return new ObjectMapping.Template(node.asText());
    }
    if (node.isObject()) {
      Map<String, ObjectMapping.Value> members = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        ObjectMapping.Value value = value(fields, member.getValue(),
            path + "." + member.getKey());
        if (value == null) {
          return null;
        }
        members.put(member.getKey(), value);
      }
      return new ObjectMapping.Fields(members);
    }
    fields.problem(path, "must be a text or an object, got " + JsonFields.show(node));
    return null;
  }
}
