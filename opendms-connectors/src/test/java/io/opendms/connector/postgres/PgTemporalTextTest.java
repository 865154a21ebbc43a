package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgTemporalTextTest {

  @Test
  void readsBcDatesAsProlepticYears() {
    assertThat(PgTemporalText.parseDate("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
    assertThat(PgTemporalText.parseDate("0001-01-01 BC")).isEqualTo(LocalDate.of(0, 1, 1));
    assertThat(PgTemporalText.parseDate("4713-01-01 BC")).isEqualTo(LocalDate.of(-4712, 1, 1));
  }

  @Test
  void readsYearsBeyond9999AndInfinities() {
    assertThat(PgTemporalText.parseDate("10000-01-01")).isEqualTo(LocalDate.of(10000, 1, 1));
    assertThat(PgTemporalText.parseDate("5874897-12-31")).isEqualTo(LocalDate.of(5874897, 12, 31));
    assertThat(PgTemporalText.parseDate("infinity")).isEqualTo(LocalDate.MAX);
    assertThat(PgTemporalText.parseDate("-infinity")).isEqualTo(LocalDate.MIN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29",
        "0044-03-15 BC",
        "0001-01-01",
        "0001-12-31 BC",
        "10000-01-01",
        "infinity",
        "-infinity",
        "0999-05-06"
      })
  void roundTripsDates(String text) {
    assertThat(PgTemporalText.formatDate(PgTemporalText.parseDate(text))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29 12:34:56",
        "2024-02-29 12:34:56.5",
        "2024-02-29 00:00:00.000001",
        "0044-03-15 10:00:00.123456 BC",
        "294276-12-31 23:59:59.999999",
        "infinity",
        "-infinity",
        "4713-01-01 00:00:00 BC"
      })
  void roundTripsTimestamps(String text) {
    assertThat(PgTemporalText.formatTimestamp(PgTemporalText.parseTimestamp(text))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29 12:34:56+00",
        "2024-02-29 12:34:56.25+00",
        "0044-03-15 10:00:00.5+00 BC",
        "10000-01-01 00:00:00+00",
        "infinity",
        "-infinity"
      })
  void roundTripsUtcTimestampsWithZone(String text) {
    assertThat(PgTemporalText.formatTimestampWithZone(PgTemporalText.parseTimestampWithZone(text)))
        .isEqualTo(text);
  }

  @Test
  void readsTimestampWithAnyOffsetAsTheSameInstant() {
    assertThat(PgTemporalText.parseTimestampWithZone("1999-01-08 04:05:06+05:30"))
        .isEqualTo(Instant.parse("1999-01-07T22:35:06Z"));
    assertThat(PgTemporalText.parseTimestampWithZone("1999-01-08 04:05:06-08"))
        .isEqualTo(Instant.parse("1999-01-08T12:05:06Z"));
    assertThat(PgTemporalText.parseTimestampWithZone("infinity")).isEqualTo(Instant.MAX);
  }

  @Test
  void readsEndOfDayAsLocalTimeMax() {
    assertThat(PgTemporalText.parseTime("24:00:00")).isEqualTo(LocalTime.MAX);
    assertThat(PgTemporalText.formatTime(LocalTime.MAX)).isEqualTo("24:00:00");
    assertThat(PgTemporalText.parseTimeWithZone("24:00:00+05:30"))
        .isEqualTo(OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHoursMinutes(5, 30)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"00:00:00", "23:59:59.999999", "12:00:00.5", "24:00:00", "01:02:03.000001"})
  void roundTripsTimes(String text) {
    assertThat(PgTemporalText.formatTime(PgTemporalText.parseTime(text))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "12:00:00+00",
        "12:00:00-08",
        "12:00:00.5+05:30",
        "12:00:00+05:30:15",
        "23:59:59.999999-15:59",
        "24:00:00+14:59",
        "00:00:00-00:00:01"
      })
  void roundTripsTimesWithOffsets(String text) {
    assertThat(PgTemporalText.formatTimeWithZone(PgTemporalText.parseTimeWithZone(text)))
        .isEqualTo(text);
  }

  @Test
  void writesNanosecondsWithoutTrailingZeros() {
    assertThat(PgTemporalText.formatTimestamp(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123456789)))
        .isEqualTo("2024-01-01 00:00:00.123456789");
    assertThat(PgTemporalText.formatTime(LocalTime.of(1, 2, 3, 100_000_000)))
        .isEqualTo("01:02:03.1");
  }

  @Test
  void rejectsTextThatIsNoTime() {
    assertThatThrownBy(() -> PgTemporalText.parseTime("12:00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgTemporalText.parseDate("yesterday"))
        .isInstanceOf(RuntimeException.class);
  }
}
