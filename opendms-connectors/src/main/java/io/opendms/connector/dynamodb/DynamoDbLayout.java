package io.opendms.connector.dynamodb;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.KeyAttribute;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DmsType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * How one target table is laid out in DynamoDB, from its object-mapping rule or, without one,
 * DMS's default: a table of the table's name, keyed by its primary key (partition key, and sort
 * key for a second key column), one attribute per column. NULL values are left out, as DMS leaves
 * them out. Immutable and thread-safe.
 */
final class DynamoDbLayout {
  /** DMS's name of the map attribute that {@code map-record-to-document} folds columns into. */
  static final String DOCUMENT = "_doc";

  /**
   * One key attribute.
   *
   * @param column the column it copies; -1 when an attribute mapping computes it
   * @param mapping that attribute mapping; null for a column
   */
  record Key(String name, ScalarAttributeType type, int column, AttributeMapping mapping) {}

  private final TargetTable table;
  private final String tableName;
  private final Optional<ObjectMapping> mapping;
  private final List<Key> keys;
  /** Per column: written as an attribute of its own (or into {@code _doc}). */
  private final boolean[] written;

  private DynamoDbLayout(TargetTable table, String tableName, List<Key> keys, boolean[] written) {
    this.table = table;
    this.tableName = tableName;
    this.mapping = table.objectMapping();
    this.keys = List.copyOf(keys);
    this.written = written;
  }

