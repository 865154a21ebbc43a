package io.opendms.connector.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.KeyAttribute;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLayoutTest {
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
      new Column("first", DataType.of(DmsType.WSTRING), true, "text"),
      new Column("last", DataType.of(DmsType.WSTRING), true, "text"),
      new Column("price", DataType.numeric(10, 2), true, "numeric(10,2)"),
      new Column("active", DataType.of(DmsType.BOOLEAN), true, "boolean"),
      new Column("photo", DataType.of(DmsType.BYTES), true, "bytea"),
      new Column("seen", DataType.datetime(6), true, "timestamp"));
  private static final List<Object> ROW = Arrays.asList(7L, "Ada", "Lovelace",
      new BigDecimal("12.50"), true, new byte[] {1, 2}, LocalDateTime.of(2026, 1, 1, 0, 0));

  private static TargetTable table(List<String> key, ObjectMapping mapping) {
    return new TargetTable(new TableId("test", "customer"), "postgres", COLUMNS, key,
        Optional.ofNullable(mapping));
  }

  private static ObjectMapping mapping(Action action, KeyAttribute partition, KeyAttribute sort,
      List<String> excluded, List<AttributeMapping> attributes) {
    return new ObjectMapping(2, action, Optional.of("customer_t"), Optional.ofNullable(partition),
        Optional.ofNullable(sort), Optional.empty(), excluded, attributes, Optional.empty(),
        Optional.empty());
  }

  private static final AttributeMapping FULL_NAME = new AttributeMapping("name",
      AttributeType.SCALAR, AttributeSubType.STRING, new ObjectMapping.Template("${first} ${last}"));

  @Test
  void withoutARuleEachColumnIsAnAttributeOfItsTypeAndThePrimaryKeyTheKey() {
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), null));

    assertThat(layout.tableName()).isEqualTo("customer");
    assertThat(layout.keyDefinitions()).singleElement()
        .satisfies(d -> assertThat(d.attributeType()).isEqualTo(ScalarAttributeType.N));
    assertThat(layout.item(ROW)).isEqualTo(Map.of(
        "id", AttributeValue.fromN("7"), "first", AttributeValue.fromS("Ada"),
        "last", AttributeValue.fromS("Lovelace"), "price", AttributeValue.fromN("12.50"),
        "active", AttributeValue.fromBool(true),
        "photo", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})),
        "seen", AttributeValue.fromS("2026-01-01T00:00:00")));
  }

  @Test
  void numbersDynamoDbCannotHoldExactlyAreWrittenAsStrings() {
    assertThat(DynamoDbValues.attribute(new BigDecimal("1234567890.12345678901234567890123456789")))
        .isEqualTo(AttributeValue.fromS("1234567890.12345678901234567890123456789"));
    assertThat(DynamoDbValues.attribute(new BigDecimal("1E+200")))
        .isEqualTo(AttributeValue.fromS("1" + "0".repeat(200))); // plain, as the source wrote it
    assertThat(DynamoDbValues.attribute(1.5e-7)).isEqualTo(AttributeValue.fromN("0.00000015"));
    assertThat(DynamoDbValues.attribute(Double.NaN)).isEqualTo(AttributeValue.fromS("NaN"));
    assertThat(DynamoDbValues.attribute(new BigDecimal("0.00")))
        .isEqualTo(AttributeValue.fromN("0.00"));
  }

  @Test
  void nullColumnsAreLeftOutAsDmsLeavesThemOut() {
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), null));

    assertThat(layout.item(Arrays.asList(8L, null, null, null, null, null, null)))
        .isEqualTo(Map.of("id", AttributeValue.fromN("8")));
  }

  @Test
  void recordToRecordExcludesColumnsAndAddsMappedAttributesKeyedAsTheRuleSays() {
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), mapping(
        Action.MAP_RECORD_TO_RECORD, new KeyAttribute("name", Optional.empty()),
        new KeyAttribute("id", Optional.of(ObjectMapping.KeyType.STRING)),
        List.of("first", "last", "photo", "seen"), List.of(FULL_NAME))));

    assertThat(layout.tableName()).isEqualTo("customer_t");
    assertThat(layout.keyNames()).containsExactly("name", "id");
    assertThat(layout.item(ROW)).isEqualTo(Map.of(
        "name", AttributeValue.fromS("Ada Lovelace"), "id", AttributeValue.fromS("7"),
        "price", AttributeValue.fromN("12.50"), "active", AttributeValue.fromBool(true)));
  }

  @Test
  void recordToDocumentFoldsTheOtherColumnsIntoDoc() {
    AttributeMapping contact = new AttributeMapping("contact", AttributeType.DOCUMENT,
        AttributeSubType.DYNAMODB_MAP, new ObjectMapping.Fields(Map.of("M",
            new ObjectMapping.Fields(Map.of("last", new ObjectMapping.Fields(
                Map.of("S", new ObjectMapping.Template("${last}"))))))));
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), mapping(
        Action.MAP_RECORD_TO_DOCUMENT, new KeyAttribute("id", Optional.empty()), null,
        List.of("photo", "seen", "active"), List.of(contact))));

    Map<String, AttributeValue> item = layout.item(ROW);

    assertThat(item.keySet()).containsExactlyInAnyOrder("id", "_doc", "contact");
    assertThat(item.get("_doc").m()).isEqualTo(Map.of("first", AttributeValue.fromS("Ada"),
        "last", AttributeValue.fromS("Lovelace"), "price", AttributeValue.fromN("12.50")));
    assertThat(item.get("contact").m().get("last").s()).isEqualTo("Lovelace");
  }

  @Test
  void anUpdateWithoutItsUnchangedColumnsSetsWhatWasSentAndRemovesWhatBecameNull() {
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), mapping(
        Action.MAP_RECORD_TO_RECORD, null, null, List.of(), List.of(FULL_NAME))));

    DynamoDbLayout.Patch patch = layout.patch(
        Arrays.asList(7L, "Ada", null, null, false, null, null), List.of(2, 5));

    assertThat(patch.set()).isEqualTo(Map.of(List.of("first"), AttributeValue.fromS("Ada"),
        List.of("active"), AttributeValue.fromBool(false)));
    assertThat(patch.remove()).containsExactlyInAnyOrder(List.of("price"), List.of("seen"));
  }

  @Test
  void aTableWithoutKeyOrWithThreeKeyColumnsNeedsARuleNamingItsKeys() {
    assertThatThrownBy(() -> DynamoDbLayout.of(table(List.of(), null)))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("table test.customer has no primary key")
        .hasMessageContaining("partition-key-name");
    assertThatThrownBy(() -> DynamoDbLayout.of(table(List.of("id", "first", "last"), null)))
        .hasMessageContaining("a primary key of 3 columns");
  }

  @Test
  void aDeleteWhoseComputedKeyReadsUnloggedColumnsFailsNamingTheTable() {
    DynamoDbLayout layout = DynamoDbLayout.of(table(List.of("id"), mapping(
        Action.MAP_RECORD_TO_RECORD, new KeyAttribute("name", Optional.empty()), null,
        List.of(), List.of(new AttributeMapping("name", AttributeType.SCALAR,
            AttributeSubType.STRING, new ObjectMapping.Template("${first}"))))));

    assertThatThrownBy(() -> layout.key(Arrays.asList(7L, null, null, null, null, null, null)))
        .hasMessageContaining("a row of test.customer has no value for DynamoDB key attribute"
            + " 'name' of table customer_t");
  }
}
