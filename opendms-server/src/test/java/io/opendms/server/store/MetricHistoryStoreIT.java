package io.opendms.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task metric history on the embedded H2 file and on PostgreSQL alike (Flyway V11 on both). */
class MetricHistoryStoreIT {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

  @Test
  void keepsPrunesAndForgetsSamplesOnH2() throws Exception {
    Path dir = Files.createTempDirectory("history-h2");
    try (MetadataStore store = MetadataStore.open(StoreLocation.parse(null, dir))) {
      exercise(store.metricHistory());
    }
  }

  @Test
  void keepsPrunesAndForgetsSamplesOnPostgres() {
    try (TestingPostgres database = TestingPostgres.create("history")) {
      StoreLocation location = StoreLocation.parse("postgresql://" + TestingPostgres.USER + "@"
          + TestingPostgres.HOST + ":" + TestingPostgres.PORT + "/" + database.database(), Path.of("unused"));
      try (MetadataStore store = MetadataStore.open(location)) {
        exercise(store.metricHistory());
      }
    }
  }

  private static void exercise(MetricHistoryStore history) {
    for (int i = 0; i < 4; i++) {
      history.append("arn:a", new MetricHistoryStore.Sample(T0.plusSeconds(5L * i),
          Map.of("CDCLatencySource", 0.5 * i, "CDCIncomingChanges", (double) i)));
    }
    history.append("arn:b", new MetricHistoryStore.Sample(T0, Map.of("CDCLatencySource", 9.0)));

    var since = history.since("arn:a", T0.plusSeconds(5));
    assertThat(since).extracting(MetricHistoryStore.Sample::time)
        .containsExactly(T0.plusSeconds(5), T0.plusSeconds(10), T0.plusSeconds(15));
    assertThat(since.get(2).values()).containsEntry("CDCLatencySource", 1.5).containsEntry("CDCIncomingChanges", 3.0);

    assertThat(history.deleteOlderThan(T0.plusSeconds(10))).isEqualTo(3);
    assertThat(history.since("arn:a", T0)).hasSize(2);
    history.forget("arn:a");
    assertThat(history.since("arn:a", T0)).isEmpty();
    assertThat(history.since("arn:b", Instant.EPOCH)).isEmpty();
  }
}
