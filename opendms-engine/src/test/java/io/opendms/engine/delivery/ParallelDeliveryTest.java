package io.opendms.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParallelDeliveryTest {
  private static final TableId ORDERS = new TableId("public", "orders");
  private static final TableId REFUSED = new TableId("public", "refused");
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT4), false, "int4"),
      new Column("note", DataType.of(DmsType.INT4), true, "int4"));
  private static final ApplyRequest REQUEST = new ApplyRequest("orders-task", List.of(
      new TargetTable(ORDERS, "postgres", COLUMNS, List.of("id")),
      new TargetTable(REFUSED, "postgres", COLUMNS, List.of("id"))), false, "");

  /** The target: what every delivery flushed, and the barriers they ran, in the order it happened. */
  private final List<String> target = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> deliveriesUsed = ConcurrentHashMap.newKeySet();
  /** The deliveries that learnt a DDL another one applied. */
  private final Set<String> followers = ConcurrentHashMap.newKeySet();
  private final List<RecordingDelivery> opened = Collections.synchronizedList(new ArrayList<>());

  /**
   * One delivery, as a broker client would behave: changes are held until flushed, then
   * acknowledged all at once ("id=v@xid"); a truncation or DDL is written when given. A change of
   * {@link #REFUSED} fails as a target refusing it.
   */
  private final class RecordingDelivery implements ChangeDelivery {
    private final String name = "delivery-" + opened.size();
    private final List<String> held = new ArrayList<>();
    private long xid = -1;
    volatile boolean closed;

    @Override
    public void begin(Begin begin) {
      xid = begin.xid();
    }

    @Override
    public void deliver(DataChange change) {
      deliveriesUsed.add(name);
      if (change instanceof Truncate) {
        target.add("truncate");
        return;
      }
      RowChange row = (RowChange) change;
      if (row.after() != null && Integer.valueOf(-1).equals(row.after().get(1))) {
        throw new AssertionError("an Error, not an exception");
      }
      if (row.table().equals(REFUSED)) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "table " + REFUSED
            + ": the target refused a change");
      }
      held.add(row.after().get(0) + "=" + row.after().get(1) + "@" + xid);
    }

    @Override
    public void applyDdl(SchemaChange change) {
      target.add("ddl");
    }

    @Override
    public void followDdl(SchemaChange change) {
      followers.add(name);
    }

    @Override
    public long flush() {
      target.addAll(held);
      long rows = held.size();
      held.clear();
      return rows;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private ParallelDelivery open(int threads) {
    return ParallelDelivery.open(REQUEST, new ParallelApply(threads, 3, 2), () -> {
      RecordingDelivery delivery = new RecordingDelivery();
      opened.add(delivery);
      return delivery;
    });
  }

  private static RowChange update(int id, int value) {
    return RowChange.of(ORDERS, RowChange.Operation.UPDATE, null, new Object[] {id, value},
        List.of());
  }

  /** The values acknowledged for one key, in the order the target received them. */
  private List<Integer> valuesOf(int id) {
    synchronized (target) {
      return target.stream().filter(w -> w.startsWith(id + "="))
          .map(w -> Integer.parseInt(w.substring(w.indexOf('=') + 1, w.indexOf('@'))))
          .collect(Collectors.toList());
    }
  }

  @Test
  void everyKeyKeepsItsOrderWhileKeysSpreadOverTheThreads() {
    try (ParallelDelivery delivery = open(4)) {
      for (int round = 0; round < 20; round++) {
        delivery.begin(new Begin(100 + round, Instant.EPOCH));
        for (int id = 1; id <= 50; id++) {
          delivery.deliver(update(id, round));
        }
      }
      assertThat(delivery.flush()).isEqualTo(1000);
    }
    List<Integer> rounds = java.util.stream.IntStream.range(0, 20).boxed().toList();
    for (int id = 1; id <= 50; id++) {
      assertThat(valuesOf(id)).as("key %d", id).isEqualTo(rounds);
    }
    assertThat(deliveriesUsed).hasSize(4);
    assertThat(opened).allMatch(d -> d.closed);
  }

  @Test
  void flushReturnsOnlyOnceEveryThreadFlushedAndCountsEveryRow() {
    try (ParallelDelivery delivery = open(3)) {
      for (int id = 1; id <= 10; id++) {
        delivery.deliver(update(id, 1));
      }
      assertThat(delivery.flush()).isEqualTo(10);
      assertThat(target).hasSize(10);
      assertThat(delivery.flush()).isZero();
    }
  }

  @Test
  void eachChangeCarriesTheTransactionItBelongsTo() {
    try (ParallelDelivery delivery = open(4)) {
      delivery.begin(new Begin(7, Instant.EPOCH));
      delivery.deliver(update(1, 1));
      delivery.deliver(update(2, 1));
      delivery.begin(new Begin(8, Instant.EPOCH));
      delivery.deliver(update(3, 2));
      delivery.deliver(update(1, 2));
      delivery.flush();
    }
    assertThat(target).containsExactlyInAnyOrder("1=1@7", "2=1@7", "3=2@8", "1=2@8");
  }

  @Test
  void aFailureOfOneThreadSurfacesOnFlushWithItsTableAndLeavesTheDeliveryUnusable() {
    ParallelDelivery delivery = open(4);
    delivery.deliver(update(1, 1));
    delivery.deliver(RowChange.of(REFUSED, RowChange.Operation.INSERT, null,
        new Object[] {5, 5}, List.of()));
    assertThatThrownBy(delivery::flush).isInstanceOfSatisfying(OpenDmsException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.TARGET_WRITE_FAILED);
      assertThat(e.getMessage()).contains("public.refused");
    });
    assertThatThrownBy(() -> delivery.deliver(update(2, 1)))
        .isInstanceOf(OpenDmsException.class).hasMessageContaining("public.refused");
    assertThatThrownBy(delivery::flush).hasMessageContaining("public.refused");
    delivery.close();
    delivery.close();
    assertThat(opened).hasSize(4).allMatch(d -> d.closed);
  }

  @Test
  void anErrorInAThreadFailsTheFlushInsteadOfLeavingItWaiting() {
    try (ParallelDelivery delivery = open(2)) {
      delivery.deliver(update(1, -1));
      assertThatThrownBy(delivery::flush).isInstanceOfSatisfying(OpenDmsException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
          .hasMessageContaining("an Error, not an exception");
    }
    assertThat(opened).allMatch(d -> d.closed);
  }

  @Test
  void aTruncationWaitsUntilEveryThreadFlushedAndNothingLaterOvertakesIt() {
    try (ParallelDelivery delivery = open(4)) {
      for (int id = 1; id <= 30; id++) {
        delivery.deliver(update(id, 1));
      }
      delivery.deliver(new Truncate(List.of(ORDERS), false));
      for (int id = 1; id <= 30; id++) {
        delivery.deliver(update(id, 2));
      }
      assertThat(delivery.flush()).isEqualTo(60);
    }
    assertBarrierBetweenRounds("truncate");
  }

  @Test
  void aDdlWaitsUntilEveryThreadFlushedNothingLaterOvertakesItAndTheOthersLearnIt() {
    try (ParallelDelivery delivery = open(4)) {
      for (int id = 1; id <= 30; id++) {
        delivery.deliver(update(id, 1));
      }
      delivery.applyDdl(new SchemaChange(ORDERS, SchemaChange.Kind.ALTER_TABLE, List.of(),
          COLUMNS, Optional.empty()));
      for (int id = 1; id <= 30; id++) {
        delivery.deliver(update(id, 2));
      }
      assertThat(delivery.flush()).isEqualTo(60);
    }
    assertBarrierBetweenRounds("ddl");
    assertThat(target).containsOnlyOnce("ddl");
    assertThat(followers).as("every other delivery learnt the DDL").hasSize(3);
  }

  /** Round 1 of every key before the barrier, round 2 after it. */
  private void assertBarrierBetweenRounds(String barrier) {
    int at = target.indexOf(barrier);
    assertThat(target.subList(0, at)).hasSize(30).allMatch(w -> w.contains("=1@"));
    assertThat(target.subList(at + 1, target.size())).hasSize(30).allMatch(w -> w.contains("=2@"));
  }

  @Test
  void anUpdateOfTheKeyComesAfterTheOldKeysChangesAndBeforeBothKeysLaterOnes() {
    try (ParallelDelivery delivery = open(4)) {
      for (int moved = 1; moved <= 20; moved++) {
        delivery.deliver(update(moved, 1));
        delivery.deliver(RowChange.of(ORDERS, RowChange.Operation.UPDATE, new Object[] {moved, 1},
            new Object[] {1000 + moved, 7}, List.of()));
        delivery.deliver(RowChange.of(ORDERS, RowChange.Operation.INSERT, null,
            new Object[] {moved, 99}, List.of()));
        delivery.deliver(update(1000 + moved, 8));
      }
      assertThat(delivery.flush()).isEqualTo(80);
    }
    for (int moved = 1; moved <= 20; moved++) {
      assertThat(valuesOf(moved)).containsExactly(1, 99);
      assertThat(valuesOf(1000 + moved)).containsExactly(7, 8);
      assertThat(target.indexOf(moved + "=1@-1")).isLessThan(target.indexOf((1000 + moved) + "=7@-1"));
      assertThat(target.indexOf((1000 + moved) + "=7@-1")).isLessThan(target.indexOf(moved + "=99@-1"));
    }
  }

  @Test
  void aDeliveryThatFailsToOpenClosesThoseOpenedBefore() {
    assertThatThrownBy(() -> ParallelDelivery.open(REQUEST, new ParallelApply(3, 3, 1), () -> {
      if (opened.size() == 2) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "broker gone");
      }
      RecordingDelivery delivery = new RecordingDelivery();
      opened.add(delivery);
      return delivery;
    })).hasMessage("broker gone");
    assertThat(opened).hasSize(2).allMatch(d -> d.closed);
  }
}
