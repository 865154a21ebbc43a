package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyOutQueryTest {

  private static final TableId TABLE = new TableId("S", "t x");
  private static final List<Column> COLUMNS =
      List.of(
          new Column("Id", DataType.of(DmsType.INT4), false, "integer"),
          new Column("cash", DataType.numeric(38, 4), true, "money"),
          new Column("cashes", DataType.of(DmsType.NCLOB), true, "money[]"));

  @Test
  void readsMoneyAsNumericInTextAndRawInBinary() {
    assertThat(CopyOutQuery.build(TABLE, false, COLUMNS, new PartitionBounds.WholeTable(), false))
        .isEqualTo(
            "COPY (SELECT \"Id\", \"cash\"::numeric, \"cashes\"::numeric[] FROM ONLY \"S\".\"t x\")"
                + " TO STDOUT (FORMAT text)");
    assertThat(CopyOutQuery.build(TABLE, true, COLUMNS, new PartitionBounds.WholeTable(), true))
        .isEqualTo(
            "COPY (SELECT \"Id\", \"cash\", \"cashes\" FROM \"S\".\"t x\") TO STDOUT (FORMAT"
                + " binary)");
  }

  @Test
  void restrictsBlockRangesByCtid() {
    assertThat(
            CopyOutQuery.build(
                TABLE, false, COLUMNS.subList(0, 1), new PartitionBounds.BlockRange(10, 20), true))
        .endsWith(
            "WHERE ctid >= '(10,0)'::tid AND ctid < '(20,0)'::tid) TO STDOUT (FORMAT binary)");
    assertThat(
            CopyOutQuery.build(
                TABLE, false, COLUMNS.subList(0, 1), new PartitionBounds.BlockRange(20, -1), true))
        .endsWith("WHERE ctid >= '(20,0)'::tid) TO STDOUT (FORMAT binary)");
  }
}
