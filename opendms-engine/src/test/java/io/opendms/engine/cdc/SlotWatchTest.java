package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeConsumer;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SlotWatchTest {

  @Test
  void warnsOnceWhenTheRetainedWalPassesTheBudgetAndAgainAfterItWasBackUnder() {
    List<String> warnings = new ArrayList<>();
    SlotWatch watch = new SlotWatch("t1", new IdleCapture(), 10L << 20, warnings::add);

    watch.check(5L << 20);
    watch.check(11L << 20);
    watch.check(12L << 20);
    assertThat(warnings).singleElement().asString()
        .contains("task t1").contains("11.0 MB of WAL").contains("budget of 10 MB")
        .contains("OpenDmsSettings.SlotRetainedWalWarningMb");

    watch.check(9L << 20);
    watch.check(20L << 20);
    assertThat(warnings).hasSize(2);
  }

  /** Never streams; the watch reads nothing from it in these tests. */
  private static final class IdleCapture implements ChangeCapture {
    @Override
    public SourcePosition startPosition() {
      return new PgLsn(0);
    }

    @Override
    public Optional<SnapshotSession> takeSnapshot() {
      return Optional.empty();
    }

    @Override
    public void stream(ChangeConsumer consumer) {}

    @Override
    public void acknowledge(SourcePosition position) {}

    @Override
    public OptionalLong retainedBytes() {
      return OptionalLong.empty();
    }

    @Override
    public void stop() {}

    @Override
    public void close() {}
  }
}