  /** The layout of {@code table}; throws naming the table (and rule) when it has no key. */
  static DynamoDbLayout of(TargetTable table) {
    Optional<ObjectMapping> mapping = table.objectMapping();
    String name = mapping.flatMap(ObjectMapping::targetTableName).orElse(table.id().name());
    List<Key> keys = new ArrayList<>();
    if (mapping.isPresent() && mapping.get().partitionKey().isPresent()) {
      keys.add(key(table, mapping.get().partitionKey().get()));
      mapping.get().sortKey().ifPresent(sort -> keys.add(key(table, sort)));
    } else if (table.primaryKey().isEmpty() || table.primaryKey().size() > 2) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, "table " + table.id() + " has "
          + (table.primaryKey().isEmpty() ? "no primary key" : "a primary key of "
          + table.primaryKey().size() + " columns") + ": a DynamoDB key has a partition key and"
          + " at most a sort key; name them with partition-key-name and sort-key-name in an"
          + " object-mapping rule");
    } else {
      for (String column : table.primaryKey()) {
        keys.add(key(table, new KeyAttribute(column, Optional.empty())));
      }
    }
    boolean[] written = new boolean[table.columns().size()];
    for (int i = 0; i < written.length; i++) {
      String column = table.columns().get(i).name();
      written[i] = mapping.map(m -> !m.excludeColumns().contains(column)).orElse(true);
    }
    DynamoDbLayout layout = new DynamoDbLayout(table, name, keys, written);
    layout.checkDocuments();
    return layout;
  }

  private static Key key(TargetTable table, KeyAttribute key) {
    int column = table.columnIndex(key.name());
    AttributeMapping mapping = table.objectMapping().flatMap(m -> m.attributeMappings().stream()
        .filter(a -> a.targetAttributeName().equals(key.name())).findFirst()).orElse(null);
    if (mapping != null) {
      column = -1;
      if (mapping.type() != AttributeType.SCALAR) {
        throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, "rule-id "
            + table.objectMapping().get().ruleId() + ": key attribute '" + key.name()
            + "' is mapped as a document; a DynamoDB key is a string, number or binary");
      }
    }
    ScalarAttributeType type = key.type().map(DynamoDbLayout::scalar).orElseGet(() ->
        mapping != null ? (mapping.subType() == AttributeSubType.NUMBER ? ScalarAttributeType.N
            : ScalarAttributeType.S) : columnType(table.columns().get(table.columnIndex(key.name()))));
    return new Key(key.name(), type, column, mapping);
  }

  private static ScalarAttributeType scalar(ObjectMapping.KeyType type) {
    return switch (type) {
      case STRING -> ScalarAttributeType.S;
      case NUMBER -> ScalarAttributeType.N;
      case BINARY -> ScalarAttributeType.B;
    };
  }

  private static ScalarAttributeType columnType(Column column) {
    DmsType type = column.type().kind();
    return switch (type) {
      case INT1, INT2, INT4, INT8, UINT1, UINT2, UINT4, UINT8, NUMERIC, REAL4, REAL8 ->
          ScalarAttributeType.N;
      case BYTES, BLOB -> ScalarAttributeType.B;
      default -> ScalarAttributeType.S;
    };
  }

  /** Renders every document once with empty values, so a malformed one fails before loading. */
  private void checkDocuments() {
    for (AttributeMapping attribute : attributeMappings()) {
      if (attribute.subType() == AttributeSubType.DYNAMODB_MAP) {
        try {
          DynamoDbValues.document(attribute.value(), column -> "");
        } catch (IllegalArgumentException e) {
          throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, "rule-id "
              + mapping.get().ruleId() + ": mapping-parameters.attribute-mappings '"
              + attribute.targetAttributeName() + "' value: " + e.getMessage());
        }
      }
    }
  }

  String tableName() {
    return tableName;
  }

  TargetTable table() {
    return table;
  }

  List<KeySchemaElement> keySchema() {
    List<KeySchemaElement> schema = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      schema.add(KeySchemaElement.builder().attributeName(keys.get(i).name())
          .keyType(i == 0 ? KeyType.HASH : KeyType.RANGE).build());
    }
    return schema;
  }

  List<AttributeDefinition> keyDefinitions() {
    return keys.stream().map(k -> AttributeDefinition.builder().attributeName(k.name())
        .attributeType(k.type()).build()).toList();
  }

  List<String> keyNames() {
    return keys.stream().map(Key::name).toList();
  }

  /** The item of a row (values in the table's column order). */
  Map<String, AttributeValue> item(List<Object> row) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    boolean document = mapping.map(m -> m.action() == Action.MAP_RECORD_TO_DOCUMENT).orElse(false);
    Map<String, AttributeValue> folded = document ? new LinkedHashMap<>() : item;
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (written[i] && row.get(i) != null && !isKeyColumn(i)) {
        folded.put(columns.get(i).name(), DynamoDbValues.attribute(row.get(i)));
      }
    }
    if (document && !folded.isEmpty()) {
      item.put(DOCUMENT, AttributeValue.fromM(folded));
    }
    Function<String, String> text = columnText(row);
    for (AttributeMapping attribute : attributeMappings()) {
      attribute(attribute, text).ifPresent(v -> item.put(attribute.targetAttributeName(), v));
    }
    item.putAll(key(row));
    return item;
  }

  /**
   * The key of a row; throws naming the table when a key value is missing (a delete whose
   * source logged only the primary key, while the DynamoDB key is computed from other columns).
   */
  Map<String, AttributeValue> key(List<Object> row) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (Key part : keys) {
      Object value = part.column() >= 0 ? row.get(part.column()) : null;
      String text;
      if (part.column() < 0) {
        text = ((ObjectMapping.Template) part.mapping().value()).render(columnText(row));
      } else if (value == null) {
        text = "";
      } else {
        text = part.type() == ScalarAttributeType.N
            ? DynamoDbValues.number(value).orElse(DynamoDbValues.text(value))
            : DynamoDbValues.text(value);
      }
      if (value == null && text.isEmpty()) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "a row of " + table.id()
            + " has no value for DynamoDB key attribute '" + part.name() + "' of table "
            + tableName + (part.column() >= 0 ? "" : " (its columns are NULL or were not logged:"
            + " a source that logs only key columns of deleted rows needs REPLICA IDENTITY FULL"
            + " for keys computed from other columns)"));
      }
      key.put(part.name(), switch (part.type()) {
        case N -> AttributeValue.fromN(text);
        case B -> AttributeValue.fromB(value instanceof byte[] bytes ? SdkBytes.fromByteArray(bytes)
            : SdkBytes.fromString(text, StandardCharsets.UTF_8));
        default -> AttributeValue.fromS(text);
      });
    }
    return key;
  }

  /** The key of a row, or empty when a key value is missing from it. */
  Optional<Map<String, AttributeValue>> keyIfKnown(List<Object> row) {
    try {
      return Optional.of(key(row));
    } catch (OpenDmsException e) {
      return Optional.empty();
    }
  }

  /**
   * What an update that left out {@code unchanged} columns changes in the existing item: each
   * attribute (or {@code _doc} member) it sent is set, each column it sent as NULL removed;
   * attribute mappings that read an unchanged column keep their value.
   *
   * @param set attribute paths ({@code [name]} or {@code [_doc, column]}) and their values
   * @param remove attribute paths to remove
   */
  record Patch(Map<List<String>, AttributeValue> set, List<List<String>> remove) {}

  Patch patch(List<Object> sent, List<Integer> unchanged) {
    boolean document = mapping.map(m -> m.action() == Action.MAP_RECORD_TO_DOCUMENT).orElse(false);
    Map<String, AttributeValue> item = item(sent);
    keyNames().forEach(item::remove);
    List<String> names = table.columns().stream().map(Column::name).toList();
    for (AttributeMapping attribute : attributeMappings()) {
      if (attribute.value().columns().stream()
          .anyMatch(c -> unchanged.contains(names.indexOf(c)))) {
        item.remove(attribute.targetAttributeName());
      }
    }
    Map<List<String>, AttributeValue> set = new LinkedHashMap<>();
    item.forEach((name, value) -> {
      if (document && name.equals(DOCUMENT)) {
        value.m().forEach((column, member) -> set.put(List.of(DOCUMENT, column), member));
      } else {
        set.put(List.of(name), value);
      }
    });
    List<List<String>> remove = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (written[i] && sent.get(i) == null && !unchanged.contains(i) && !isKeyColumn(i)) {
        remove.add(document ? List.of(DOCUMENT, names.get(i)) : List.of(names.get(i)));
      }
    }
    return new Patch(set, remove);
  }

  private boolean isKeyColumn(int column) {
    return keys.stream().anyMatch(k -> k.column() == column);
  }

  private List<AttributeMapping> attributeMappings() {
    return mapping.map(ObjectMapping::attributeMappings).orElse(List.of());
  }

  private Function<String, String> columnText(List<Object> row) {
    return name -> DynamoDbValues.text(row.get(table.columnIndex(name)));
  }

  /** An attribute mapping's value; empty when every column it reads is NULL. */
  private static Optional<AttributeValue> attribute(AttributeMapping attribute,
      Function<String, String> text) {
    if (attribute.subType() == AttributeSubType.DYNAMODB_MAP) {
      return DynamoDbValues.document(attribute.value(), text);
    }
    String rendered = ((ObjectMapping.Template) attribute.value()).render(text);
    if (rendered.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(attribute.subType() == AttributeSubType.NUMBER
        ? AttributeValue.fromN(rendered) : AttributeValue.fromS(rendered));
  }
}
