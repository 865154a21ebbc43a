package io.opendms.engine.fullload;

import io.opendms.engine.mapping.RowContext;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.throughput.PayloadSize;
import io.opendms.spi.data.ByteSink;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.data.RowConsumer;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.target.DataRefusedException;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.table.Column;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a full load: takes partitions from the shared queue and copies each from a
 * snapshot reader into a target transaction, over connections of its own that it opens on first
 * use and reopens after a failure. Reports every job to the coordinator's outcome queue.
 */
final class PartitionWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
  /** Decoded rows are added to the table's progress in steps of this many. */
  private static final int PROGRESS_STEP = 1024;

  private final SnapshotSession snapshot;
  /** Opens the worker's target session (DMS ParallelLoadBufferSize already applied). */
  private final Supplier<TargetSession> sessions;
  private final Queue<PartitionJob> jobs;
  private final BlockingQueue<JobOutcome> outcomes;
  private final BooleanSupplier stopping;
  private final Runnable stopLoad;
  private final RefusedRows refusedRows;
  private SnapshotReader reader;
  private TargetSession session;

  PartitionWorker(
      SnapshotSession snapshot,
      Supplier<TargetSession> sessions,
      Queue<PartitionJob> jobs,
      BlockingQueue<JobOutcome> outcomes,
      BooleanSupplier stopping,
      Runnable stopLoad,
      RefusedRows refusedRows) {
    this.stopLoad = stopLoad;
    this.refusedRows = refusedRows;
    this.snapshot = snapshot;
    this.sessions = sessions;
    this.jobs = jobs;
    this.outcomes = outcomes;
    this.stopping = stopping;
  }

  @Override
  public void run() {
    try {
      PartitionJob job;
      while ((job = jobs.poll()) != null) {
        try {
          outcomes.add(runOne(job));
        } catch (Throwable e) {
          // Every job must be reported or the coordinator waits forever; an Error (out of
          // memory) fails this partition and the worker goes on with fresh connections.
          closeConnections();
          outcomes.add(JobOutcome.failed(job, e));
        }
      }
    } finally {
      closeConnections();
    }
  }

  private JobOutcome runOne(PartitionJob job) {
    if (stopping.getAsBoolean() || job.table().hasFailed()) {
      return JobOutcome.skipped(job);
    }
    job.table().markStarted();
    try {
      if (reader == null) {
        reader = snapshot.openReader();
      }
      if (session == null) {
        session = sessions.get();
      }
      long rows =
          job.table().path().nativeFormat().isPresent() && lobsFitNativePath(job)
              ? copyNative(job, job.table().path().nativeFormat().get())
              : copyDecoded(job);
      log.debug("{}: {} rows committed", job, rows);
      return JobOutcome.committed(job, rows);
    } catch (LoadCancelledException e) {
      closeConnections();
      return JobOutcome.skipped(job);
    } catch (RuntimeException e) {
      // The connections may be broken or mid-statement: start the next job on fresh ones.
      closeConnections();
      if (refusedRows != null && DataRefusedException.in(e) != null) {
        return loadCarefully(job);
      }
      return JobOutcome.failed(job, e);
    }
  }

  /** The target refused rows of the partition: load it in chunks, deciding about each refused row. */
  private JobOutcome loadCarefully(PartitionJob job) {
    try {
      reader = snapshot.openReader();
      session = sessions.get();
      return JobOutcome.committed(job, CarefulPartitionLoad.load(reader, session, refusedRows, job, stopping));
    } catch (LoadCancelledException e) {
      closeConnections();
      return JobOutcome.skipped(job);
    } catch (RuntimeException e) {
      closeConnections();
      if (e instanceof RefusedRows.TableStopped stopped && stopped.stopTask()) {
        // Stop before reporting: else this worker takes the next table's partition before the
        // coordinator reads the outcome and stops the load.
        stopLoad.run();
      }
      return JobOutcome.failed(job, e);
    }
  }

  /**
   * Whether the native path, which copies values undecoded and whole, may copy the partition:
   * limited LOB mode would cut none of its values, and full LOB mode would read none by lookup.
   * Else the partition goes the decoded way.
   */
  private boolean lobsFitNativePath(PartitionJob job) {
    TableTransform transform = job.table().plan().transform();
    List<Column> measured = transform.cutLobColumns();
    long limit = transform.lobMode().maxBytes();
    if (measured.isEmpty()) {
      measured = transform.lobLookups().keySet().stream()
          .map(i -> transform.source().columns().get(i)).toList();
      limit = transform.lobMode().lookupAboveBytes();
    }
    if (measured.isEmpty()) {
      return true;
    }
    OptionalLong longest = reader.longestValue(job.partition(), measured);
    boolean fits = longest.isPresent() && longest.getAsLong() <= limit;
    if (!fits) {
      log.info("{}: LOB values may be longer than {} bytes: decoded to be {}", job, limit,
          transform.lobMode().truncates() ? "cut" : "read by lookup");
    }
    return fits;
  }

  private long copyNative(PartitionJob job, NativeFormat format) {
    TableLoadProgress table = job.table();
    var sink = new ProgressSink(table);
    try (NativeLoad load = job.openNativeLoad(session, format)) {
      sink.delegate = load;
      long exported = reader.export(job.partition(), table.plan().source().columns(), format, sink);
      long stored = load.commit();
      table.addRows(stored - sink.reported);
      if (stored != exported) {
        throw new IllegalStateException(
            job + ": source exported " + exported + " rows but the target stored " + stored);
      }
      return stored;
    } catch (RuntimeException e) {
      // The rows counted so far were rolled back with the transaction.
      table.addRows(-sink.reported);
      throw e;
    }
  }

  private long copyDecoded(PartitionJob job) {
    TableLoadProgress table = job.table();
    var consumer = new ProgressRows(table);
    TableTransform transform = table.plan().transform();
    RowContext loading = RowContext.load(Instant.now());
    Optional<DeferredLobs> lobs = DeferredLobs.of(transform, session);
    UnaryOperator<Object[]> toTarget = transform.keepsRows() ? values -> values
        : values -> transform.row(values, loading);
    try (RowLoad load = job.openRowLoad(session)) {
      List<Column> columns = table.plan().source().columns();
      if (lobs.isPresent()) {
        consumer.delegate = values -> load.accept(lobs.get().targetRow(values, toTarget));
        reader.read(job.partition(), columns, transform.lobMode().lookupAboveBytes(), consumer);
      } else {
        consumer.delegate = transform.keepsRows() ? load
            : values -> load.accept(toTarget.apply(values));
        reader.read(job.partition(), columns, consumer);
      }
      long stored = load.commit();
      table.addRows(stored - consumer.reported);
      if (lobs.isPresent() && lobs.get().count() > 0) {
        int count = lobs.get().count();
        long bytes = lobs.get().writeAll(reader, session, this::checkNotStopping);
        table.addBytes(bytes);
        log.info("{}: {} LOB value(s) of {} bytes read by lookup", job, count, bytes);
      }
      return stored;
    } catch (RuntimeException e) {
      table.addRows(-consumer.reported);
      throw e;
    }
  }

  private void checkNotStopping() {
    if (stopping.getAsBoolean()) {
      throw new LoadCancelledException();
    }
  }

  private void closeConnections() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** Passes bytes through, counting rows for progress and noticing a stop. */
  private final class ProgressSink implements ByteSink {
    private final TableLoadProgress table;
    private ByteSink delegate;
    long reported;

    ProgressSink(TableLoadProgress table) {
      this.table = table;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      delegate.write(buffer, offset, length);
      table.addBytes(length);
    }

    @Override
    public void rowsCompleted(long rows) {
      checkNotStopping();
      reported += rows;
      table.addRows(rows);
    }
  }

  /** Passes rows through, counting them for progress and noticing a stop. */
  private final class ProgressRows implements RowConsumer {
    private final TableLoadProgress table;
    private RowConsumer delegate;
    long reported;
    private int pending;
    private long pendingBytes;

    ProgressRows(TableLoadProgress table) {
      this.table = table;
    }

    @Override
    public void accept(Object[] values) {
      delegate.accept(values);
      pendingBytes += PayloadSize.ofRow(values);
      if (++pending == PROGRESS_STEP) {
        checkNotStopping();
        reported += pending;
        table.addRows(pending);
        table.addBytes(pendingBytes);
        pending = 0;
        pendingBytes = 0;
      }
    }
  }
}
