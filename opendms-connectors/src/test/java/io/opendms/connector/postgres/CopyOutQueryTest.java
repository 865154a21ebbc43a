package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
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
  void pushesFiltersAndKeyTupleRangesIntoTheWhereClause() {
    RowFilter filter = new RowFilter(List.of(
        new RowFilter.ColumnFilter("Id", List.of(
            new RowFilter.Condition(RowFilter.Operator.BETWEEN, 1, 9),
            new RowFilter.Condition(RowFilter.Operator.NULL, null, null))),
        new RowFilter.ColumnFilter("name", List.of(
            new RowFilter.Condition(RowFilter.Operator.NOT_EQ, "O'Brien\\", null)))));
    var range = new PartitionBounds.TupleRange(List.of("Id", "name"), List.of(5, "m"), List.of());

    assertThat(CopyOutQuery.build(TABLE, false, COLUMNS.subList(0, 1), range, filter, true))
        .isEqualTo("COPY (SELECT \"Id\" FROM ONLY \"S\".\"t x\" WHERE (\"Id\", \"name\") > ('5', 'm')"
            + " AND \"Id\" IS NOT NULL AND \"name\" IS NOT NULL"
            + " AND (\"Id\" BETWEEN '1' AND '9' OR \"Id\" IS NULL)"
            + " AND (\"name\" <> E'O''Brien\\\\')) TO STDOUT (FORMAT binary)");
  }

  @Test
  void readsNamedPartitionsDirectlyJoinedByUnionAll() {
    RowFilter filter = new RowFilter(List.of(new RowFilter.ColumnFilter("Id",
        List.of(new RowFilter.Condition(RowFilter.Operator.GTE, 3, null)))));

    assertThat(CopyOutQuery.partitions(List.of(new TableId("S", "p1"), new TableId("o", "p2")),
        COLUMNS.subList(0, 1), filter, false))
        .isEqualTo("COPY (SELECT \"Id\" FROM \"S\".\"p1\" WHERE (\"Id\" >= '3') UNION ALL"
            + " SELECT \"Id\" FROM \"o\".\"p2\" WHERE (\"Id\" >= '3')) TO STDOUT (FORMAT text)");
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
