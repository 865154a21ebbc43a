package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.source.PartitionBounds.KeyRange;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangePartitionerTest {

  private static TableDefinition table(DmsType keyType, long rows) {
    return new TableDefinition(new TableId("db", "t"), "mysql",
        List.of(new Column("id", DataType.of(keyType), false, "bigint")), List.of("id"), rows, 0);
  }

  @Test
  void outerRangesAreOpenSoNoRowIsMissed() {
    List<TablePartition> parts = new KeyRangePartitioner(10)
        .split(table(DmsType.INT8, 1000), BigInteger.valueOf(-100), BigInteger.valueOf(300), 4);
    assertThat(parts).extracting(p -> (KeyRange) p.bounds()).containsExactly(
        new KeyRange("id", null, BigInteger.ZERO),
        new KeyRange("id", BigInteger.ZERO, BigInteger.valueOf(100)),
        new KeyRange("id", BigInteger.valueOf(100), BigInteger.valueOf(200)),
        new KeyRange("id", BigInteger.valueOf(200), null));
  }

  @Test
  void narrowKeyRangesGiveFewerPartitions() {
    assertThat(new KeyRangePartitioner(10)
        .split(table(DmsType.INT4, 1000), BigInteger.ONE, BigInteger.TWO, 8)).hasSize(2);
    assertThat(new KeyRangePartitioner(10)
        .split(table(DmsType.INT4, 1000), BigInteger.ONE, BigInteger.ONE, 8)).hasSize(1);
  }

  @Test
  void smallTablesAndNonIntegerKeysAreNotSplit() {
    assertThat(new KeyRangePartitioner(1000).wanted(table(DmsType.INT8, 999), 8)).isEqualTo(1);
    assertThat(new KeyRangePartitioner(10).wanted(table(DmsType.WSTRING, 1_000_000), 8)).isEqualTo(1);
    assertThat(new KeyRangePartitioner(10).wanted(table(DmsType.UINT8, 1_000_000), 8)).isEqualTo(8);
  }
}
