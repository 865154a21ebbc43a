package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte parsers of {@link CopyTextValues} give exactly what the String way gives, or step aside. */
class CopyTextValuesTest {
  private static final long FIRST_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private static Object fromBytes(ValueKind kind, String text) {
    byte[] line = ("x\t" + text + "\ty").getBytes(StandardCharsets.UTF_8);
    return CopyTextValues.parse(kind, line, 2, line.length - 2);
  }

  /** Accepted, and equal in value and class (and scale, for numerics) to the String way. */
  private static void assertSame(ValueKind kind, String text) {
    Object fast = fromBytes(kind, text);
    assertThat(fast).as("%s %s", kind, text).isNotSameAs(CopyTextValues.UNUSUAL);
    Object slow = TextValueParser.parse(kind, text);
    assertThat(fast).as("%s %s", kind, text).isEqualTo(slow).hasSameClassAs(slow);
  }

  private static void assertUnusual(ValueKind kind, String text) {
    assertThat(fromBytes(kind, text)).as("%s %s", kind, text).isSameAs(CopyTextValues.UNUSUAL);
  }

  @Test
  void integersOfEachWidthAndTheirLimits() {
    for (String text : List.of("0", "-0", "7", "-32768", "32767", "00012")) {
      assertSame(ValueKind.SHORT, text);
    }
    for (String text : List.of("0", "2147483647", "-2147483648", "-15", "123456789")) {
      assertSame(ValueKind.INTEGER, text);
    }
    for (String text : List.of("0", "999999999999999999", "-999999999999999999", "42")) {
      assertSame(ValueKind.LONG, text);
    }
    // beyond 18 digits or the type's range, or not digits: the String way decides (and fails)
    assertUnusual(ValueKind.SHORT, "32768");
    assertUnusual(ValueKind.INTEGER, "2147483648");
    assertUnusual(ValueKind.LONG, "9223372036854775807");
    assertUnusual(ValueKind.LONG, "-9223372036854775808");
    for (String text : List.of("", "-", "+1", "1e3", " 1", "1.0", "x")) {
      assertUnusual(ValueKind.INTEGER, text);
    }
  }

  @Test
  void numericsKeepTheirPrintedScale() {
    for (String text : List.of("0", "-0", "0.00", "-0.00", "12.50", "-12.50", "100", "0.000001",
        "123456789012345678", "1234567890.12345678", "-99999999.99", "007.10")) {
      assertSame(ValueKind.NUMERIC, text);
      assertThat(((BigDecimal) fromBytes(ValueKind.NUMERIC, text)).scale())
          .isEqualTo(new BigDecimal(text).scale());
    }
    for (String text : List.of("NaN", "Infinity", "-Infinity", "1234567890123456789", "1.", ".5", "1.2.3",
        "-", "", "1e5", "12,5")) {
      assertUnusual(ValueKind.NUMERIC, text);
    }
  }

  @Test
  void booleansAndText() {
    assertSame(ValueKind.BOOLEAN, "t");
    assertSame(ValueKind.BOOLEAN, "f");
    assertUnusual(ValueKind.BOOLEAN, "true");
    for (String text : List.of("", "plain", "é ü ß 中文", "😀 𝄞", "quote ' \" ,")) {
      assertSame(ValueKind.TEXT, text);
    }
  }

  @Test
  void datesAndTimestampsOfFourDigitYears() {
    for (String text : List.of("2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01")) {
      assertSame(ValueKind.DATE, text);
    }
    for (String text : List.of("2024-05-01 10:20:30", "2024-05-01 10:20:30.5", "2024-05-01 00:00:00.000001",
        "1969-12-31 23:59:59.999999", "0001-01-01 00:00:00", "9999-12-31 23:59:59.123456789")) {
      assertSame(ValueKind.TIMESTAMP, text);
      assertSame(ValueKind.TIMESTAMP_WITH_ZONE, text + "+00");
    }
    assertThat(fromBytes(ValueKind.TIMESTAMP_WITH_ZONE, "1969-12-31 23:59:59.25+00"))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.25Z"));
    assertThat(fromBytes(ValueKind.TIMESTAMP, "2024-05-01 10:20:30.5"))
        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 20, 30, 500_000_000));
    // the String way handles these, or reports them
    for (String text : List.of("infinity", "-infinity", "0044-03-15 BC", "10000-01-01", "2023-02-29", "2024-13-01",
        "2024-1-01", "2024/01/01", "0000-01-01")) {
      assertUnusual(ValueKind.DATE, text);
    }
    for (String text : List.of("2024-05-01 10:20:30+05:30", "2024-05-01 10:20:30-08", "2024-05-01 24:00:00+00",
        "2024-05-01 10:20:30.+00", "2024-05-01 10:20:30.1234567890+00", "infinity", "2024-05-01 10:20+00",
        "0044-03-15 10:20:30+00 BC", "2024-05-01T10:20:30+00", "2024-02-30 10:20:30+00")) {
      assertUnusual(ValueKind.TIMESTAMP_WITH_ZONE, text);
    }
    assertUnusual(ValueKind.TIMESTAMP, "2024-05-01 10:20:30 BC");
  }

  @Test
  void randomTimestampsAgreeWithTheStringWay() {
    Random random = new Random(20261130);
    for (int i = 0; i < 20_000; i++) {
      // from 0001-01-01 to 9999-12-31, in microseconds as PostgreSQL keeps them
      long second = FIRST_SECOND + (long) (random.nextDouble() * (LAST_SECOND - FIRST_SECOND));
      Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1000L);
      LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      assertSame(ValueKind.TIMESTAMP_WITH_ZONE, PgTemporalText.formatTimestampWithZone(instant));
      assertSame(ValueKind.TIMESTAMP, PgTemporalText.formatTimestamp(local));
      assertSame(ValueKind.DATE, PgTemporalText.formatDate(local.toLocalDate()));
    }
  }

  @Test
  void theDecoderParsesEachFieldAsItsKindAndNamesTheFieldThatIsNot() {
    CopyTextDecoder decoder = new CopyTextDecoder();
    ValueKind[] kinds = {ValueKind.LONG, ValueKind.NUMERIC, ValueKind.TIMESTAMP_WITH_ZONE, ValueKind.TEXT,
        ValueKind.BOOLEAN, ValueKind.INTEGER};
    byte[] line = "7\t12.50\t2026-01-01 00:00:01.000123+00\ttab\\there\t\\N\t-3\n".getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decode(line, kinds)).containsExactly(7L, new BigDecimal("12.50"),
        Instant.parse("2026-01-01T00:00:01.000123Z"), "tab\there", null, -3);
    byte[] bad = "7\t12.50\t2026-01-01 00:00:01+00\tx\tt\t99999999999\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decoder.decode(bad, kinds))
        .isInstanceOfSatisfying(CopyFieldException.class, e -> assertThat(e.field()).isEqualTo(5))
        .hasMessageContaining("99999999999");
  }
}
