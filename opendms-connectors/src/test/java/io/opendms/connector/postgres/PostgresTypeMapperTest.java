package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresTypeMapperTest {

  private static PgType builtIn(long oid, String name) {
    return new PgType(oid, name, "pg_catalog", 'b', 'N', 0, 0, -1, 0);
  }

  private static DataType map(long oid, int typmod) {
    return PostgresTypeMapper.dataType(
        new PgColumnType(builtIn(oid, "t"), typmod, null, "t", List.of()));
  }

  private static int numericTypmod(int precision, int scale) {
    return ((precision << 16) | (scale & 0x7FF)) + 4;
  }

  @Test
  void mapsIntegersFloatsAndBooleans() {
    assertThat(map(PostgresTypeMapper.INT2, -1)).isEqualTo(DataType.of(DmsType.INT2));
    assertThat(map(PostgresTypeMapper.INT4, -1)).isEqualTo(DataType.of(DmsType.INT4));
    assertThat(map(PostgresTypeMapper.INT8, -1)).isEqualTo(DataType.of(DmsType.INT8));
    assertThat(map(PostgresTypeMapper.FLOAT4, -1)).isEqualTo(DataType.of(DmsType.REAL4));
    assertThat(map(PostgresTypeMapper.FLOAT8, -1)).isEqualTo(DataType.of(DmsType.REAL8));
    assertThat(map(PostgresTypeMapper.BOOL, -1)).isEqualTo(DataType.of(DmsType.BOOLEAN));
  }

  @Test
  void keepsNumericPrecisionAndMakesUnboundedNumericAnyPrecision() {
    assertThat(map(PostgresTypeMapper.NUMERIC, numericTypmod(50, 20)))
        .isEqualTo(DataType.numeric(50, 20));
    assertThat(map(PostgresTypeMapper.NUMERIC, -1)).isEqualTo(DataType.numeric(0, 0));
    // PostgreSQL 15 allows negative scales and scales above the precision
    assertThat(map(PostgresTypeMapper.NUMERIC, numericTypmod(5, -2)))
        .isEqualTo(DataType.numeric(0, 0));
    assertThat(map(PostgresTypeMapper.NUMERIC, numericTypmod(3, 5)))
        .isEqualTo(DataType.numeric(0, 0));
    assertThat(map(PostgresTypeMapper.MONEY, -1)).isEqualTo(DataType.numeric(38, 4));
  }

  @Test
  void mapsCharacterTypesWithTheirLengths() {
    assertThat(map(PostgresTypeMapper.VARCHAR, 24)).isEqualTo(DataType.string(DmsType.WSTRING, 20));
    assertThat(map(PostgresTypeMapper.BPCHAR, 9)).isEqualTo(DataType.string(DmsType.WSTRING, 5));
    assertThat(map(PostgresTypeMapper.VARCHAR, -1)).isEqualTo(DataType.string(DmsType.WSTRING, 0));
    assertThat(map(25, -1)).isEqualTo(DataType.of(DmsType.NCLOB));
  }

  @Test
  void mapsTemporalTypesWithFractionalDigits() {
    assertThat(map(PostgresTypeMapper.TIMESTAMPTZ, 3)).isEqualTo(DataType.datetime(3));
    assertThat(map(PostgresTypeMapper.TIMESTAMP, -1)).isEqualTo(DataType.datetime(6));
    assertThat(map(PostgresTypeMapper.TIMETZ, 0)).isEqualTo(new DataType(DmsType.TIME, 0, 0, 0));
    assertThat(map(PostgresTypeMapper.DATE, -1)).isEqualTo(DataType.of(DmsType.DATE));
  }

  @Test
  void carriesOtherTypesAsText() {
    assertThat(map(PostgresTypeMapper.INTERVAL, -1))
        .isEqualTo(DataType.string(DmsType.STRING, 128));
    assertThat(map(PostgresTypeMapper.BIT, 8)).isEqualTo(DataType.string(DmsType.STRING, 8));
    assertThat(map(PostgresTypeMapper.VARBIT, -1)).isEqualTo(DataType.string(DmsType.STRING, 0));
    assertThat(map(142, -1)).isEqualTo(DataType.of(DmsType.NCLOB)); // xml
    assertThat(map(PostgresTypeMapper.JSONB, -1)).isEqualTo(DataType.of(DmsType.JSON));
    assertThat(map(PostgresTypeMapper.UUID, -1)).isEqualTo(DataType.of(DmsType.UUID));
  }

  @Test
  void mapsEnumsToStringsAndArraysToText() {
    PgType mood = new PgType(20000, "mood", "public", 'e', 'E', 0, 0, -1, 20001);
    PgType moods = new PgType(20001, "_mood", "public", 'b', 'A', 20000, 0, -1, 0);
    List<String> labels = List.of("sad", "happy");
    assertThat(PostgresTypeMapper.dataType(new PgColumnType(mood, -1, null, "public.mood", labels)))
        .isEqualTo(DataType.string(DmsType.WSTRING, 5));
    assertThat(
            PostgresTypeMapper.dataType(new PgColumnType(moods, -1, mood, "public.mood[]", labels)))
        .isEqualTo(DataType.of(DmsType.NCLOB));
    PgType citext = new PgType(20002, "citext", "public", 'b', 'S', 0, 0, -1, 0);
    assertThat(
            PostgresTypeMapper.dataType(
                new PgColumnType(citext, -1, null, "public.citext", List.of())))
        .isEqualTo(DataType.of(DmsType.NCLOB));
  }
}
