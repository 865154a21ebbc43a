package io.opendms.engine.schema;

import static io.opendms.engine.schema.TargetSchemasTest.ORDERS;
import static io.opendms.engine.schema.TargetSchemasTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.table.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterSyncTest {

  private final FixedSource source = new FixedSource();
  private final RecordingTarget target = new RecordingTarget();

  @Test
  void setsCountersAndSequencesUnderTheTargetsNames() {
    source.sequences.add(new StandaloneSequence(new TableId("shop", "invoices"), 1, 1, 1, 99, false,
        7));
    source.sequences.add(new StandaloneSequence(new TableId("other", "unrelated"), 1, 1, 1, 99,
        false, 3));

    List<CounterSync.Result> results = new CounterSync(source, target,
        List.of(plan(ORDERS, "copy"))).run();

    assertThat(target.calls).containsExactly("counter copy.orders.id 42",
        "sequence copy.invoices 7");
    assertThat(results).extracting(CounterSync.Result::toString).containsExactly(
        "copy.orders.id: next value 42 (source's 42)",
        "sequence copy.invoices: next value 7 (source's 7)");
  }

  @Test
  void aColumnTheTargetTableLacksIsReportedNotSet() {
    source.counters.add(new IdentityCounter(ORDERS, "serial_no", 5));

    List<CounterSync.Result> results = new CounterSync(source, target,
        List.of(plan(ORDERS, "shop"))).run();

    assertThat(target.calls).containsExactly("counter shop.orders.id 42");
    assertThat(results.get(1).toString())
        .isEqualTo("shop.orders.serial_no: not set: the target table has no column serial_no");
  }
}
