package io.opendms.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveredApplierTest {
  private static final Instant COMMITTED = Instant.parse("2026-01-01T10:00:00Z");
  private static final TableId ORDERS = new TableId("public", "orders");

  @TempDir Path dataDir;

  /** Records calls; flush fails when told to, as a broker that went away. */
  private static final class RecordingDelivery implements ChangeDelivery {
    final List<String> calls = new ArrayList<>();
    boolean failFlush;
    int unflushed;

    @Override
    public void begin(Begin begin) {
      calls.add("begin " + begin.xid());
    }

    @Override
    public void deliver(DataChange change) {
      calls.add("deliver");
      unflushed++;
    }

    @Override
    public long flush() {
      if (failFlush) {
        throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "broker gone");
      }
      calls.add("flush");
      long rows = unflushed;
      unflushed = 0;
      return rows;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private static RowChange insert(int id) {
    return RowChange.of(ORDERS, RowChange.Operation.INSERT, null, new Object[] {id}, List.of());
  }

  @Test
  void thePositionIsStoredOnlyAfterTheTargetAcknowledgedTheChanges() {
    var delivery = new RecordingDelivery();
    try (TaskStateStore store = TaskStateStore.open(dataDir, "to-kafka")) {
      var applier = new DeliveredApplier(delivery, store);
      assertThat(applier.storedPosition()).isEmpty();
      applier.begin(new Begin(7, COMMITTED));
      applier.apply(insert(1));
      applier.apply(insert(2));

      assertThat(applier.commit(new PgLsn(0x16B3748L), COMMITTED)).isEqualTo(2);
      applier.close();

      assertThat(delivery.calls).containsExactly("begin 7", "deliver", "deliver", "flush", "close");
    }
    try (TaskStateStore store = TaskStateStore.open(dataDir, "to-kafka")) {
      assertThat(new DeliveredApplier(new RecordingDelivery(), store).storedPosition())
          .contains(new StoredPosition("0/16B3748", COMMITTED));
    }
  }

  @Test
  void aFailedAcknowledgementKeepsTheEarlierPosition() {
    var delivery = new RecordingDelivery();
    try (TaskStateStore store = TaskStateStore.open(dataDir, "to-kafka")) {
      var applier = new DeliveredApplier(delivery, store);
      applier.commit(new PgLsn(100), COMMITTED);
      applier.apply(insert(3));
      delivery.failFlush = true;

      assertThatThrownBy(() -> applier.commit(new PgLsn(200), COMMITTED.plusSeconds(1)))
          .hasMessageContaining("broker gone");
      assertThat(applier.storedPosition())
          .contains(new StoredPosition(new PgLsn(100).format(), COMMITTED));
    }
  }
}
