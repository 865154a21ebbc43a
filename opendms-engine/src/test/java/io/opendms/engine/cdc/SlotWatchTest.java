package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotWatchTest {

  @Test
  void warnsOnceWhenTheRetainedWalPassesTheBudgetAndAgainAfterItWasBackUnder() {
    List<String> warnings = new ArrayList<>();
    SlotWatch watch = new SlotWatch("t1", new RecordingCapture(), 10L << 20, warnings::add);

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
}
