package io.opendms.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdcPositionsTest {

  @Test
  void aStartPositionInDmsDateFormIsAStartTime() {
    assertThat(CdcPositions.startTime("2018-03-08T12:12:12"))
        .contains(Instant.parse("2018-03-08T12:12:12Z"));
    assertThat(CdcPositions.startTime("2018-03-08T12:12:12.5"))
        .contains(Instant.parse("2018-03-08T12:12:12.500Z"));
  }

  @Test
  void nativePositionsAreNotTimes() {
    assertThat(CdcPositions.startTime("mysql-bin-changelog.000024:373")).isEqualTo(Optional.empty());
    assertThat(CdcPositions.startTime("0/16B3748")).isEmpty();
  }

  @Test
  void aMalformedDateSaysWhichFormsAreTaken() {
    assertThatThrownBy(() -> CdcPositions.startTime("2018-13-08T12:12:12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2018-03-08T12:12:12");
  }

  @Test
  void stopPositionsNameTheirClock() {
    CdcPositions positions = CdcPositions.parse("mysql-bin.000001:4", "commit_time:2026-01-01T00:00:00");
    assertThat(positions.startPosition()).contains("mysql-bin.000001:4");
    assertThat(positions.stopAtCommitTime()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(positions.stopAtServerTime()).isEmpty();
  }
}
