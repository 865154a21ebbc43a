package io.opendms.connector.s3;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One partition of a table's full load as files {@code LOAD00000001...}, each uploaded while it
 * is written and completed when it reaches {@code MaxFileSize} and at {@link #commit()}. Files
 * uploaded before a failure stay in the bucket (S3 has no rollback); a reload with
 * DROP_AND_CREATE or TRUNCATE_BEFORE_LOAD deletes them first.
 *
 * <p>The rows are formatted on a thread of this load's own, fed in batches through a short
 * queue, while the caller's thread reads and decodes the next ones: on two cores, reading and
 * formatting each take about half of a load's time. The files are touched by that thread only
 * until it has ended ({@link #commit()} and {@link #close()} join it first).
 */
final class S3RowLoad implements RowLoad {
  private static final int BATCH_ROWS = 512;
  private static final int QUEUED_BATCHES = 4;
  /** Marks the end of the rows in the queue. */
  private static final List<Object[]> END = List.of();

  private final TargetTable table;
  private final S3Settings settings;
  private final S3Layout layout;
  private final TableFiles files;
  private final IntSupplier nextNumber;
  private final String loadTime;
  private final BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread writer;
  private List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
  /** What ended the writer thread early; it takes no more rows then. */
  private volatile RuntimeException failure;
  /** Set when the load is closed without commit: the writer thread drops the rows left. */
  private volatile boolean abandoned;
  private boolean ended;
  private TableFiles.OpenFile current;
  private long rows;

  S3RowLoad(TargetTable table, S3Settings settings, S3Layout layout, TableFiles files,
      IntSupplier nextNumber, String loadTime) {
    this.table = table;
    this.settings = settings;
    this.layout = layout;
    this.files = files;
    this.nextNumber = nextNumber;
    this.loadTime = loadTime;
    this.writer = new Thread(this::writeQueued, "s3-write " + table.id());
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void accept(Object[] values) {
    batch.add(values);
    if (batch.size() == BATCH_ROWS) {
      hand(batch);
      batch = new ArrayList<>(BATCH_ROWS);
    }
  }

  @Override
  public long commit() {
    if (!batch.isEmpty()) {
      hand(batch);
      batch = new ArrayList<>();
    }
    end();
    checkWriter();
    if (current != null) {
      uploadCurrent();
    }
    return rows;
  }

  @Override
  public void close() {
    if (!ended) {
      abandoned = true;
      end();
    }
    if (current != null) {
      current.discard();
      current = null;
    }
  }

  /** Queues rows for the writer thread; throws what stopped it, if it stopped. */
  private void hand(List<Object[]> rows) {
    try {
      while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
        checkWriter();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED,
          "interrupted writing the files of " + table.id(), e);
    }
    checkWriter();
  }

  private void checkWriter() {
    RuntimeException stopped = failure;
    if (stopped != null) {
      throw stopped;
    }
  }

  /** Ends the writer thread and waits for it: the files are this thread's again after. */
  private void end() {
    ended = true;
    boolean interrupted = false;
    boolean marked = false;
    while (writer.isAlive()) {
      try {
        marked = marked || queue.offer(END, 100, TimeUnit.MILLISECONDS);
        writer.join(100);
      } catch (InterruptedException e) {
        interrupted = true; // the thread's files must not be touched while it runs
        abandoned = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The writer thread: writes the queued rows until the end mark or a failure. */
  private void writeQueued() {
    try {
      for (List<Object[]> next = queue.take(); next != END && !abandoned;
          next = queue.take()) {
        next.forEach(this::write);
      }
    } catch (InterruptedException e) {
      failure = new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED,
          "interrupted writing the files of " + table.id(), e);
    } catch (RuntimeException | Error e) {
      failure = e instanceof RuntimeException runtime ? runtime
          : new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED,
              "cannot write the files of " + table.id() + ": " + e, e);
    } finally {
      queue.clear(); // unblocks a caller waiting to queue more
    }
  }

  private void write(Object[] values) {
    if (current == null) {
      current = files.open(table, layout.loadKey(table.id(), nextNumber.getAsInt()),
          settings.includeOpForFullLoad(), !settings.timestampColumn().isEmpty());
    }
    current.write(settings.includeOpForFullLoad() ? "I" : null, values,
        settings.timestampColumn().isEmpty() ? null : loadTime);
    if (current.bytes() >= settings.maxFileBytes()) {
      uploadCurrent();
    }
  }

  private void uploadCurrent() {
    TableFiles.OpenFile file = current;
    current = null;
    rows += file.rows();
    file.complete();
  }
}
