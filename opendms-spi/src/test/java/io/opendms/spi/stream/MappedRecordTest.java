package io.opendms.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.BeforeImage;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.ObjectMapping.Action;
import io.opendms.spi.target.ObjectMapping.AttributeMapping;
import io.opendms.spi.target.ObjectMapping.AttributeSubType;
import io.opendms.spi.target.ObjectMapping.AttributeType;
import io.opendms.spi.target.ObjectMapping.KeyAttribute;
import io.opendms.spi.target.ObjectMapping.StreamKeyType;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One row's message under an object-mapping rule, as Kafka and Kinesis send it. */
class MappedRecordTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-05T10:00:01.123456Z"), ZoneOffset.UTC);
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT4), false, "integer"),
      new Column("first", DataType.string(DmsType.WSTRING, 20), true, "text"),
      new Column("last", DataType.string(DmsType.WSTRING, 20), true, "text"),
      new Column("phone", DataType.string(DmsType.WSTRING, 20), true, "text"),
      new Column("born", DataType.of(DmsType.DATE), true, "date"),
      new Column("balance", DataType.numeric(10, 2), true, "numeric(10,2)"));
  private static final Object[] ADA = {7, "Ada", "Lovelace", "555", LocalDate.of(1815, 12, 10),
      new BigDecimal("12.50")};

  private static AttributeMapping scalar(String name, AttributeSubType type, String value) {
    return new AttributeMapping(name, AttributeType.SCALAR, type, new ObjectMapping.Template(value));
  }

  private static AttributeMapping contact() {
    Map<String, ObjectMapping.Value> home = new LinkedHashMap<>();
    home.put("Phone", new ObjectMapping.Template("${phone}"));
    home.put("Since", new ObjectMapping.Template("${born}"));
    Map<String, ObjectMapping.Value> members = new LinkedHashMap<>();
    members.put("Home", new ObjectMapping.Fields(home));
    members.put("Id", new ObjectMapping.Template("${id}"));
    return new AttributeMapping("Contact", AttributeType.DOCUMENT, AttributeSubType.JSON,
        new ObjectMapping.Fields(members));
  }

  private static TargetTable table(Action action, Optional<StreamKeyType> keyType,
      Optional<String> keyName, Optional<String> constant, List<String> excluded,
      AttributeMapping... attributes) {
    var mapping = new ObjectMapping(2, action, Optional.empty(),
        keyName.map(name -> new KeyAttribute(name, Optional.empty())), Optional.empty(), keyType,
        excluded, List.of(attributes), Optional.empty(), constant);
    return new TargetTable(new TableId("test", "customer"), "postgres", COLUMNS, List.of("id"),
        Optional.of(mapping));
  }

  private static TargetTable keyedBy(Optional<StreamKeyType> type, Optional<String> name,
      Optional<String> constant) {
    return table(Action.MAP_RECORD_TO_RECORD, type, name, constant, List.of());
  }

  private static StreamEnvelope envelope(boolean nulls) {
    return new StreamEnvelope(new StreamEnvelope.Options(false, false, true, true, nulls, false,
        Optional.of(new BeforeImage("before-image", BeforeImage.Columns.ALL))), CLOCK);
  }

  private static String data(String json) {
    return json.substring(0, json.indexOf(",\"metadata\""));
  }

  private static String metadata(String json, String member) {
    int start = json.indexOf("\"" + member + "\":\"");
    return start < 0 ? null
        : json.substring(start + member.length() + 4, json.indexOf('"', start + member.length() + 4));
  }

  @Test
  void recordToRecordLeavesOutExcludedColumnsAndAddsTheMappedAttributes() {
    TargetTable table = table(Action.MAP_RECORD_TO_RECORD,
        Optional.of(StreamKeyType.ATTRIBUTE_NAME), Optional.of("CustomerName"), Optional.empty(),
        List.of("first", "last", "phone"),
        scalar("CustomerName", AttributeSubType.STRING, "${last}, ${first}"), contact(),
        scalar("Score", AttributeSubType.NUMBER, "${balance}"));

    var message = envelope(false).load(table, ADA);

    assertThat(data(message.json())).isEqualTo("{\"data\":{\"id\":7,\"born\":\"1815-12-10\","
        + "\"balance\":12.50,\"CustomerName\":\"Lovelace, Ada\",\"Contact\":{\"Home\":{"
        + "\"Phone\":\"555\",\"Since\":\"1815-12-10\"},\"Id\":7},\"Score\":12.50}");
    assertThat(message.key()).isEqualTo("Lovelace, Ada");
    assertThat(metadata(message.json(), "partition-key-type")).isEqualTo("attribute-name");
    assertThat(metadata(message.json(), "partition-key-value")).isEqualTo("Lovelace, Ada");
  }

  @Test
  void recordToDocumentFoldsTheColumnsIntoDocAndAConstantKeyFillsItsPlaceholders() {
    TargetTable table = table(Action.MAP_RECORD_TO_DOCUMENT, Optional.empty(), Optional.empty(),
        Optional.of("shard-${born}"), List.of("phone", "balance"),
        scalar("Name", AttributeSubType.STRING, "${first} ${last}"));

    var message = envelope(false).load(table, ADA);

    assertThat(data(message.json())).isEqualTo("{\"data\":{\"_doc\":{\"id\":7,\"first\":\"Ada\","
        + "\"last\":\"Lovelace\",\"born\":\"1815-12-10\"},\"Name\":\"Ada Lovelace\"}");
    assertThat(message.key()).isEqualTo("shard-1815-12-10");
    assertThat(metadata(message.json(), "partition-key-type")).isEqualTo("constant");
  }

  @Test
  void aMappedAttributeReplacesTheColumnOfItsNameAndNullColumnsGiveEmptyText() {
    TargetTable table = table(Action.MAP_RECORD_TO_RECORD, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), scalar("phone", AttributeSubType.STRING, "tel:${phone}"),
        scalar("Missing", AttributeSubType.STRING, "${first}"), contact());
    Object[] row = {7, null, "Lovelace", "555", null, null};

    String json = envelope(false).load(table, row).json();

    assertThat(data(json)).isEqualTo("{\"data\":{\"id\":7,\"last\":\"Lovelace\","
        + "\"phone\":\"tel:555\",\"Contact\":{\"Home\":{\"Phone\":\"555\"},\"Id\":7}}");
    assertThat(data(envelope(true).load(table, row).json())).contains("\"first\":null",
        "\"Missing\":\"\"", "\"Since\":null");
  }

  @Test
  void theKeyFollowsPartitionKeyType() {
    var envelope = envelope(false);
    assertThat(envelope.load(keyedBy(Optional.empty(), Optional.empty(), Optional.empty()), ADA)
        .key()).as("map-record-to-record without a key").isEqualTo("test.customer");
    assertThat(envelope.load(keyedBy(Optional.of(StreamKeyType.PRIMARY_KEY), Optional.empty(),
        Optional.empty()), ADA).key()).isEqualTo("test.customer.7");
    assertThat(envelope.load(keyedBy(Optional.empty(), Optional.of("last"), Optional.empty()),
        ADA).key()).as("a column named without a type").isEqualTo("Lovelace");
    assertThat(envelope.load(keyedBy(Optional.empty(), Optional.empty(), Optional.of("last")),
        ADA).key()).as("partition-key.value naming a column").isEqualTo("Lovelace");
    assertThat(envelope.load(keyedBy(Optional.of(StreamKeyType.CONSTANT), Optional.empty(),
        Optional.of("last")), ADA).key()).as("a constant that is a column's name").isEqualTo("last");

    TargetTable byTransaction = keyedBy(Optional.of(StreamKeyType.TRANSACTION_ID),
        Optional.empty(), Optional.empty());
    var insert = RowChange.of(byTransaction.id(), RowChange.Operation.INSERT, null, ADA, List.of());
    var message = envelope.change(byTransaction, insert, new StreamEnvelope.Transaction(9324410911751L,
        1, Optional.empty(), Instant.parse("2025-01-05T10:00:00Z")));
    assertThat(message.key()).isEqualTo("9324410911751");
    assertThat(metadata(message.json(), "partition-key-type")).isEqualTo("transaction-id");
    assertThat(envelope.load(byTransaction, ADA).key()).as("a full-load row has no transaction")
        .isEqualTo("test.customer");
  }

  @Test
  void aKeyWhoseColumnsAreNullIsSchemaTableWithoutPartitionValue() {
    TargetTable table = keyedBy(Optional.of(StreamKeyType.ATTRIBUTE_NAME), Optional.of("phone"),
        Optional.empty());
    var delete = RowChange.of(table.id(), RowChange.Operation.DELETE,
        new Object[] {7, null, null, null, null, null}, null, List.of());

    var message = envelope(false).change(table, delete, new StreamEnvelope.Transaction(5, 1,
        Optional.empty(), Instant.parse("2025-01-05T10:00:00Z")));

    assertThat(message.key()).isEqualTo("test.customer");
    assertThat(metadata(message.json(), "partition-key-type")).isEqualTo("schema-table");
    assertThat(message.json()).doesNotContain("partition-key-value");
  }

  @Test
  void unchangedColumnsLeaveOutTheAttributesReadingThemAndExcludedColumnsTheBeforeImage() {
    TargetTable table = table(Action.MAP_RECORD_TO_RECORD, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of("phone"), scalar("Name", AttributeSubType.STRING, "${first}"),
        scalar("Tel", AttributeSubType.STRING, "${phone}"));
    var update = RowChange.of(table.id(), RowChange.Operation.UPDATE,
        new Object[] {7, "Ada", null, "555", null, null},
        new Object[] {7, null, "Byron", "556", null, null}, List.of(1));

    String json = envelope(false).change(table, update, new StreamEnvelope.Transaction(5, 1,
        Optional.empty(), Instant.parse("2025-01-05T10:00:00Z"))).json();

    assertThat(json).startsWith("{\"data\":{\"id\":7,\"last\":\"Byron\",\"Tel\":\"556\"},"
        + "\"before-image\":{\"id\":7,\"first\":\"Ada\"},");
  }

  @Test
  void aTableWithoutARuleIsUnchanged() {
    TargetTable plain = new TargetTable(new TableId("test", "customer"), "postgres", COLUMNS,
        List.of("id"));
    var message = envelope(false).load(plain, Arrays.copyOf(ADA, ADA.length));
    assertThat(message.key()).isEqualTo("test.customer.7");
    assertThat(data(message.json())).isEqualTo("{\"data\":{\"id\":7,\"first\":\"Ada\","
        + "\"last\":\"Lovelace\",\"phone\":\"555\",\"born\":\"1815-12-10\",\"balance\":12.50}");
    assertThat(metadata(message.json(), "partition-key-type")).isEqualTo("primary-key");
  }
}
