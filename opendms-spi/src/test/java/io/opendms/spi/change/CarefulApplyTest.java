package io.opendms.spi.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.ApplyConflict.Kind;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CarefulApplyTest {
  private static final TableId T = new TableId("s", "t");
  private static final TableId U = new TableId("s", "u");

  /** A target refusing the changes named in {@code refuse}, recording what it was asked. */
  private static final class FakeTarget implements CarefulApply.Target<RuntimeException> {
    final Map<RowChange, Kind> refuse;
    final List<String> calls = new ArrayList<>();
    boolean upsertFails;

    FakeTarget(Map<RowChange, Kind> refuse) {
      this.refuse = refuse;
    }

    @Override
    public ApplyConflict applyAlone(RowChange change) {
      calls.add("apply " + change.after());
      Kind kind = refuse.get(change);
      return kind == null ? null : new ApplyConflict(change, kind, "stmt " + change.after(), "refused", null);
    }

    @Override
    public ApplyConflict upsertAlone(RowChange change) {
      calls.add("upsert " + change.after());
      return upsertFails ? new ApplyConflict(change, Kind.DATA_ERROR, "upsert", "still refused", null) : null;
    }

    @Override
    public void recordException(ApplyConflict conflict) {
      calls.add("exception " + conflict.statement() + ": " + conflict.error());
    }

    @Override
    public void recordSuspended(TableId table, String reason) {
      calls.add("suspended " + table + " " + reason);
    }
  }

  private static RowChange insert(TableId table, Object... values) {
    return new RowChange(table, Operation.INSERT, null, Arrays.asList(values), List.of());
  }

  @Test
  void eachAnswerIsCarriedOutAndASuspendedTableGetsNothingMore() {
    RowChange logged = insert(T, 1);
    RowChange suspending = insert(T, 2);
    RowChange later = insert(T, 3);
    RowChange other = insert(U, 4);
    FakeTarget target = new FakeTarget(Map.of(logged, Kind.DUPLICATE_KEY, suspending, Kind.DATA_ERROR));
    CarefulApply<RuntimeException> careful = new CarefulApply<>(target,
        c -> c.change() == logged ? ApplyResolution.LOG : ApplyResolution.SUSPEND_TABLE,
        c -> new IllegalStateException("stop"));
    for (RowChange change : List.of(logged, suspending, later, other)) {
      careful.apply(change);
    }
    assertThat(careful.isSuspended(T)).isTrue();
    assertThat(target.calls).containsExactly("apply [1]", "exception stmt [1]: refused", "apply [2]",
        "exception stmt [2]: refused", "suspended s.t DATA_ERROR: refused", "apply [4]");
  }

  @Test
  void upsertsNeedEveryValueAndAFailedUpsertIsRecorded() {
    RowChange partial = new RowChange(T, Operation.UPDATE, null, Arrays.asList(1, null), List.of(1));
    RowChange full = new RowChange(T, Operation.UPDATE, null, Arrays.asList(2, "x"), List.of());
    FakeTarget target = new FakeTarget(Map.of(partial, Kind.ROW_NOT_FOUND, full, Kind.ROW_NOT_FOUND));
    target.upsertFails = true;
    CarefulApply<RuntimeException> careful = new CarefulApply<>(target, c -> ApplyResolution.UPSERT,
        c -> new IllegalStateException("stop"));
    careful.apply(partial);
    careful.apply(full);
    assertThat(target.calls).containsExactly("apply [1, null]",
        "exception stmt [1, null]: refused; not upserted: the change lacks the values of unchanged columns",
        "apply [2, x]", "upsert [2, x]", "exception upsert: still refused");
  }

  @Test
  void aReplayAsksThePolicyOncePerChangeAndStopThrows() {
    RowChange refused = insert(T, 1);
    FakeTarget target = new FakeTarget(Map.of(refused, Kind.DUPLICATE_KEY));
    AtomicInteger asked = new AtomicInteger();
    CarefulApply<RuntimeException> careful = new CarefulApply<>(target, c -> {
      asked.incrementAndGet();
      return ApplyResolution.SKIP;
    }, c -> new IllegalStateException("stop"));
    careful.hold(refused);
    assertThat(careful.replaying()).isFalse();
    assertThat(careful.startReplay()).containsExactly(refused);
    assertThat(careful.replaying()).isTrue();
    careful.apply(refused);
    careful.apply(refused);
    assertThat(asked).hasValue(1);
    careful.committed();
    assertThat(careful.replaying()).isFalse();
    assertThat(careful.startReplay()).isEmpty();

    CarefulApply<RuntimeException> stopping = new CarefulApply<>(target, c -> ApplyResolution.STOP,
        c -> new IllegalStateException("stopped at " + c.statement()));
    assertThatThrownBy(() -> stopping.apply(refused)).hasMessage("stopped at stmt [1]");
  }
}
