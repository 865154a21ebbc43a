package io.opendms.engine.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.settings.TaskSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryBackoffTest {

  @Test
  void dmsDefaultsDoubleFromFiveSecondsAndStopAfterTheWaitThatReachedTheMaximum() {
    List<Long> waits = waits("{}", 20);
    assertThat(waits).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 1800L);
  }

  @Test
  void theCountLimitsRestartsAndZeroMeansNone() {
    assertThat(waits("{\"ErrorBehavior\": {\"RecoverableErrorCount\": 3}}", 20)).containsExactly(5L, 10L, 20L);
    assertThat(waits("{\"ErrorBehavior\": {\"RecoverableErrorCount\": 0}}", 20)).isEmpty();
  }

  @Test
  void withoutThrottlingEveryWaitIsTheInterval() {
    assertThat(waits("{\"ErrorBehavior\": {\"RecoverableErrorThrottling\": false,"
        + " \"RecoverableErrorInterval\": 2, \"RecoverableErrorCount\": 4}}", 20)).containsExactly(2L, 2L, 2L, 2L);
  }

  @Test
  void keepsRetryingAtTheMaximumWhenAskedTo() {
    assertThat(waits("{\"ErrorBehavior\": {\"RecoverableErrorThrottlingMax\": 30,"
        + " \"RecoverableErrorStopRetryAfterThrottlingMax\": false}}", 6)).containsExactly(5L, 10L, 20L, 30L, 30L, 30L);
  }

  @Test
  void progressStartsTheSequenceOver() {
    RecoveryBackoff backoff = backoff("{\"ErrorBehavior\": {\"RecoverableErrorCount\": 2}}");
    assertThat(backoff.next()).contains(Duration.ofSeconds(5));
    assertThat(backoff.next()).contains(Duration.ofSeconds(10));
    assertThat(backoff.next()).isEmpty();
    backoff.progressed();
    assertThat(backoff.next()).contains(Duration.ofSeconds(5));
  }

  private static List<Long> waits(String settings, int tries) {
    RecoveryBackoff backoff = backoff(settings);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      Optional<Duration> wait = backoff.next();
      wait.ifPresent(w -> waits.add(w.toSeconds()));
    }
    return waits;
  }

  private static RecoveryBackoff backoff(String settings) {
    return new RecoveryBackoff(TaskSettings.parse(settings).errorBehavior());
  }
}
