package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.NonFiniteNumber;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeBufferTest {
  private static final TableId T = new TableId("s", "t");

  @TempDir Path dir;

  @Test
  void countsTheRowChangesWaitingAndTheBytesSpilledUntilTheyAreTaken() throws Exception {
    try (ChangeBuffer buffer = new ChangeBuffer(1_000, dir)) {
      buffer.put(new Begin(1, Instant.EPOCH));
      for (int i = 0; i < 50; i++) {
        buffer.put(RowChange.of(T, Operation.INSERT, null, new Object[] {i, "row " + i}, List.of()));
      }
      buffer.put(new Commit(1, new PgLsn(1), Instant.EPOCH));
      assertThat(buffer.waitingRowChanges()).isEqualTo(50);
      assertThat(buffer.diskEvents()).isPositive();
      long spilled = buffer.diskBytes();
      assertThat(spilled).isPositive();
      int taken = 0;
      while (buffer.diskBytes() == spilled) {
        buffer.poll(Duration.ZERO);
        taken++;
      }
      assertThat(buffer.diskBytes()).as("read back from disk").isLessThan(spilled);
      assertThat(buffer.waitingRowChanges()).isEqualTo(50 - (taken - 1)); // the Begin is no row change
      while (buffer.poll(Duration.ZERO) != null) {
        Thread.onSpinWait();
      }
      assertThat(buffer.waitingRowChanges()).isZero();
      assertThat(buffer.diskBytes()).isZero();
    }
  }

  @Test
  void spillsBeyondTheMemoryLimitAndReturnsEveryEventInOrder() throws Exception {
    List<ChangeEvent> written = new ArrayList<>();
    try (ChangeBuffer buffer = new ChangeBuffer(10_000, dir)) {
      for (int i = 0; i < 2_000; i++) {
        ChangeEvent event = i % 10 == 0 ? new Begin(i, Instant.ofEpochSecond(i))
            : i % 10 == 9 ? new Commit(i, new PgLsn(i), Instant.ofEpochSecond(i))
            : RowChange.of(T, Operation.INSERT, null, new Object[] {i, "row " + i}, List.of());
        buffer.put(event);
        written.add(event);
        if (i == 1_000) {
          assertThat(buffer.diskEvents()).isPositive();
          assertThat(buffer.memoryEvents()).isLessThan(200);
        }
      }
      List<ChangeEvent> read = new ArrayList<>();
      for (ChangeEvent event = buffer.poll(Duration.ZERO); event != null; event = buffer.poll(Duration.ZERO)) {
        read.add(event);
        if (read.size() == 500) {
          buffer.put(new Begin(99_999, Instant.EPOCH)); // goes behind the spilled events
          written.add(new Begin(99_999, Instant.EPOCH));
        }
      }
      assertThat(read).isEqualTo(written);
      assertThat(buffer.diskEvents()).isZero();
    }
  }

  @Test
  void eventsSpillOnceTheOldestInMemoryWaitedLongerThanTheKeepTime() throws Exception {
    List<ChangeEvent> written = new ArrayList<>();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, Duration.ofMillis(50), dir)) {
      for (int i = 0; i < 3; i++) {
        written.add(new Begin(i, Instant.EPOCH));
        buffer.put(written.get(i));
      }
      Thread.sleep(120); // the oldest is now older than the keep time, whatever the clock's grain
      for (int i = 3; i < 6; i++) {
        written.add(new Begin(i, Instant.EPOCH));
        buffer.put(written.get(i));
      }
      assertThat(buffer.memoryEvents()).isEqualTo(3);
      assertThat(buffer.diskEvents()).isEqualTo(3);
      List<ChangeEvent> read = new ArrayList<>();
      for (ChangeEvent event = buffer.poll(Duration.ZERO); event != null; event = buffer.poll(Duration.ZERO)) {
        read.add(event);
      }
      assertThat(read).isEqualTo(written);
      buffer.put(new Begin(6, Instant.EPOCH)); // caught up: memory again
      assertThat(buffer.memoryEvents()).isEqualTo(1);
    }
  }

  @Test
  void commitsOfABinlogSourceSurviveTheSpillFiles() throws Exception {
    // a MySQL/MariaDB task's commits carry binlog positions, with and without a GTID
    List<ChangeEvent> written = List.of(
        new Commit(1, new BinlogPosition("mysql-bin.000024", 373), Instant.ofEpochSecond(1)),
        new Commit(2, new BinlogPosition("mysql-bin.000025", 4, "0-1-42"), Instant.ofEpochSecond(2)),
        new Commit(3, new PgLsn(0x16B3748L), Instant.ofEpochSecond(3)));
    try (ChangeBuffer buffer = new ChangeBuffer(0, dir)) {
      for (ChangeEvent event : written) {
        buffer.put(event);
      }
      assertThat(buffer.diskEvents()).isPositive();
      List<ChangeEvent> read = new ArrayList<>();
      for (ChangeEvent event = buffer.poll(Duration.ZERO); event != null; event = buffer.poll(Duration.ZERO)) {
        read.add(event);
      }
      assertThat(read).isEqualTo(written);
      assertThat(((Commit) read.get(1)).position()).hasToString("mysql-bin.000025:4 (gtid 0-1-42)");
    }
  }

  @Test
  void everyCanonicalValueSurvivesTheSpillFiles() throws Exception {
    Object[] values = {null, true, (short) 3, 4, 5L, new BigInteger("123456789012345678901234567890"),
        new BigDecimal("-12.340"), NonFiniteNumber.values()[0], 1.5f, Double.NaN, "ünï\tcode", new byte[] {0, -1},
        LocalDate.MAX, LocalTime.of(1, 2, 3, 4000), OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(-5)),
        LocalDateTime.MIN, Instant.parse("2024-02-29T12:00:00.123456Z"), UUID.randomUUID()};
    try (ChangeBuffer buffer = new ChangeBuffer(0, dir)) {
      buffer.put(RowChange.of(T, Operation.UPDATE, values.clone(), values, List.of(2)));
      RowChange read = (RowChange) buffer.poll(Duration.ZERO);
      assertThat(Arrays.deepEquals(read.after().toArray(), values)).as(read.after().toString()).isTrue();
      assertThat(read.unchanged()).containsExactly(2);
    }
  }

  @Test
  void aDamagedSpillRecordFailsItsChecksum() throws Exception {
    try (ChangeBuffer buffer = new ChangeBuffer(0, dir)) {
      // more than the reader's 64 KiB buffer, so the damaged record is read from the file
      for (int i = 0; i < 200; i++) {
        buffer.put(RowChange.of(T, Operation.INSERT, null, new Object[] {"x".repeat(1000)}, List.of()));
      }
      buffer.poll(Duration.ZERO);
      Path segment;
      try (var files = Files.list(dir)) {
        segment = files.findFirst().orElseThrow();
      }
      try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
        file.seek(file.length() - 2);
        file.write('X');
      }
      assertThatThrownBy(() -> {
            while (buffer.poll(Duration.ZERO) != null) {
              // read up to the damaged record
            }
          })
          .isInstanceOf(OpenDmsException.class).hasMessageContaining("checksum");
    }
  }

  @Test
  void aParkedCaptureFailureComesAfterTheEventsBeforeIt() throws Exception {
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      buffer.put(new Begin(1, Instant.EPOCH));
      buffer.fail(new IllegalStateException("slot gone"));
      assertThat(buffer.poll(Duration.ZERO)).isInstanceOf(Begin.class);
      assertThatThrownBy(() -> buffer.poll(Duration.ofSeconds(1))).hasMessage("slot gone");
    }
  }
}
