package io.opendms.spi.stream;

import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.StreamKeyType;
import io.opendms.spi.target.TargetTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a table's {@code object-mapping} rule makes of one row's streaming message, as DMS's Kafka
 * and Kinesis targets do: the members of {@code data} and the partition key. Shared by every
 * streaming target through {@link StreamEnvelope}. Stateless.
 *
 * <p>{@code data}: with {@code map-record-to-record} one member per column not in {@code
 * exclude-columns} (valued as without a rule), with {@code map-record-to-document} those columns
 * folded into one object {@code _doc}; then one member per attribute mapping, whose {@code
 * ${column}} placeholders take the columns' texts (a NULL column gives empty text). A column and
 * an attribute mapping of the same name give one member, the mapping's.
 */
final class MappedRecord {
  /** DMS's name of the object that {@code map-record-to-document} folds columns into. */
  static final String DOCUMENT = "_doc";

  private MappedRecord() {}

  /**
   * The message key and how it was found ({@code metadata.partition-key-type}).
   *
   * @param type DMS's {@code partition-key-type}
   * @param value the key
   */
  record PartitionKey(String type, String value) {}

  /** One row being mapped: its values and the columns its source left out as unchanged. */
  private record Row(StreamEnvelope envelope, TargetTable table, List<Object> values,
      List<Integer> unchanged) {
    /** A column's text for a placeholder: empty when NULL, unknown or not sent. */
    String text(String column) {
      int index = table.columnIndex(column);
      if (index < 0 || unchanged.contains(index) || values.get(index) == null) {
        return "";
      }
      return envelope.text(values.get(index));
    }

    /** Whether a column the mapping reads was left out as unchanged: its value is unknown. */
    boolean unknown(String column) {
      return unchanged.contains(table.columnIndex(column));
    }
  }

  /** Writes the members of {@code data} for {@code row}. */
  static void data(StreamEnvelope envelope, JsonText json, TargetTable table,
      ObjectMapping mapping, List<Object> values, List<Integer> unchanged) {
    Row row = new Row(envelope, table, values, unchanged);
    boolean document = mapping.action() == Action.MAP_RECORD_TO_DOCUMENT;
    if (document) {
      json.beginObject(DOCUMENT);
    }
    for (int i = 0; i < values.size(); i++) {
      String name = table.columns().get(i).name();
      if (!unchanged.contains(i) && !mapping.excludeColumns().contains(name)
          && (document || !mapped(mapping, name))) {
        envelope.value(json, name, values.get(i));
      }
    }
    if (document) {
      json.endObjectUnlessEmpty();
    }
    for (AttributeMapping attribute : mapping.attributeMappings()) {
      if (attribute.value().columns().stream().noneMatch(row::unknown)) {
        attribute(json, attribute.targetAttributeName(), attribute, attribute.value(), row);
      }
    }
  }

