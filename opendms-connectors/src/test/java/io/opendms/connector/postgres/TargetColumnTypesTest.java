package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import org.junit.jupiter.api.Test;

class TargetColumnTypesTest {

  private static String type(DataType type, String nativeType) {
    return TargetColumnTypes.sqlType("mysql", new Column("c", type, true, nativeType));
  }

  @Test
  void usesTheNativeTypeFromAPostgresSource() {
    Column column = new Column("c", DataType.of(DmsType.NCLOB), true, "public.mood[]");
    assertThat(TargetColumnTypes.sqlType("postgres", column)).isEqualTo("public.mood[]");
    assertThat(TargetColumnTypes.sqlType("aurora-postgresql", column)).isEqualTo("public.mood[]");
  }

  @Test
  void mapsCanonicalTypesWithoutLosingValues() {
    assertThat(type(DataType.of(DmsType.UINT8), "bigint unsigned")).isEqualTo("numeric(20,0)");
    assertThat(type(DataType.of(DmsType.UINT4), "int unsigned")).isEqualTo("bigint");
    assertThat(type(DataType.of(DmsType.INT1), "tinyint")).isEqualTo("smallint");
    assertThat(type(DataType.numeric(0, 0), "decimal")).isEqualTo("numeric");
    assertThat(type(DataType.numeric(65, 30), "decimal(65,30)")).isEqualTo("numeric(65,30)");
    assertThat(type(DataType.of(DmsType.JSON), "json")).isEqualTo("jsonb");
    assertThat(type(DataType.of(DmsType.UUID), "char(36)")).isEqualTo("uuid");
    assertThat(type(DataType.string(DmsType.WSTRING, 45), "varchar(45)"))
        .isEqualTo("character varying(45)");
    assertThat(type(DataType.string(DmsType.WSTRING, 0), "varchar")).isEqualTo("character varying");
    assertThat(type(DataType.of(DmsType.NCLOB), "longtext")).isEqualTo("text");
    assertThat(type(DataType.of(DmsType.BYTES), "varbinary(8)")).isEqualTo("bytea");
    assertThat(type(DataType.of(DmsType.REAL4), "float")).isEqualTo("real");
  }

  @Test
  void usesTimestamptzOnlyWhenTheNativeTypeSaysWithTimeZone() {
    assertThat(type(DataType.datetime(3), "datetime(3)"))
        .isEqualTo("timestamp(3) without time zone");
    assertThat(type(DataType.datetime(6), "timestamp with time zone"))
        .isEqualTo("timestamp(6) with time zone");
    assertThat(type(DataType.of(DmsType.TIME), "time")).isEqualTo("time(6) without time zone");
  }

  @Test
  void storesSubMicrosecondTimestampsAsText() {
    assertThat(type(DataType.datetime(9), "datetime2(7)")).isEqualTo("character varying(37)");
  }
}
