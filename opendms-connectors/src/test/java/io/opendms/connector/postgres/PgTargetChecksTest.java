package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgTargetChecksTest {

  @Test
  void mySqlDatesAndUnsignedBigintsAreRisksAndOrdinaryColumnsAreNot() {
    var table = new TableDefinition(new TableId("shop", "t"), "mysql", List.of(
        new Column("id", DataType.of(DmsType.INT4), false, "int"),
        new Column("born", DataType.of(DmsType.DATE), true, "date"),
        new Column("big", DataType.of(DmsType.UINT8), true, "bigint unsigned")), List.of("id"), 0, 0);

    assertThat(PgTargetChecks.conversionRisks(table))
        .satisfiesExactly(
            born -> assertThat(born).startsWith("born: a zero date (0000-00-00)"),
            big -> assertThat(big).startsWith("big: PostgreSQL has no unsigned 64-bit integer"));
  }

  @Test
  void aPostgresSourceKeepsItsNativeTypesAndRisksNothing() {
    var table = new TableDefinition(new TableId("public", "t"), "postgres", List.of(
        new Column("n", DataType.numeric(0, 0), true, "numeric")), List.of(), 0, 0);

    assertThat(PgTargetChecks.conversionRisks(table)).isEmpty();
  }
}
