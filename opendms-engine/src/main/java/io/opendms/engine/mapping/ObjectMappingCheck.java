package io.opendms.engine.mapping;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.KeyAttribute;
import io.opendms.spi.target.ObjectMapping.StreamKeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an object-mapping rule against the columns of one table it names (after the
 * transformation rules): the columns it excludes and reads exist, and each key attribute is a
 * column or an attribute it maps. One message per problem, each naming the rule-id and field.
 */
final class ObjectMappingCheck {
  private ObjectMappingCheck() {}

  static ObjectMapping check(ObjectMappingRule rule, TableId table, List<Column> columns) {
    ObjectMapping mapping = rule.mapping();
    Set<String> names = columns.stream().map(Column::name).collect(Collectors.toSet());
    Set<String> mapped = mapping.attributeMappings().stream()
        .map(AttributeMapping::targetAttributeName).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    String label = "rule-id " + rule.ruleId() + ": mapping-parameters.";
    String notColumn = ", which is not a column of " + table;
    for (String excluded : mapping.excludeColumns()) {
      if (!names.contains(excluded)) {
        problems.add(label + "exclude-columns names '" + excluded + "'" + notColumn);
      }
    }
    List<AttributeMapping> attributes = mapping.attributeMappings();
    for (int i = 0; i < attributes.size(); i++) {
      for (String read : attributes.get(i).value().columns()) {
        if (!names.contains(read)) {
          problems.add(label + "attribute-mappings[" + i + "].value reads ${" + read + "}"
              + notColumn);
        }
      }
    }
    key(mapping.partitionKey(), "partition-key-name", names, mapped, label, table, problems);
    mapping.partitionKeyValue().ifPresent(value -> {
      if (mapping.streamKeyType().orElse(null) == StreamKeyType.ATTRIBUTE_NAME
          && mapping.partitionKey().isEmpty()) {
        key(Optional.of(new KeyAttribute(value, Optional.empty())), "partition-key.value", names,
            mapped, label, table, problems);
      }
      for (String read : new ObjectMapping.Template(value).columns()) {
        if (!names.contains(read)) {
          problems.add("rule-id " + rule.ruleId() + ": partition-key.value reads ${" + read + "}"
              + notColumn);
        }
      }
    });
    key(mapping.sortKey(), "sort-key-name", names, mapped, label, table, problems);
    if (!problems.isEmpty()) {
      throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, String.join("; ", problems));
    }
    return mapping;
  }

  private static void key(Optional<KeyAttribute> key, String field, Set<String> columns,
      Set<String> mapped, String label, TableId table, List<String> problems) {
    key.map(KeyAttribute::name)
        .filter(name -> !columns.contains(name) && !mapped.contains(name))
        .ifPresent(name -> problems.add(label + field + " '" + name + "' is neither a column of "
            + table + " nor a target-attribute-name of attribute-mappings"));
  }
}
