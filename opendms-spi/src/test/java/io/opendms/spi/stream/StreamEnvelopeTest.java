package io.opendms.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.BeforeImage;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamEnvelopeTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-05T10:00:01.123456Z"), ZoneOffset.UTC);
  private static final TargetTable ITEMS = new TargetTable(new TableId("inventory", "items"),
      "postgres",
      List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"),
          new Column("sku", DataType.string(DmsType.WSTRING, 10), true, "text"),
          new Column("price", DataType.numeric(10, 2), true, "numeric(10,2)"),
          new Column("photo", DataType.of(DmsType.BYTES), true, "bytea"),
          new Column("added", DataType.of(DmsType.DATE), true, "date")),
      List.of("id"));

  private static StreamEnvelope.Options options(boolean details, boolean nulls) {
    return new StreamEnvelope.Options(false, details, details, details, nulls, false,
        Optional.of(new BeforeImage("before-image", BeforeImage.Columns.ALL)));
  }

  @Test
  void columnsAreTheDataObjectAloneOnOneLineAndKeyTextsTheKeysValues() {
    StreamEnvelope envelope = new StreamEnvelope(options(false, true), CLOCK);
    List<Object> row = java.util.Arrays.asList(7, "", new BigDecimal("1.50"), new byte[] {1, -1},
        null);
    assertThat(envelope.columns(ITEMS, row, List.of(3)))
        .isEqualTo("{\"id\":7,\"sku\":\"\",\"price\":1.50,\"added\":null}");
    assertThat(envelope.keyTexts(ITEMS, row)).containsExactly("7");
  }

  @Test
  void aLoadedRowIsDataAndMetadataInDmsOrderWithoutNullColumns() {
    var envelope = new StreamEnvelope(options(false, false), CLOCK);

    var message = envelope.load(ITEMS, new Object[] {7, "A-7", new BigDecimal("3.50"),
        new byte[] {1, (byte) 0xAB}, null});

    assertThat(message.key()).isEqualTo("7");
    assertThat(message.json()).isEqualTo("{\"data\":{\"id\":7,\"sku\":\"A-7\",\"price\":3.50,"
        + "\"photo\":\"0x01AB\"},\"metadata\":{\"timestamp\":\"2025-01-05T10:00:01.123456Z\","
        + "\"record-type\":\"data\",\"operation\":\"load\",\"partition-key-type\":\"primary-key\","
        + "\"schema-name\":\"inventory\",\"table-name\":\"items\"}}");
  }

  @Test
  void theBeforeImageHoldsTheColumnsColumnFilterChooses() {
    var update = RowChange.of(ITEMS.id(), RowChange.Operation.UPDATE,
        new Object[] {7, "A-7", new BigDecimal("3.50"), new byte[] {1}, null},
        new Object[] {7, "B-7", new BigDecimal("3.50"), new byte[] {1}, null}, List.of());
    var itemsWithPhotoLob = new TargetTable(ITEMS.id(), "postgres",
        ITEMS.columns().stream().map(c -> c.name().equals("photo")
            ? new Column("photo", DataType.of(DmsType.BLOB), true, "bytea") : c).toList(),
        ITEMS.primaryKey());

    assertThat(beforeImage(itemsWithPhotoLob, update, BeforeImage.Columns.PK_ONLY))
        .isEqualTo("{\"id\":7}");
    assertThat(beforeImage(itemsWithPhotoLob, update, BeforeImage.Columns.NON_LOB))
        .isEqualTo("{\"id\":7,\"sku\":\"A-7\",\"price\":3.50}");
    assertThat(beforeImage(itemsWithPhotoLob, update, BeforeImage.Columns.ALL))
        .isEqualTo("{\"id\":7,\"sku\":\"A-7\",\"price\":3.50,\"photo\":\"0x01\"}");
  }

  private static String beforeImage(TargetTable table, RowChange change,
      BeforeImage.Columns columns) {
    var options = new StreamEnvelope.Options(false, false, false, false, true, false,
        Optional.of(new BeforeImage("old", columns)));
    String json = new StreamEnvelope(options, CLOCK).change(table, change, null).json();
    int start = json.indexOf("\"old\":") + "\"old\":".length();
    return json.substring(start, json.indexOf('}', start) + 1);
  }

  @Test
  void anUpdateCarriesTheBeforeImageAndTheTransactionDetailsWhenAsked() {
    var envelope = new StreamEnvelope(options(true, true), CLOCK);
    var update = RowChange.of(ITEMS.id(), RowChange.Operation.UPDATE,
        new Object[] {7, null, null, null, null},
        new Object[] {7, "A\"7", null, null, LocalDate.of(2025, 1, 5)}, List.of(3));

    var message = envelope.change(ITEMS, update, new StreamEnvelope.Transaction(9324410911751L, 1,
        Optional.of(new long[] {9324410910341L, 10}), Instant.parse("2025-01-05T10:00:00Z")));

    assertThat(message.key()).isEqualTo("inventory.items.7");
    assertThat(message.json()).isEqualTo("{\"data\":{\"id\":7,\"sku\":\"A\\\"7\",\"price\":null,"
        + "\"added\":\"2025-01-05\"},\"before-image\":{\"id\":7},\"metadata\":{"
        + "\"timestamp\":\"2025-01-05T10:00:01.123456Z\",\"record-type\":\"data\","
        + "\"operation\":\"update\",\"partition-key-type\":\"primary-key\","
        + "\"partition-key-value\":\"inventory.items.7\",\"schema-name\":\"inventory\","
        + "\"table-name\":\"items\",\"transaction-id\":9324410911751,\"transaction-record-id\":1,"
        + "\"prev-transaction-id\":9324410910341,\"prev-transaction-record-id\":10,"
        + "\"commit-timestamp\":\"2025-01-05T10:00:00.000000Z\"}}");
  }

  @Test
  void jsonFormatIsIndentedAndADeleteCarriesTheOldKey() {
    var envelope = new StreamEnvelope(new StreamEnvelope.Options(true, false, false, false, false,
        true, Optional.empty()), CLOCK);
    var delete = RowChange.of(ITEMS.id(), RowChange.Operation.DELETE,
        new Object[] {7, null, null, null, null}, null, List.of());

    var message = envelope.change(ITEMS, delete, new StreamEnvelope.Transaction(5, 1,
        Optional.empty(), Instant.parse("2025-01-05T10:00:00Z")));

    assertThat(message.json()).startsWith("{\n  \"data\": {\n    \"id\": 7\n  },\n  \"metadata\": {\n"
        + "    \"timestamp\": \"2025-01-05T10:00:01.123456Z\",\n").contains("\"operation\": \"delete\"")
        .endsWith("\"table-name\": \"items\"\n  }\n}");
  }

  @Test
  void timesAndTimestampsAlwaysCarryTheirSeconds() {
    var envelope = new StreamEnvelope(options(false, false), CLOCK);
    assertThat(envelope.text(java.time.LocalTime.of(12, 30))).isEqualTo("12:30:00");
    assertThat(envelope.text(java.time.LocalTime.of(12, 30, 0, 120_000_000)))
        .isEqualTo("12:30:00.12");
    assertThat(envelope.text(java.time.OffsetTime.of(12, 30, 0, 0, ZoneOffset.ofHours(2))))
        .isEqualTo("12:30:00+02:00");
    assertThat(envelope.text(java.time.LocalDateTime.of(2026, 1, 1, 0, 0)))
        .isEqualTo("2026-01-01T00:00:00");
    assertThat(envelope.text(java.time.LocalDateTime.of(2026, 1, 1, 0, 0, 5, 123_456_000)))
        .isEqualTo("2026-01-01T00:00:05.123456");
    assertThat(envelope.text(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo("2026-01-01T00:00:00Z");
  }
}
