package io.opendms.connector.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSearchDocumentsTest {
  private final OpenSearchDocuments documents = new OpenSearchDocuments();

  private static TargetTable table(String name, List<String> key) {
    return new TargetTable(new TableId("Sales", name), "postgres", List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("code", DataType.string(DmsType.STRING, 10), true, "text"),
        new Column("price", DataType.numeric(10, 2), true, "numeric(10,2)")), key);
  }

  @Test
  void theIndexIsTheTableNameInLowerCase() {
    assertThat(OpenSearchDocuments.index(table("Orders", List.of("id")))).isEqualTo("orders");
  }

  @Test
  void namesOpenSearchRefusesAreReportedWithTheTable() {
    assertThatThrownBy(() -> OpenSearchDocuments.index(table("_hidden", List.of("id"))))
        .isInstanceOf(OpenDmsException.class).hasMessageContaining("Sales._hidden")
        .hasMessageContaining("starts with _");
    assertThatThrownBy(() -> OpenSearchDocuments.index(table("a b", List.of("id"))))
        .hasMessageContaining("transformation rule");
  }

  @Test
  void theDocumentIdIsTheSha256OfTheKeyIn64HexDigits() {
    // echo -n 42 | sha256sum
    assertThat(documents.id(table("t", List.of("id")), Arrays.asList(42, "x", null)))
        .isEqualTo("73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049");
    // echo -n 42.x | sha256sum: key values joined with a dot
    assertThat(documents.id(table("t", List.of("id", "code")), Arrays.asList(42, "x", null)))
        .isEqualTo("c0f3c32e8939868f2a6d0cd7af2082127d89a491c240cb71562c23d5178fe259");
  }

  @Test
  void compositeKeysWithDotsInTheirValuesNeverShareAnId() {
    TargetTable table = table("t", List.of("code", "price"));
    assertThat(documents.id(table, Arrays.asList(1, "a.1", new BigDecimal("2"))))
        .isNotEqualTo(documents.id(table, Arrays.asList(1, "a", new BigDecimal("1.2"))));
  }

  @Test
  void aDocumentHoldsEveryColumnNullAndEmptyIncluded() {
    assertThat(documents.document(table("t", List.of("id")),
        Arrays.asList(7, "", null), List.of()))
        .isEqualTo("{\"id\":7,\"code\":\"\",\"price\":null}");
    assertThat(documents.document(table("t", List.of("id")),
        Arrays.asList(7, "a\"b\n", new BigDecimal("1.50")), List.of(1)))
        .as("unchanged columns left out").isEqualTo("{\"id\":7,\"price\":1.50}");
  }

  @Test
  void tablesWithoutAKeyAreRefused() {
    assertThatThrownBy(() -> documents.requireKey(table("t", List.of())))
        .hasMessageContaining("Sales.t has no primary key");
  }
}
