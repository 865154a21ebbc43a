package io.opendms.spi.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a table-mapping {@code object-mapping} rule asks of a NoSQL or streaming target for one
 * table (DynamoDB items, Kafka topics): the engine reads and checks the rule, targets only read
 * this value. Column names in it are the target table's (after transformation rules).
 *
 * @param ruleId the rule's {@code rule-id}, for messages
 * @param action {@code rule-action}
 * @param targetTableName {@code target-table-name}: the target's own table (DynamoDB); empty keeps
 *     the table's name
 * @param partitionKey {@code mapping-parameters.partition-key-name} and {@code
 *     partition-key-type}; empty means the table's primary key decides
 * @param sortKey {@code sort-key-name} and {@code sort-key-type}
 * @param streamKeyType {@code partition-key-type} when it names how a stream keys its messages
 *     ({@code primary-key}, {@code schema-table}, ...) rather than a DynamoDB key type
 * @param excludeColumns {@code exclude-columns}: columns not written as attributes of their own
 *     (they may still feed attribute mappings)
 * @param attributeMappings {@code attribute-mappings} in document order
 * @param kafkaTargetTopic {@code kafka-target-topic}: the table's own topic
 * @param partitionKeyValue {@code partition-key.value}: a constant or a column naming the message
 *     key of a stream
 */
public record ObjectMapping(long ruleId, Action action, Optional<String> targetTableName,
    Optional<KeyAttribute> partitionKey, Optional<KeyAttribute> sortKey,
    Optional<StreamKeyType> streamKeyType, List<String> excludeColumns,
    List<AttributeMapping> attributeMappings, Optional<String> kafkaTargetTopic,
    Optional<String> partitionKeyValue) {

  public ObjectMapping {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetTableName, "targetTableName");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    Objects.requireNonNull(streamKeyType, "streamKeyType");
    Objects.requireNonNull(kafkaTargetTopic, "kafkaTargetTopic");
    Objects.requireNonNull(partitionKeyValue, "partitionKeyValue");
    excludeColumns = List.copyOf(excludeColumns);
    attributeMappings = List.copyOf(attributeMappings);
    if (sortKey.isPresent() && partitionKey.isEmpty()) {
      throw new IllegalArgumentException("rule-id " + ruleId + ": a sort key needs a partition key");
    }
  }

  /** {@code rule-action}. */
  public enum Action {
    /** One attribute per column, minus {@code exclude-columns}, plus the attribute mappings. */
    MAP_RECORD_TO_RECORD("map-record-to-record"),
    /** The key attributes, plus the other columns folded into one map attribute {@code _doc}. */
    MAP_RECORD_TO_DOCUMENT("map-record-to-document");

    private final String dmsName;

    Action(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /** A DynamoDB key attribute's scalar type ({@code partition-key-type}, {@code sort-key-type}). */
  public enum KeyType {
    STRING("string"),
    NUMBER("number"),
    BINARY("binary");

    private final String dmsName;

    KeyType(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /** How a stream (Kinesis, Kafka) keys messages: DMS's streaming {@code partition-key-type}. */
  public enum StreamKeyType {
    PRIMARY_KEY("primary-key"),
    SCHEMA_TABLE("schema-table"),
    TRANSACTION_ID("transaction-id"),
    CONSTANT("constant"),
    ATTRIBUTE_NAME("attribute-name");

    private final String dmsName;

    StreamKeyType(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /**
   * A key attribute.
   *
   * @param name the attribute's name: a column or an attribute mapping's target
   * @param type its type when the rule gives one; else the target derives it
   */
  public record KeyAttribute(String name, Optional<KeyType> type) {
    public KeyAttribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code attribute-type}. */
  public enum AttributeType {
    SCALAR("scalar"),
    DOCUMENT("document");

    private final String dmsName;

    AttributeType(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /** {@code attribute-sub-type}. */
  public enum AttributeSubType {
    STRING("string"),
    NUMBER("number"),
    /** A JSON text, written as the target's document. */
    JSON("json"),
    /** {@code value} is an object in DynamoDB's typed JSON ({@code {"M":{"a":{"S":"${c}"}}}}). */
    DYNAMODB_MAP("dynamodb-map");

    private final String dmsName;

    AttributeSubType(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /**
   * One {@code attribute-mappings} entry.
   *
   * @param targetAttributeName the attribute written
   * @param type scalar or document
   * @param subType what the value is
   * @param value the value, with {@code ${column}} templates in its text
   */
  public record AttributeMapping(String targetAttributeName, AttributeType type,
      AttributeSubType subType, Value value) {
    public AttributeMapping {
      Objects.requireNonNull(targetAttributeName, "targetAttributeName");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(subType, "subType");
      Objects.requireNonNull(value, "value");
    }
  }

  /** An attribute mapping's {@code value}: a text template or a nested object of them. */
  public sealed interface Value permits Template, Fields {
    /** The columns every {@code ${column}} in it names, in order of appearance. */
    Set<String> columns();
  }

  /**
   * A text with {@code ${column}} placeholders.
   *
   * @param text as written in the rule
   */
  public record Template(String text) implements Value {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public Template {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Set<String> columns() {
      Set<String> names = new LinkedHashSet<>();
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    }

    /** Whether the text is exactly one placeholder (the value is then the column's, typed). */
    public Optional<String> singleColumn() {
      Matcher matcher = PLACEHOLDER.matcher(text);
      return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The text with each placeholder replaced by {@code column}'s text of that column. */
    public String render(Function<String, String> column) {
      Matcher matcher = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(column.apply(matcher.group(1))));
      }
      matcher.appendTail(out);
      return out.toString();
    }
  }

  /**
   * A nested object of values (DynamoDB's typed JSON), members in document order.
   *
   * @param members by name
   */
  public record Fields(Map<String, Value> members) implements Value {
    public Fields {
      members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    @Override
    public Set<String> columns() {
      Set<String> names = new LinkedHashSet<>();
      members.values().forEach(v -> names.addAll(v.columns()));
      return names;
    }
  }

  /** Every column the attribute mappings read. */
  public List<String> templateColumns() {
    Set<String> names = new LinkedHashSet<>();
    attributeMappings.forEach(m -> names.addAll(m.value().columns()));
    return new ArrayList<>(names);
  }
}
