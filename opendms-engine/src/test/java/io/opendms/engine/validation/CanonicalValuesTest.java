package io.opendms.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.type.DmsType;
import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CanonicalValuesTest {

  private static String text(Object value, DmsType type) {
    return CanonicalValues.text(value, type, type);
  }

  @Test
  void numericScaleDoesNotMatter() {
    assertThat(text(new BigDecimal("12.500"), DmsType.NUMERIC)).isEqualTo("12.5");
    assertThat(text(new BigDecimal("1E+3"), DmsType.NUMERIC)).isEqualTo("1000");
    assertThat(text(new BigDecimal("0.000"), DmsType.NUMERIC)).isEqualTo("0");
    assertThat(text(NonFiniteNumber.NAN, DmsType.NUMERIC)).isEqualTo("NaN");
  }

  @Test
  void floatsAreRoundedToTheDigitsTheirTypeHolds() {
    assertThat(CanonicalValues.text(0.1f, DmsType.REAL4, DmsType.REAL4))
        .isEqualTo(CanonicalValues.text(0.1000001f, DmsType.REAL4, DmsType.REAL4));
    // a double compared with a float column: rounded as the float
    assertThat(CanonicalValues.text(0.1000000014901161, DmsType.REAL8, DmsType.REAL4))
        .isEqualTo("0.1");
    assertThat(text(1.0 / 3, DmsType.REAL8)).isEqualTo("0.333333333333333");
    assertThat(text(Double.NaN, DmsType.REAL8)).isEqualTo("NaN");
  }

  @Test
  void timestampsCompareInUtcToTheMicrosecond() {
    assertThat(text(Instant.parse("2024-01-02T03:04:05.123Z"), DmsType.DATETIME))
        .isEqualTo(text(LocalDateTime.parse("2024-01-02T03:04:05.123"), DmsType.DATETIME))
        .isEqualTo("2024-01-02 03:04:05.123000");
    assertThat(text(LocalDateTime.parse("2024-01-02T03:04:05.1234567"), DmsType.DATETIME))
        .isEqualTo("2024-01-02 03:04:05.123456");
    assertThat(text(LocalTime.parse("10:11:12"), DmsType.TIME)).isEqualTo("10:11:12.000000");
  }

  @Test
  void jsonKeyOrderDoesNotMatterOnEitherSide() {
    String sorted = CanonicalValues.text("{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}", DmsType.JSON,
        DmsType.NCLOB);
    assertThat(sorted).isEqualTo("{\"a\":{\"c\":3,\"d\":2},\"b\":1}");
    assertThat(CanonicalValues.text("{\"a\":{\"c\":3,\"d\":2},\"b\":1}", DmsType.NCLOB,
        DmsType.JSON)).isEqualTo(sorted);
    assertThat(CanonicalValues.text("not json", DmsType.JSON, DmsType.JSON)).isEqualTo("not json");
  }

  @Test
  void nullStaysDistinctFromTheEmptyString() {
    assertThat(text(null, DmsType.STRING)).isNull();
    assertThat(text("", DmsType.STRING)).isEmpty();
  }

  @Test
  void booleansMatchTheIntegersOtherEnginesStoreThemAs() {
    assertThat(CanonicalValues.text(true, DmsType.BOOLEAN, DmsType.INT1))
        .isEqualTo(CanonicalValues.text((short) 1, DmsType.INT1, DmsType.BOOLEAN));
  }

  @Test
  void binaryIsLowerCaseHex() {
    assertThat(text(new byte[] {0, (byte) 0xAB}, DmsType.BYTES)).isEqualTo("00ab");
  }
}
