package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.spi.type.NonFiniteNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link TextValueParser} and {@link TextValueFormatter} against PostgreSQL's own text forms. */
class TextValueCodecTest {

  private static Object parse(ValueKind kind, String text) {
    return TextValueParser.parse(kind, text);
  }

  /** Parses PostgreSQL's text, checks the value, formats it back and expects the same text. */
  private static void assertRoundTrip(ValueKind kind, String text, Object expected) {
    Object value = parse(kind, text);
    assertThat(value).isEqualTo(expected);
    assertThat(TextValueFormatter.format(value)).isEqualTo(text);
  }

  @Test
  void booleans() {
    assertRoundTrip(ValueKind.BOOLEAN, "t", true);
    assertRoundTrip(ValueKind.BOOLEAN, "f", false);
  }

  @Test
  void integersAtTheirLimits() {
    assertRoundTrip(ValueKind.SHORT, "-32768", Short.MIN_VALUE);
    assertRoundTrip(ValueKind.INTEGER, "2147483647", Integer.MAX_VALUE);
    assertRoundTrip(ValueKind.LONG, "-9223372036854775808", Long.MIN_VALUE);
    assertRoundTrip(
        ValueKind.BIG_INTEGER, "18446744073709551615", new BigInteger("18446744073709551615"));
  }

  @Test
  void numericsKeepEveryDigitAndTheirScale() {
    String big = "-12345678901234567890123456789012345678901234567890.1234567890123456789000";
    assertRoundTrip(ValueKind.NUMERIC, big, new BigDecimal(big));
    assertRoundTrip(ValueKind.NUMERIC, "1.500", new BigDecimal("1.500"));
    String tiny = "0." + "0".repeat(999) + "1";
    assertRoundTrip(ValueKind.NUMERIC, tiny, new BigDecimal(tiny));
    assertRoundTrip(
        ValueKind.NUMERIC, "100000000000000000000000", new BigDecimal("1E+23").setScale(0));
  }

  @Test
  void numericNonFiniteValues() {
    assertRoundTrip(ValueKind.NUMERIC, "NaN", NonFiniteNumber.NAN);
    assertRoundTrip(ValueKind.NUMERIC, "Infinity", NonFiniteNumber.POSITIVE_INFINITY);
    assertRoundTrip(ValueKind.NUMERIC, "-Infinity", NonFiniteNumber.NEGATIVE_INFINITY);
  }

  @Test
  void floatsIncludingSpecialsNegativeZeroAndDenormals() {
    assertRoundTrip(ValueKind.REAL4, "NaN", Float.NaN);
    assertRoundTrip(ValueKind.REAL4, "-Infinity", Float.NEGATIVE_INFINITY);
    assertThat(Float.floatToRawIntBits((Float) parse(ValueKind.REAL4, "-0")))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(parse(ValueKind.REAL4, "1e-45")).isEqualTo(Float.MIN_VALUE);
    assertThat(parse(ValueKind.REAL8, "5e-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(parse(ValueKind.REAL8, "1.7976931348623157e+308")).isEqualTo(Double.MAX_VALUE);
    assertRoundTrip(ValueKind.REAL8, "Infinity", Double.POSITIVE_INFINITY);
    // Java prints exponents differently from PostgreSQL; what matters is the same value back
    for (String text : new String[] {"3.4028235e+38", "-0", "1e-45", "0.1", "1.17549435e-38"}) {
      Float value = (Float) parse(ValueKind.REAL4, text);
      assertThat(parse(ValueKind.REAL4, TextValueFormatter.format(value))).isEqualTo(value);
    }
  }

  @Test
  void textKeepsItself() {
    assertRoundTrip(ValueKind.TEXT, "", "");
    assertRoundTrip(ValueKind.TEXT, "{\"a\": 1, \"a\": 2}", "{\"a\": 1, \"a\": 2}");
  }

  @Test
  void byteaHex() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String hex = TextValueFormatter.formatBytea(all);
    assertThat(hex).startsWith("\\x000102").endsWith("fdfeff").hasSize(2 + 512);
    assertThat((byte[]) parse(ValueKind.BYTES, hex)).isEqualTo(all);
    assertThat((byte[]) parse(ValueKind.BYTES, "\\x")).isEmpty();
    assertThat(TextValueFormatter.format(new byte[0])).isEqualTo("\\x");
    assertThat((byte[]) parse(ValueKind.BYTES, "\\xDEADbeef"))
        .containsExactly(0xde, 0xad, 0xbe, 0xef);
  }

  @Test
  void temporalValues() {
    assertRoundTrip(ValueKind.DATE, "0044-03-15 BC", LocalDate.of(-43, 3, 15));
    assertRoundTrip(ValueKind.TIME, "24:00:00", LocalTime.MAX);
    assertRoundTrip(
        ValueKind.TIME_WITH_ZONE,
        "10:20:30.5-03:30",
        OffsetTime.of(10, 20, 30, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30)));
    assertRoundTrip(ValueKind.TIMESTAMP, "infinity", LocalDateTime.MAX);
    assertRoundTrip(
        ValueKind.TIMESTAMP_WITH_ZONE,
        "2024-02-29 12:00:00.000001+00",
        Instant.parse("2024-02-29T12:00:00.000001Z"));
  }

  @Test
  void uuids() {
    String text = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    assertRoundTrip(ValueKind.UUID, text, UUID.fromString(text));
  }

  @Test
  void valueKindFollowsTheNativeTypeForZones() {
    DataType datetime = DataType.datetime(6);
    assertThat(ValueKind.of(new Column("a", datetime, true, "timestamp with time zone")))
        .isEqualTo(ValueKind.TIMESTAMP_WITH_ZONE);
    assertThat(ValueKind.of(new Column("a", datetime, true, "timestamp(3) without time zone")))
        .isEqualTo(ValueKind.TIMESTAMP);
    DataType time = DataType.of(DmsType.TIME);
    assertThat(ValueKind.of(new Column("a", time, true, "time(2) with time zone")))
        .isEqualTo(ValueKind.TIME_WITH_ZONE);
    assertThat(ValueKind.of(new Column("a", DataType.of(DmsType.UINT8), true, "bigint unsigned")))
        .isEqualTo(ValueKind.BIG_INTEGER);
  }
}
