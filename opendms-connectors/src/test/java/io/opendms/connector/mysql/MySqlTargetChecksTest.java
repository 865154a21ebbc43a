package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlTargetChecksTest {

  @Test
  void postgresValuesMySqlCannotHoldOrHoldsAsTextAreRisks() {
    var table = new TableDefinition(new TableId("public", "t"), "postgres", List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("amount", DataType.numeric(12, 2), true, "numeric(12,2)"),
        new Column("ratio", DataType.of(DmsType.REAL8), true, "double precision"),
        new Column("note", DataType.of(DmsType.NCLOB), true, "text"),
        new Column("tags", DataType.of(DmsType.NCLOB), true, "integer[]"),
        new Column("took", DataType.of(DmsType.STRING), true, "interval")), List.of("id"), 0, 0);

    assertThat(MySqlTargetChecks.conversionRisks(table)).satisfiesExactly(
        amount -> assertThat(amount).isEqualTo("amount (numeric(12,2) -> decimal(12,2)):"
            + " NaN and +/-Infinity cannot be stored (the row fails)"),
        ratio -> assertThat(ratio).startsWith("ratio (double precision -> double): NaN"),
        tags -> assertThat(tags).startsWith("tags (integer[] -> longtext): arrives as the source's text form"),
        took -> assertThat(took).contains("no longer of type interval"));
  }

  @Test
  void aMySqlSourceKeepsItsNativeTypesAndRisksNothing() {
    var table = new TableDefinition(new TableId("shop", "t"), "mysql", List.of(
        new Column("d", DataType.of(DmsType.DATE), true, "date")), List.of(), 0, 0);

    assertThat(MySqlTargetChecks.conversionRisks(table)).isEmpty();
  }
}
