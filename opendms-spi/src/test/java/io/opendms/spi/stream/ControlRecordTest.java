package io.opendms.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlRecordTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-05T10:00:01.123456Z"), ZoneOffset.UTC);
  private static final TableId ITEMS = new TableId("inventory", "items");
  private static final Column ID = new Column("id", DataType.of(DmsType.INT4), false, "integer");
  private static final Column SKU = new Column("sku", DataType.string(DmsType.WSTRING, 10), true, "text");
  private static final Column PRICE = new Column("price", DataType.numeric(10, 2), true, "numeric(10,2)");
  private static final TargetTable BEFORE = new TargetTable(ITEMS, "postgres", List.of(ID, SKU), List.of("id"));

  private static StreamTables tables(boolean alterOperations, boolean details) {
    var options = new StreamEnvelope.Options(false, false, false, false, false, false,
        Optional.empty(), alterOperations, details);
    return new StreamTables(List.of(BEFORE), new StreamEnvelope(options, CLOCK), "task-1");
  }

  @Test
  void anAddedColumnIsAControlRecordKeyedByTheTaskWithTheTableDefinition() {
    StreamTables tables = tables(true, true);
    SchemaChange change = SchemaChange.altered(ITEMS, BEFORE.columns(), List.of(ID, SKU, PRICE),
        Map.of(), Optional.empty());

    StreamEnvelope.Message message = tables.ddl(change).orElseThrow();

    assertThat(message.key()).isEqualTo("task-1");
    assertThat(message.json()).isEqualTo("{\"control\":{\"table-def\":{\"columns\":{"
        + "\"id\":{\"type\":\"INT4\",\"nullable\":false},"
        + "\"sku\":{\"type\":\"WSTRING\",\"length\":10,\"nullable\":true},"
        + "\"price\":{\"type\":\"NUMERIC\",\"precision\":10,\"scale\":2,\"nullable\":true}},"
        + "\"primary-key\":[\"id\"]}},"
        + "\"metadata\":{\"timestamp\":\"2025-01-05T10:00:01.123456Z\",\"record-type\":\"control\","
        + "\"operation\":\"add-column\",\"partition-key-type\":\"task-id\","
        + "\"schema-name\":\"inventory\",\"table-name\":\"items\"}}");
    assertThat(tables.table(ITEMS).columns()).containsExactly(ID, SKU, PRICE);
  }

  @Test
  void severalColumnChangesAreChangeColumnsAndADropIsDropTable() {
    StreamTables tables = tables(true, false);
    Column code = new Column("code", SKU.type(), true, "text");
    SchemaChange twoChanges = SchemaChange.altered(ITEMS, BEFORE.columns(), List.of(ID, code, PRICE),
        Map.of("sku", "code"), Optional.of("ALTER TABLE ..."));
    assertThat(tables.ddl(twoChanges).orElseThrow().json())
        .startsWith("{\"metadata\":").contains("\"operation\":\"change-columns\"");
    assertThat(tables.ddl(SchemaChange.dropped(ITEMS, Optional.empty())).orElseThrow().json())
        .contains("\"operation\":\"drop-table\"");
  }

  @Test
  void withoutAlterOperationsNoControlRecordIsSentButRowsFollowTheNewColumns() {
    StreamTables tables = tables(false, true);
    SchemaChange change = SchemaChange.altered(ITEMS, BEFORE.columns(), List.of(ID, PRICE),
        Map.of(), Optional.empty());
    assertThat(tables.ddl(change)).isEmpty();
    assertThat(tables.table(ITEMS).columns()).containsExactly(ID, PRICE);
  }

  @Test
  void renamesAreFollowedInTheKey() {
    Column key = new Column("item_id", ID.type(), false, "integer");
    SchemaChange change = SchemaChange.altered(ITEMS, BEFORE.columns(), List.of(key, SKU),
        Map.of("id", "item_id"), Optional.empty());
    assertThat(change.keyAfter(List.of("id"))).containsExactly("item_id");
    assertThat(change.columnChanges()).containsExactly(SchemaChange.ColumnChange.renamed("id", key));
  }
}
