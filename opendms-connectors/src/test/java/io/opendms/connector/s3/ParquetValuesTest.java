package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;

class ParquetValuesTest {
  private static final Column AT = new Column("at", DataType.datetime(6), true, "timestamp");

  @Test
  void decimalsAreSixteenBytesOfTheirUnscaledValueOnBothSidesOfALong() {
    List<BigInteger> unscaled = List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
        BigInteger.valueOf(123_456_789_005L), BigInteger.valueOf(-123_456_789_005L),
        BigInteger.valueOf(255), BigInteger.valueOf(-256), BigInteger.valueOf(Long.MAX_VALUE),
        BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
        BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
        BigInteger.TEN.pow(38).subtract(BigInteger.ONE), BigInteger.TEN.pow(38).negate().add(BigInteger.ONE));
    for (BigInteger value : unscaled) {
      byte[] bytes = ParquetValues.decimal16(new BigDecimal(value, 2)).getBytes();
      assertThat(bytes).as("%s", value).hasSize(16);
      assertThat(new BigInteger(bytes)).as("%s", value).isEqualTo(value);
    }
  }

  @Test
  void decimalsTakeTheSmallestPhysicalTypeOfTheirPrecisionAndMustFitIt() {
    Column small = new Column("s", DataType.numeric(9, 2), true, "numeric(9,2)");
    Column medium = new Column("m", DataType.numeric(18, 4), true, "numeric(18,4)");
    Column wide = new Column("w", DataType.numeric(38, 0), true, "numeric(38,0)");
    MessageType schema = ParquetSchema.of(List.of(small, medium, wide), false, null);
    assertThat(schema.getColumns()).extracting(c -> c.getPrimitiveType().getPrimitiveTypeName())
        .containsExactly(PrimitiveTypeName.INT32, PrimitiveTypeName.INT64, PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);

    assertThat(ParquetValues.unscaled(small, new BigDecimal("-9999999.99"), 2, 9)).isEqualTo(-999_999_999L);
    assertThat(ParquetValues.unscaled(small, new BigDecimal("1.5"), 2, 9)).as("scaled up to the column").isEqualTo(150);
    assertThat(ParquetValues.unscaled(medium, new BigDecimal("99999999999999.9999"), 4, 18))
        .isEqualTo(999_999_999_999_999_999L);
    assertThat(ParquetValues.unscaled(medium, new BigDecimal("-0.0000"), 4, 18)).isZero();
    assertThatThrownBy(() -> ParquetValues.unscaled(small, new BigDecimal("10000000.00"), 2, 9))
        .hasMessageContaining("column s").hasMessageContaining("DECIMAL(9,2)");
    assertThatThrownBy(() -> ParquetValues.unscaled(small, new BigDecimal("1.005"), 2, 9))
        .hasMessageContaining("does not fit");
  }

  @Test
  void timestampsAreMicrosecondsSinceTheEpochAsChronoUnitCountsThem() {
    List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2026-01-02T03:04:05.000007Z"),
        Instant.parse("2026-01-02T03:04:05.123456789Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("1969-12-31T23:59:59.9999995Z"), Instant.parse("0001-01-01T00:00:00.000001Z"),
        Instant.parse("1900-06-15T12:30:45.5000005Z"), Instant.parse("1900-06-15T12:30:45.5Z"),
        Instant.parse("2200-01-01T00:00:00.0000015Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
        Instant.parse("0001-01-01T00:00:00.0000015Z"));
    for (Instant instant : instants) {
      // what ChronoUnit.MICROS.between(Instant.EPOCH, instant) gives where it does not overflow
      long expected = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.TEN.pow(9))
          .add(BigInteger.valueOf(instant.getNano())).divide(BigInteger.valueOf(1000)).longValueExact();
      if (Math.abs(instant.getEpochSecond()) < 9_000_000_000L) {
        assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, instant)).isEqualTo(expected);
      }
      assertThat(ParquetValues.timestampMicros(AT, instant)).as("%s", instant).isEqualTo(expected);
      LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      assertThat(ParquetValues.timestampMicros(AT, local)).as("%s", local).isEqualTo(expected);
    }
  }
}
