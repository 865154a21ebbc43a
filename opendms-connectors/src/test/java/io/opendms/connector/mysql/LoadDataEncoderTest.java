package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LoadDataEncoderTest {

  private static String encode(LoadDataColumn[] columns, Object... values) {
    LoadDataEncoder encoder = new LoadDataEncoder(columns);
    encoder.append(values);
    return new String(encoder.buffer(), 0, encoder.size(), StandardCharsets.UTF_8);
  }

  @Test
  void escapesEverySeparatorAndKeepsNullApartFromEmptyAndTheTextBackslashN() {
    LoadDataColumn[] text = {LoadDataColumn.TEXT, LoadDataColumn.TEXT, LoadDataColumn.TEXT,
        LoadDataColumn.TEXT};
    assertThat(encode(text, "a\tb\nc\rd\\e\0f", "", null, "\\N"))
        .isEqualTo("a\\tb\\nc\\rd\\\\e\\0f\t\t\\N\t\\\\N\n");
  }

  @Test
  void writesBinaryAsHexAndBitsAsTheirNumber() {
    assertThat(encode(new LoadDataColumn[] {LoadDataColumn.HEX, LoadDataColumn.BIT},
        new byte[] {0, (byte) 0xff, 0x0a}, new byte[] {0x03, (byte) 0xff}))
        .isEqualTo("00ff0a\t1023\n");
  }

  @Test
  void writesNumbersExactlyAndFloatsAsTheirExactDouble() {
    LoadDataColumn[] text = {LoadDataColumn.TEXT, LoadDataColumn.TEXT, LoadDataColumn.TEXT};
    assertThat(encode(text, new BigDecimal("1E+3"), new BigInteger("18446744073709551615"),
        Float.MAX_VALUE)).isEqualTo("1000\t18446744073709551615\t3.4028234663852886E38\n");
  }

  @Test
  void writesTemporalsInUtcAndZeroDatesAsTheyAre() {
    LoadDataColumn[] text = {LoadDataColumn.TEXT, LoadDataColumn.TEXT, LoadDataColumn.TEXT,
        LoadDataColumn.TEXT};
    assertThat(encode(text, LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
        Instant.parse("2024-06-01T10:00:00.5Z"), new ZeroDate("0000-00-00")))
        .isEqualTo("2024-02-29\t2024-01-02 03:04:05.123456\t2024-06-01 10:00:00.5\t0000-00-00\n");
  }

  @Test
  void refusesWhatMySqlCannotHoldNamingTheField() {
    LoadDataColumn[] text = {LoadDataColumn.TEXT, LoadDataColumn.TEXT};
    assertThatThrownBy(() -> encode(text, 1, NonFiniteNumber.NAN))
        .isInstanceOfSatisfying(LoadDataEncoder.FieldException.class,
            e -> assertThat(e.field()).isEqualTo(1))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> encode(text, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("DOUBLE");
    assertThatThrownBy(() -> encode(text, 1, LocalDate.MAX)).hasMessageContaining("infinite date");
    assertThatThrownBy(() -> encode(text, 1, LocalDate.of(-44, 3, 15)))
        .hasMessageContaining("outside 0000-9999");
  }
}
