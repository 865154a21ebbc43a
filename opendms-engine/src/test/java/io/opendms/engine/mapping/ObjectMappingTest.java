package io.opendms.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.KeyType;
import io.opendms.spi.target.ObjectMapping.StreamKeyType;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectMappingTest {
  private static final TableDefinition CUSTOMER = new TableDefinition(
      new TableId("test", "customer"), "postgres",
      List.of(
          new Column("id", DataType.of(DmsType.INT4), false, "integer"),
          new Column("FirstName", DataType.string(DmsType.STRING, 20), true, "varchar(20)"),
          new Column("LastName", DataType.string(DmsType.STRING, 20), true, "varchar(20)"),
          new Column("HomePhone", DataType.string(DmsType.STRING, 20), true, "varchar(20)"),
          new Column("note", DataType.of(DmsType.CLOB), true, "text")),
      List.of("id"), 10, 8192);

  private static final String SELECT_ALL = """
      {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
       "object-locator": {"schema-name": "test", "table-name": "%"}}""";

  /** Table mappings of {@code rules} (object-mapping rules, comma-separated) after SELECT_ALL. */
  private static TableMappings withRules(String rules) {
    return TableMappings.parse("{\"rules\": [" + SELECT_ALL + "," + rules + "]}");
  }

  @Test
  void dynamoDbRecordToRecordRuleReachesTheTargetTable() {
    TableMappings mappings = withRules("""
        {"rule-type": "object-mapping", "rule-id": "2", "rule-name": "TransformToDDB",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "target-table-name": "customer_t",
         "mapping-parameters": {
           "partition-key-name": "CustomerName", "partition-key-type": "string",
           "sort-key-name": "id", "sort-key-type": "number",
           "exclude-columns": ["FirstName", "LastName", "HomePhone"],
           "attribute-mappings": [
             {"target-attribute-name": "CustomerName", "attribute-type": "scalar",
              "attribute-sub-type": "string", "value": "${FirstName},${LastName}"},
             {"target-attribute-name": "ContactDetails", "attribute-type": "document",
              "attribute-sub-type": "dynamodb-map",
              "value": {"M": {"Home": {"M": {"Phone": {"S": "${HomePhone}"}}}}}}]}}""");

    ObjectMapping mapping = mappings.transform(CUSTOMER, "").target().objectMapping().orElseThrow();

    assertThat(mapping.ruleId()).isEqualTo(2);
    assertThat(mapping.action()).isEqualTo(Action.MAP_RECORD_TO_RECORD);
    assertThat(mapping.targetTableName()).contains("customer_t");
    assertThat(mapping.partitionKey().orElseThrow().name()).isEqualTo("CustomerName");
    assertThat(mapping.partitionKey().orElseThrow().type()).contains(KeyType.STRING);
    assertThat(mapping.sortKey().orElseThrow().type()).contains(KeyType.NUMBER);
    assertThat(mapping.excludeColumns()).containsExactly("FirstName", "LastName", "HomePhone");
    assertThat(mapping.attributeMappings()).hasSize(2);
    var name = mapping.attributeMappings().get(0);
    assertThat(name.type()).isEqualTo(AttributeType.SCALAR);
    assertThat(((ObjectMapping.Template) name.value())
        .render(Map.of("FirstName", "Ada", "LastName", "Lovelace")::get))
        .isEqualTo("Ada,Lovelace");
    var contact = mapping.attributeMappings().get(1);
    assertThat(contact.subType()).isEqualTo(AttributeSubType.DYNAMODB_MAP);
    assertThat(contact.value().columns()).containsExactly("HomePhone");
  }

  @Test
  void kafkaRuleGivesTheTableItsTopicAndOtherTablesNone() {
    TableMappings mappings = withRules("""
        {"rule-type": "object-mapping", "rule-id": "2", "rule-name": "items-topic",
         "rule-action": "map-record-to-record", "kafka-target-topic": "inventory.customer",
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "partition-key": {"value": "id"},
         "mapping-parameters": {"partition-key-type": "attribute-name",
                                "exclude-columns": ["note"]}}""");

    ObjectMapping mapping = mappings.transform(CUSTOMER, "").target().objectMapping().orElseThrow();
    TableDefinition other = new TableDefinition(new TableId("test", "other"), "postgres",
        CUSTOMER.columns(), List.of("id"), 0, 0);

    assertThat(mapping.kafkaTargetTopic()).contains("inventory.customer");
    assertThat(mapping.partitionKeyValue()).contains("id");
    assertThat(mapping.streamKeyType()).contains(StreamKeyType.ATTRIBUTE_NAME);
    assertThat(mapping.partitionKey()).isEmpty();
    assertThat(mappings.transform(other, "").target().objectMapping()).isEqualTo(Optional.empty());
  }

  @Test
  void everyBadFieldIsNamedWithItsRuleId() {
    OpenDmsException error = catchThrowableOfType(OpenDmsException.class, () ->
        withRules("""
        {"rule-type": "object-mapping", "rule-id": "7", "rule-name": "bad",
         "rule-action": "map-record-to-table", "object-locator": {"schema-name": "test"},
         "mapping-parameters": {"partition-key-type": "text", "sort-key-name": "id",
           "attribute-mappings": [{"target-attribute-name": "x", "attribute-type": "vector",
                                   "value": "${id}"}], "extra": 1}}"""));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage())
        .contains("rule-id 7: rule-action must be one of map-record-to-record,"
            + " map-record-to-document, got 'map-record-to-table'")
        .contains("rule-id 7: object-locator.table-name is missing")
        .contains("rule-id 7: mapping-parameters.partition-key-type must be one of string,")
        .contains("rule-id 7: mapping-parameters.sort-key-name needs partition-key-name")
        .contains("rule-id 7: mapping-parameters.attribute-mappings[0].attribute-type must be"
            + " one of scalar, document, got 'vector'")
        .contains("rule-id 7: mapping-parameters.extra is not a field of mapping-parameters");
  }

  @Test
  void conditionExpressionsAreRefusedAsNotSupportedRatherThanIgnored() {
    OpenDmsException error = catchThrowableOfType(OpenDmsException.class, () ->
        withRules("""
        {"rule-type": "object-mapping", "rule-id": "5", "rule-name": "5",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "mapping-parameters": {"partition-key-name": "id",
           "condition-expression": {"expression": "attribute_not_exists(id)"}}}"""));

    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.getMessage()).contains("rule-id 5 (object-mapping):"
        + " mapping-parameters.condition-expression is not supported yet");
  }

  @Test
  void columnsTheRuleNamesMustExistInTheTable() {
    TableMappings mappings = withRules("""
        {"rule-type": "object-mapping", "rule-id": "4", "rule-name": "4",
         "rule-action": "map-record-to-document", "partition-key": {"value": "shard-${nope}"},
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "mapping-parameters": {"partition-key-name": "pk", "exclude-columns": ["nope"],
           "attribute-mappings": [{"target-attribute-name": "n", "attribute-type": "scalar",
                                   "value": "${missing} ${id}"}]}}""");

    OpenDmsException error = catchThrowableOfType(OpenDmsException.class,
        () -> mappings.transform(CUSTOMER, ""));

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TABLE_MAPPINGS);
    assertThat(error.getMessage())
        .contains("rule-id 4: mapping-parameters.exclude-columns names 'nope', which is not a"
            + " column of test.customer")
        .contains("rule-id 4: mapping-parameters.attribute-mappings[0].value reads ${missing},"
            + " which is not a column of test.customer")
        .contains("rule-id 4: mapping-parameters.partition-key-name 'pk' is neither a column of"
            + " test.customer nor a target-attribute-name of attribute-mappings")
        .contains("rule-id 4: partition-key.value reads ${nope}, which is not a column of"
            + " test.customer");
  }

  @Test
  void aConstantPartitionKeyInMappingParametersAsDmsKinesisPageWritesIt() {
    TableMappings mappings = withRules("""
        {"rule-type": "object-mapping", "rule-id": "3", "rule-name": "3",
         "rule-action": "map-record-to-document",
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "mapping-parameters": {"partition-key-type": "constant",
           "partition-key": {"value": "ConstantPartitionKey"}, "exclude-columns": ["note"]}}""");

    ObjectMapping mapping = mappings.transform(CUSTOMER, "").target().objectMapping().orElseThrow();

    assertThat(mapping.streamKeyType()).contains(StreamKeyType.CONSTANT);
    assertThat(mapping.partitionKeyValue()).contains("ConstantPartitionKey");
  }

  @Test
  void streamKeyTypesNeedWhatTheyKeyBy() {
    OpenDmsException error = catchThrowableOfType(OpenDmsException.class, () ->
        withRules("""
        {"rule-type": "object-mapping", "rule-id": "8", "rule-name": "8",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "test", "table-name": "customer"},
         "mapping-parameters": {"partition-key-type": "constant"}},
        {"rule-type": "object-mapping", "rule-id": "9", "rule-name": "9",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "test", "table-name": "other"},
         "partition-key": {"value": "a"},
         "mapping-parameters": {"partition-key-type": "attribute-name",
           "partition-key": {"value": "b"}}},
        {"rule-type": "object-mapping", "rule-id": "10", "rule-name": "10",
         "rule-action": "map-record-to-record",
         "object-locator": {"schema-name": "test", "table-name": "third"},
         "mapping-parameters": {"partition-key-type": "attribute-name"}}"""));

    assertThat(error.getMessage())
        .contains("rule-id 8: mapping-parameters.partition-key-type constant needs"
            + " \"partition-key\": {\"value\": ...}")
        .contains("rule-id 9: partition-key is given twice")
        .contains("rule-id 10: mapping-parameters.partition-key-type attribute-name needs"
            + " partition-key-name");
  }
}
