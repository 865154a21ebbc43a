package io.opendms.connector.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.testkit.TestingOpenSearch;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connector against the local OpenSearch node: rows the index refuses count against
 * FullLoadErrorPercentage, CDC writes that OpenSearch refuses fail the delivery, values no field
 * type holds are kept in the document, and table preparation empties an index.
 */
class OpenSearchTargetIT {
  private final TestingOpenSearch openSearch = TestingOpenSearch.indices("os_conn");

  @AfterEach
  void cleanUp() {
    openSearch.close();
  }

  private TargetConnector connect(Map<String, String> settings) {
    URI url = URI.create(TestingOpenSearch.URL);
    return new OpenSearchTargetConnectorFactory().open(new EndpointConfig("opensearch",
        url.getHost(), url.getPort(), "", "", "", SslMode.DISABLE, settings));
  }

  private TargetTable table(String name, DataType valueType) {
    return new TargetTable(new TableId("public", openSearch.prefix() + name), "postgres", List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("v", valueType, true, "v")), List.of("id"));
  }

  /** An index made beforehand whose field v takes integers only: text in v is refused. */
  private TargetTable strictTable(String name) {
    TargetTable table = table(name, DataType.string(DmsType.STRING, 0));
    openSearch.request("PUT", OpenSearchDocuments.index(table),
        "{\"mappings\":{\"properties\":{\"v\":{\"type\":\"integer\"}}}}");
    return table;
  }

  private static long load(TargetConnector connector, TargetTable table, int rows, int badEvery) {
    try (TargetSession session = connector.openSession();
        RowLoad load = session.openRowLoad(table)) {
      for (int i = 1; i <= rows; i++) {
        load.accept(new Object[] {i, i % badEvery == 0 ? "not a number" : Integer.toString(i)});
      }
      return load.commit();
    } catch (Exception e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  @Test
  void refusedRowsWithinFullLoadErrorPercentageLeaveTheOthersLoaded() {
    TargetTable table = strictTable("within");
    try (TargetConnector connector = connect(Map.of("FullLoadErrorPercentage", "10"))) {
      connector.prepare(table, new TablePreparation(PrepMode.DO_NOTHING, false));
      assertThat(load(connector, table, 2000, 20)).as("rows written").isEqualTo(1900);
    }
    Map<String, JsonNode> documents = openSearch.documents(OpenSearchDocuments.index(table));
    assertThat(documents).hasSize(1900);
    assertThat(documents.values()).allMatch(d -> d.get("v").asInt() % 20 != 0);
  }

  @Test
  void refusedRowsBeyondFullLoadErrorPercentageStopTheLoad() {
    TargetTable table = strictTable("beyond");
    try (TargetConnector connector = connect(Map.of("FullLoadErrorPercentage", "2"))) {
      connector.prepare(table, new TablePreparation(PrepMode.DO_NOTHING, false));
      assertThatThrownBy(() -> load(connector, table, 2000, 20))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("full load of " + table.id() + " stopped")
          .hasMessageContaining("FullLoadErrorPercentage 2%")
          .hasMessageContaining("mapper_parsing_exception");
    }
  }

  @Test
  void aChangeOpenSearchRefusesFailsTheDelivery() {
    TargetTable table = strictTable("cdc");
    try (TargetConnector connector = connect(Map.of());
        ChangeDelivery delivery = ((OpenSearchTargetConnector) connector)
            .openDelivery(new ApplyRequest("t", List.of(table), false, ""))) {
      connector.prepare(table, new TablePreparation(PrepMode.DO_NOTHING, false));
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.INSERT, null,
          new Object[] {1, "7"}, List.of()));
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.DELETE,
          new Object[] {99, null}, null, List.of()));
      assertThat(delivery.flush()).as("a delete of a missing document is no error").isEqualTo(2);
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.INSERT, null,
          new Object[] {2, "two"}, List.of()));
      assertThatThrownBy(delivery::flush).isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("OpenSearch refused 1 changes")
          .hasMessageContaining(table.id().toString());
    }
  }

  @Test
  void updatesKeepUnsentColumnsMoveChangedKeysAndATruncationEmptiesTheIndex() {
    TargetTable table = new TargetTable(new TableId("public", openSearch.prefix() + "toast"),
        "postgres", List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"),
            new Column("big", DataType.of(DmsType.CLOB), true, "text"),
            new Column("n", DataType.of(DmsType.INT4), true, "integer")), List.of("id"));
    String index = OpenSearchDocuments.index(table);
    OpenSearchDocuments documents = new OpenSearchDocuments();
    try (TargetConnector connector = connect(Map.of());
        ChangeDelivery delivery = ((OpenSearchTargetConnector) connector)
            .openDelivery(new ApplyRequest("t", List.of(table), false, ""))) {
      connector.prepare(table, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.INSERT, null,
          new Object[] {1, "large text", 1}, List.of()));
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.INSERT, null,
          new Object[] {2, "other", 2}, List.of()));
      // PostgreSQL leaves an unchanged TOAST column out of the new row
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.UPDATE, null,
          new Object[] {1, null, 10}, List.of(1)));
      delivery.deliver(RowChange.of(table.id(), RowChange.Operation.UPDATE,
          new Object[] {2, null, null}, new Object[] {3, "other", 2}, List.of()));
      assertThat(delivery.flush()).isEqualTo(4);

      Map<String, JsonNode> stored = openSearch.documents(index);
      JsonNode first = stored.get(documents.id(table, List.of(1, "", 0)));
      assertThat(first.get("big").asText()).isEqualTo("large text");
      assertThat(first.get("n").asInt()).isEqualTo(10);
      assertThat(stored).hasSize(2).containsKey(documents.id(table, List.of(3, "", 0)))
          .doesNotContainKey(documents.id(table, List.of(2, "", 0)));

      delivery.deliver(new Truncate(List.of(table.id()), false));
      assertThat(delivery.flush()).isZero();
      assertThat(openSearch.documents(index)).isEmpty();
    }
  }

  @Test
  void valuesNoFieldTypeHoldsStayInTheDocumentAndPreparationEmptiesTheIndex() {
    TargetTable table = table("wide", DataType.of(DmsType.UINT8));
    try (TargetConnector connector = connect(Map.of())) {
      connector.prepare(table, new TablePreparation(PrepMode.DROP_AND_CREATE, false));
      try (TargetSession session = connector.openSession();
          RowLoad load = session.openRowLoad(table)) {
        load.accept(new Object[] {1, new BigInteger("18446744073709551615")});
        assertThat(load.commit()).isEqualTo(1);
      }
      String index = OpenSearchDocuments.index(table);
      assertThat(openSearch.documents(index).values().iterator().next().get("v").bigIntegerValue())
          .isEqualTo(new BigInteger("18446744073709551615"));
      assertThat(openSearch.request("GET", index + "/_mapping", null)
          .at("/" + index + "/mappings/properties/v/type").asText()).isEqualTo("unsigned_long");

      connector.prepare(table, new TablePreparation(PrepMode.TRUNCATE_BEFORE_LOAD, false));
      assertThat(openSearch.documents(index)).isEmpty();
      assertThat(openSearch.request("GET", index + "/_mapping", null)
          .at("/" + index + "/mappings/properties/v/type").asText())
          .as("the mapping is kept").isEqualTo("unsigned_long");
    }
  }
}
