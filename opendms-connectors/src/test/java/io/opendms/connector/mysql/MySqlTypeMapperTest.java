package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import org.junit.jupiter.api.Test;

class MySqlTypeMapperTest {

  private static DataType map(String dataType, String columnType, long length, int precision, int scale) {
    return MySqlTypeMapper.dataType(
        new MySqlColumnType(dataType, columnType, length, precision, scale, 0, false));
  }

  @Test
  void unsignedIntegersWiden() {
    assertThat(map("bigint", "bigint(20) unsigned", 0, 20, 0)).isEqualTo(DataType.of(DmsType.UINT8));
    assertThat(map("int", "int(10) unsigned", 0, 10, 0)).isEqualTo(DataType.of(DmsType.UINT4));
    assertThat(map("mediumint", "mediumint(8) unsigned", 0, 7, 0)).isEqualTo(DataType.of(DmsType.UINT4));
  }

  @Test
  void bitsAreBooleanOrBytes() {
    assertThat(map("bit", "bit(1)", 0, 1, 0)).isEqualTo(DataType.of(DmsType.BOOLEAN));
    assertThat(map("bit", "bit(9)", 0, 9, 0)).isEqualTo(DataType.string(DmsType.BYTES, 2));
    assertThat(map("tinyint", "tinyint(1)", 0, 3, 0)).isEqualTo(DataType.of(DmsType.INT1));
  }

  @Test
  void enumLabelsAreUnescapedInOrder() {
    assertThat(MySqlTypeMapper.enumLabels("enum('a','b''c','d\\\\e','')"))
        .containsExactly("a", "b'c", "d\\e", "");
    assertThat(map("set", "set('x','yy','z')", 0, 0, 0)).isEqualTo(DataType.string(DmsType.WSTRING, 6));
  }

  @Test
  void unknownEngineTypesTravelAsText() {
    assertThat(map("inet6", "inet6", 0, 0, 0)).isEqualTo(DataType.of(DmsType.NCLOB));
    assertThat(map("point", "point", 0, 0, 0)).isEqualTo(DataType.of(DmsType.BYTES));
  }
}