  /**
   * The partition key of {@code row}, by the rule's {@code partition-key-type}: {@code
   * primary-key} (the key's values, as without a rule), {@code schema-table}, {@code
   * transaction-id} (the source transaction's id; a full-load row has none and is keyed by
   * {@code schema.table}), {@code constant} ({@code partition-key.value}, whose {@code ${column}}
   * placeholders are filled in) or {@code attribute-name} (the text of the column or mapped
   * attribute {@code partition-key-name}, else the one {@code partition-key.value} names).
   * Without a type: {@code attribute-name} when the rule names {@code partition-key-name} or its
   * {@code partition-key.value} is the name of a column or mapped attribute, {@code constant} for
   * another {@code partition-key.value} (DMS's constant key), else {@code schema-table}, DMS's key
   * of {@code map-record-to-record}. A key that comes out empty (its columns are NULL, or a
   * delete carries only the primary key) is {@code schema.table}.
   *
   * @param transaction the change's transaction id; null for a full-load row
   */
  static PartitionKey key(StreamEnvelope envelope, TargetTable table, ObjectMapping mapping,
      List<Object> values, List<Integer> unchanged, Long transaction) {
    Row row = new Row(envelope, table, values, unchanged);
    Optional<String> keyName = mapping.partitionKey().map(ObjectMapping.KeyAttribute::name)
        .or(() -> mapping.partitionKeyValue().filter(name -> names(mapping, table, name)));
    StreamKeyType type = mapping.streamKeyType().orElse(keyName.isPresent()
        ? StreamKeyType.ATTRIBUTE_NAME : mapping.partitionKeyValue().isPresent()
        ? StreamKeyType.CONSTANT : StreamKeyType.SCHEMA_TABLE);
    String value = switch (type) {
      case PRIMARY_KEY -> table.primaryKey().isEmpty() ? "" : envelope.key(table, values);
      case TRANSACTION_ID -> transaction == null ? "" : Long.toUnsignedString(transaction);
      case CONSTANT -> mapping.partitionKeyValue()
          .map(text -> new ObjectMapping.Template(text).render(row::text)).orElse("");
      case ATTRIBUTE_NAME -> keyName.or(mapping::partitionKeyValue)
          .map(name -> attributeText(name, mapping, row)).orElse("");
      case SCHEMA_TABLE -> "";
    };
    if (value.isEmpty()) {
      return new PartitionKey(StreamKeyType.SCHEMA_TABLE.dmsName(),
          table.id().schema() + "." + table.id().name());
    }
    return new PartitionKey(type.dmsName(), value);
  }

  /** Whether {@code name} is a column of the table or a mapped attribute. */
  private static boolean names(ObjectMapping mapping, TargetTable table, String name) {
    return table.columnIndex(name) >= 0 || mapped(mapping, name);
  }

  /** Whether an attribute mapping writes a member of that name. */
  private static boolean mapped(ObjectMapping mapping, String name) {
    for (AttributeMapping attribute : mapping.attributeMappings()) {
      if (attribute.targetAttributeName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The text of a key attribute: the mapped attribute of that name, else the column's. */
  private static String attributeText(String name, ObjectMapping mapping, Row row) {
    for (AttributeMapping attribute : mapping.attributeMappings()) {
      if (attribute.targetAttributeName().equals(name)) {
        if (attribute.value() instanceof ObjectMapping.Template template) {
          return template.render(row::text);
        }
        JsonText json = new JsonText(false); // a document: its JSON text on one line
        attribute(json, null, attribute, attribute.value(), row);
        return json.toString();
      }
    }
    return row.text(name);
  }

  /**
   * One mapped member. A scalar {@code string} is text; a scalar {@code number} is a JSON number
   * when its text is one (else text); a document's object value is a JSON object of its members;
   * in a document a value that is exactly one {@code ${column}} keeps the column's JSON type.
   * Empty texts and objects are left out unless {@code IncludeNullAndEmpty}.
   */
  private static void attribute(JsonText json, String name, AttributeMapping attribute,
      ObjectMapping.Value value, Row row) {
    if (value instanceof ObjectMapping.Fields fields) {
      json.beginObject(name);
      for (Map.Entry<String, ObjectMapping.Value> member : fields.members().entrySet()) {
        attribute(json, member.getKey(), attribute, member.getValue(), row);
      }
      json.endObjectUnlessEmpty();
      return;
    }
    ObjectMapping.Template template = (ObjectMapping.Template) value;
    Optional<String> single = template.singleColumn();
    if (attribute.type() == AttributeType.DOCUMENT && single.isPresent()
        && row.table().columnIndex(single.get()) >= 0) {
      row.envelope().value(json, name, row.values().get(row.table().columnIndex(single.get())));
      return;
    }
    String text = template.render(row::text);
    if (attribute.subType() == AttributeSubType.NUMBER && isNumber(text)) {
      json.raw(name, new BigDecimal(text).toString());
    } else {
      row.envelope().value(json, name, text);
    }
  }

  private static boolean isNumber(String text) {
    if (text.isEmpty() || text.charAt(0) == '+') {
      return false;
    }
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
