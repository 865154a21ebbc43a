package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.change.TaskProgress;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import io.opendms.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyLoopTest {
  private static final TableId SOURCE = new TableId("src", "t");
  private static final TableId TARGET = new TableId("dst", "t");
  private static final TableId OTHER = new TableId("src", "other");

  @TempDir Path dir;

  @Test
  void groupsSmallTransactionsAndAcknowledgesOnlyCommittedPositions() throws Exception {
    var applier = new RecordingApplier();
    var capture = new RecordingCapture();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      for (int tx = 1; tx <= 5; tx++) {
        transaction(buffer, tx, 2);
      }
      CdcCounters counters = new CdcCounters(Clock.systemUTC());
      ApplyLoop loop = loop(buffer, applier, capture, new CdcOptions(4, Duration.ofHours(1),
          Duration.ofHours(1), null, null), counters);
      stopWhenDrained(buffer, loop);
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED);
      assertThat(counters.snapshot(buffer).tables()).containsExactly(
          Map.entry(TARGET, new TableChanges(10, 0, 0, 0)));
      assertThat(counters.snapshot(buffer).applied()).isEqualTo(10);
    }
    // 4 changes per commit at the earliest, never inside a transaction; the rest on stop
    assertThat(applier.commits).containsExactly("0/2:4", "0/4:4", "0/5:2");
    assertThat(capture.acknowledged).containsExactly(new PgLsn(2), new PgLsn(4), new PgLsn(5));
    assertThat(applier.applied).allMatch(c -> ((RowChange) c).table().equals(TARGET));
  }

  @Test
  void eachCommitTellsTheApplierTheBacklogTheNewestReadAndTheBytesItCommits() throws Exception {
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      for (int tx = 1; tx <= 3; tx++) {
        transaction(buffer, tx, 2);
      }
      CdcCounters counters = new CdcCounters(Clock.systemUTC());
      counters.captured(6, 48, new Commit(3, new PgLsn(3), Instant.ofEpochSecond(3)));
      ApplyLoop loop = loop(buffer, applier, new RecordingCapture(), new CdcOptions(2, Duration.ofHours(1),
          Duration.ofHours(1), null, null), counters);
      stopWhenDrained(buffer, loop);
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED);
    }
    assertThat(applier.commits).containsExactly("0/1:2", "0/2:2", "0/3:2");
    // the rows still waiting in the buffer at each commit
    assertThat(applier.progress).extracting(TaskProgress::pendingChanges).containsExactly(4L, 2L, 0L);
    assertThat(applier.progress).allSatisfy(p -> {
      assertThat(p.readPosition()).contains("0/3");
      assertThat(p.readCommitTime()).contains(Instant.ofEpochSecond(3));
      assertThat(p.diskSwapBytes()).isZero();
      assertThat(p.memoryBytes()).isPositive();
    });
    assertThat(applier.bytes).as("two int values of 8 bytes").containsExactly(16L, 16L, 16L);
  }

  @Test
  void aBatchIsAppliedOnceItsChangesReachTheMemoryLimitEvenBelowTheChangeCount() throws Exception {
    var applier = new RecordingApplier();
    long oneChange = ChangeBuffer.estimate(
        RowChange.of(TARGET, Operation.INSERT, null, new Object[] {10}, List.of()));
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      for (int tx = 1; tx <= 5; tx++) {
        transaction(buffer, tx, 2);
      }
      ApplyLoop loop = loop(buffer, applier, new RecordingCapture(), new CdcOptions(1000,
          Duration.ofHours(1), Duration.ofHours(1), null, null, 3 * oneChange));
      stopWhenDrained(buffer, loop);
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED);
    }
    // the transaction that reaches three changes' worth is the last of its batch
    assertThat(applier.commits).containsExactly("0/2:4", "0/4:4", "0/5:2");
  }

  @Test
  void dropsChangesOfUnmappedTablesAndStopsAtCommitTime() throws Exception {
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      buffer.put(new Begin(1, Instant.ofEpochSecond(10)));
      buffer.put(RowChange.of(OTHER, Operation.INSERT, null, new Object[] {1}, List.of()));
      buffer.put(RowChange.of(SOURCE, Operation.INSERT, null, new Object[] {1}, List.of()));
      buffer.put(new Commit(1, new PgLsn(1), Instant.ofEpochSecond(10)));
      transaction(buffer, 2, 1); // committed at 2 s: before the stop time
      buffer.put(new Begin(3, Instant.ofEpochSecond(100)));
      ApplyLoop loop = loop(buffer, applier, new RecordingCapture(), new CdcOptions(1000,
          Duration.ofHours(1), Duration.ofHours(1), null, Instant.ofEpochSecond(50)));
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED_AT_COMMIT_TIME);
    }
    assertThat(applier.applied).hasSize(2);
    assertThat(applier.commits).containsExactly("0/2:2");
  }

  @Test
  void stopsAfterTheCachedChangesBeforeTheFirstTransactionCommittedAfterTheFullLoad() throws Exception {
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      transaction(buffer, 2, 3);
      transaction(buffer, 4, 1);
      transaction(buffer, 60, 2); // committed after the full load ended (50 s)
      ApplyLoop loop = loop(buffer, applier, new RecordingCapture(), new CdcOptions(1000,
          Duration.ofHours(1), Duration.ofHours(1), null, null))
          .stoppingAfterChangesCommittedBy(Instant.ofEpochSecond(50));
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED_AFTER_CACHED_EVENTS);
    }
    assertThat(applier.applied).hasSize(4);
    assertThat(applier.commits).containsExactly("0/4:4");
  }

  @Test
  void stopsAfterTheCachedChangesOnceNoChangeCameForAWhile() throws Exception {
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      transaction(buffer, 2, 2);
      ApplyLoop loop = loop(buffer, applier, new RecordingCapture(), new CdcOptions(1000,
          Duration.ofHours(1), Duration.ofHours(1), null, null))
          .stoppingAfterChangesCommittedBy(Instant.ofEpochSecond(50));
      long started = System.nanoTime();
      assertThat(loop.run()).isEqualTo(CdcStop.STOPPED_AFTER_CACHED_EVENTS);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ApplyLoop.CACHE_DRAINED_AFTER);
    }
    assertThat(applier.commits).containsExactly("0/2:2");
  }

  @Test
  void holdsAReloadedTableAndAppliesOnlyItsChangesCommittedAfterTheSnapshotPoint() throws Exception {
    TableId otherTarget = new TableId("dst", "other");
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir.resolve("buffer"));
        TableHold hold = new TableHold(java.util.Set.of(TARGET), 1 << 20, dir.resolve("hold"))) {
      ApplyLoop loop = new ApplyLoop(buffer, applier, new RecordingCapture(),
          new CdcCounters(Clock.systemUTC()), new CdcOptions(1, Duration.ofHours(1), Duration.ZERO,
              null, null), Map.of(SOURCE, TARGET, OTHER, otherTarget), commit -> { }, Clock.systemUTC());
      loop.hold(hold);
      buffer.put(new Begin(1, Instant.ofEpochSecond(1)));
      buffer.put(RowChange.of(OTHER, Operation.INSERT, null, new Object[] {1}, List.of()));
      buffer.put(RowChange.of(SOURCE, Operation.INSERT, null, new Object[] {10}, List.of()));
      buffer.put(new Commit(1, new PgLsn(1), Instant.ofEpochSecond(1)));
      transaction(buffer, 2, 1);
      transaction(buffer, 3, 1);
      Thread runner = runInBackground(loop);
      assertThat(hold.awaitHolding(Duration.ofSeconds(10))).isTrue();
      while (!buffer.isEmpty()) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      assertThat(applier.applied).extracting(c -> ((RowChange) c).table()).containsExactly(otherTarget);

      hold.loaded(new PgLsn(2)); // the reload's snapshot holds transactions 1 and 2
      while (!hold.isReleased()) {
        Thread.sleep(10);
      }
      loop.stop();
      runner.join(10_000);
    }
    assertThat(applier.applied).extracting(c -> ((RowChange) c).after().get(0)).containsExactly(1, 30);
    assertThat(applier.commits).last().isEqualTo("0/3:1");
  }

  @Test
  void aReloadWhoseSnapshotIsAheadOfTheStreamDropsTheTablesChangesUpToItsPointWhenTheyArrive()
      throws Exception {
    var applier = new RecordingApplier();
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir.resolve("buffer"));
        TableHold hold = new TableHold(java.util.Set.of(TARGET), 1 << 20, dir.resolve("hold"))) {
      ApplyLoop loop = new ApplyLoop(buffer, applier, new RecordingCapture(),
          new CdcCounters(Clock.systemUTC()), new CdcOptions(1, Duration.ofHours(1), Duration.ZERO,
              null, null), Map.of(SOURCE, TARGET), commit -> { }, Clock.systemUTC());
      loop.hold(hold);
      transaction(buffer, 1, 1);
      Thread runner = runInBackground(loop);
      assertThat(hold.awaitHolding(Duration.ofSeconds(10))).isTrue();
      // the reload's snapshot already holds transactions up to 5; the stream read only 1 so far
      hold.loaded(new PgLsn(5));
      Thread.sleep(300);
      assertThat(hold.isReleased()).as("the stream has not passed the point yet").isFalse();
      transaction(buffer, 4, 1); // in the snapshot: must not be applied on top of it
      transaction(buffer, 6, 1);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!hold.isReleased() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      loop.stop();
      runner.join(10_000);
      assertThat(hold.isReleased()).isTrue();
    }
    assertThat(applier.applied).extracting(c -> ((RowChange) c).after().get(0)).containsExactly(60);
  }

  @Test
  void anIdleLoopRecordsThatItRunsAtOnceAndThenEveryFewSecondsButNotWhileChangesAreHeld() throws Exception {
    var applier = new RecordingApplier();
    var clock = new SettableClock(Instant.parse("2026-12-01T04:00:00Z"));
    try (ChangeBuffer buffer = new ChangeBuffer(1 << 20, dir)) {
      ApplyLoop loop = new ApplyLoop(buffer, applier, new RecordingCapture(), new CdcCounters(clock),
          new CdcOptions(100, Duration.ofHours(1), Duration.ofHours(1), null, null), Map.of(SOURCE, TARGET),
          commit -> { }, clock);
      Thread running = runInBackground(loop);
      awaitRunningRecords(applier, 1); // at once: a resumed task shows it runs before any change
      Thread.sleep(300);
      assertThat(applier.running).hasSize(1);
      clock.advance(ControlTableWrites.STATUS_INTERVAL);
      awaitRunningRecords(applier, 2);

      transaction(buffer, 1, 2); // held: the options commit only after an hour or 100 changes
      while (!buffer.isEmpty()) {
        Thread.sleep(10);
      }
      clock.advance(ControlTableWrites.STATUS_INTERVAL.multipliedBy(3));
      Thread.sleep(300);
      assertThat(applier.running).hasSize(2);
      assertThat(applier.commits).isEmpty();
      loop.stop();
      running.join(5_000);
      assertThat(running.isAlive()).isFalse();
    }
    assertThat(applier.commits).containsExactly("0/1:2");
    assertThat(applier.running).allSatisfy(p -> assertThat(p.pendingChanges()).isZero());
  }

  private static void awaitRunningRecords(RecordingApplier applier, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (applier.running.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(applier.running).hasSize(count);
  }

  private static void transaction(ChangeBuffer buffer, int tx, int rows) {
    buffer.put(new Begin(tx, Instant.ofEpochSecond(tx)));
    for (int i = 0; i < rows; i++) {
      buffer.put(RowChange.of(SOURCE, Operation.INSERT, null, new Object[] {tx * 10 + i}, List.of()));
    }
    buffer.put(new Commit(tx, new PgLsn(tx), Instant.ofEpochSecond(tx)));
  }

  private static ApplyLoop loop(ChangeBuffer buffer, ChangeApplier applier, ChangeCapture capture,
      CdcOptions options) {
    return loop(buffer, applier, capture, options, new CdcCounters(Clock.systemUTC()));
  }

  private static ApplyLoop loop(ChangeBuffer buffer, ChangeApplier applier, ChangeCapture capture,
      CdcOptions options, CdcCounters counters) {
    return new ApplyLoop(buffer, applier, capture, counters, options, Map.of(SOURCE, TARGET),
        commit -> { }, Clock.systemUTC());
  }

  /** Runs the loop on a thread of its own, started. */
  private static Thread runInBackground(ApplyLoop loop) {
    Thread thread = new Thread(() -> {
      try {
        loop.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    thread.start();
    return thread;
  }

  private static void stopWhenDrained(ChangeBuffer buffer, ApplyLoop loop) {
    Thread stopper = new Thread(() -> {
      while (!buffer.isEmpty()) {
        Thread.onSpinWait();
      }
      loop.stop();
    });
    stopper.setDaemon(true);
    stopper.start();
  }

  /** Records what it is asked to do. */
  private static final class RecordingApplier implements ChangeApplier {
    final List<DataChange> applied = new ArrayList<>();
    final List<String> commits = new ArrayList<>();
    final List<TaskProgress> progress = new ArrayList<>();
    final List<Long> bytes = new ArrayList<>();
    final List<TaskProgress> running = new CopyOnWriteArrayList<>();
    private long held;

    @Override
    public Optional<StoredPosition> storedPosition() {
      return Optional.empty();
    }

    @Override
    public void apply(DataChange change) {
      applied.add(change);
      held++;
    }

    @Override
    public long commit(SourcePosition through, Instant commitTime, long committedBytes, TaskProgress task) {
      progress.add(task);
      bytes.add(committedBytes);
      return commit(through, commitTime);
    }

    @Override
    public long commit(SourcePosition through, Instant commitTime) {
      commits.add(through.format() + ":" + held);
      long written = held;
      held = 0;
      return written;
    }

    @Override
    public void recordRunning(TaskProgress task) {
      running.add(task);
    }

    @Override
    public void close() {}
  }
}
