package io.opendms.connector.s3;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.target.TargetTable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Data files of tables being written straight into objects ({@link S3Upload}), in CSV or
 * Parquet: the object appears in the bucket, whole, once its file is complete.
 */
final class TableFiles {
  private static final Duration WARM_UP_WAIT = Duration.ofSeconds(10);

  private final S3Settings settings;
  private final S3Store store;
  private final ExecutorService uploads;
  private final Future<?> parquetWarmUp;

  /**
   * @param parquetWarmUp {@link ParquetFileWriter#warmUp} on an upload thread: Parquet files
   *     open once it is done
   */
  TableFiles(S3Settings settings, S3Store store, ExecutorService uploads,
      Future<?> parquetWarmUp) {
    this.settings = settings;
    this.store = store;
    this.uploads = uploads;
    this.parquetWarmUp = parquetWarmUp;
  }

  /** Makes the writer of a file's format over the file's upload. */
  @FunctionalInterface
  private interface WriterFactory {
    TableFileWriter create(S3Upload upload) throws IOException;
  }

  /** One file in progress, confined to one thread. */
  final class OpenFile {
    /** What the file holds, for messages: a table, or the transaction stream. */
    private final String content;
    private final boolean parquet;
    private final S3Upload upload;
    private final TableFileWriter writer;

    private OpenFile(String content, String key, boolean parquet, WriterFactory factory) {
      this.content = content;
      this.parquet = parquet;
      this.upload = new S3Upload(store, key, uploads);
      try {
        this.writer = factory.create(upload);
      } catch (IOException e) {
        throw failure(e);
      }
    }

    String key() {
      return upload.key();
    }

    void write(String op, Object[] values, String timestamp) {
      try {
        writer.write(op, values, timestamp);
      } catch (IOException e) {
        throw failure(e);
      } catch (OpenDmsException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "cannot write a row of "
            + content + " to a " + (parquet ? "Parquet" : "CSV") + " file: "
            + e.getMessage(), e);
      }
    }

    long bytes() {
      return writer.bytes();
    }

    long rows() {
      return writer.rows();
    }

    /** Completes the file; once this returns the object is in the bucket. */
    void complete() {
      try {
        writer.finish();
      } catch (IOException e) {
        discard();
        throw failure(e);
      } catch (RuntimeException e) {
        discard();
        throw e;
      }
    }

    /** Drops the file: nothing of it becomes visible. Never throws. */
    void discard() {
      upload.abort();
      writer.abandon();
    }

    private OpenDmsException failure(IOException e) {
      return new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "cannot write "
          + upload.key() + " of " + content + ": " + e.getMessage(), e);
    }
  }

  OpenFile open(TargetTable table, String key, boolean opColumn, boolean timestampColumn) {
    if (settings.parquet()) {
      awaitWarmUp();
    }
    return new OpenFile(table.id().toString(), key, settings.parquet(), upload -> settings.parquet()
        ? new ParquetFileWriter(upload, settings, table.columns(), opColumn, timestampColumn)
        : new CsvFileWriter(upload, settings, table.columns(), opColumn, timestampColumn));
  }

  /**
   * Waits, at most {@link #WARM_UP_WAIT}, for the warm-up to end: a first Parquet writer made
   * beside it, while parquet-java's classes were still being set up on the other thread, once
   * failed with an exception that had no message (StreamTargetsApiIT in a full test run). The
   * warm-up takes well under a second and ends while the task still starts.
   */
  private void awaitWarmUp() {
    try {
      parquetWarmUp.get(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      // the warm-up only saves time; the file is written all the same
    }
  }

  /**
   * A file of the transaction stream (PreserveTransactions): CSV rows of every table, each row's
   * values starting with its schema and table name; no header row, whose columns would differ
   * from row to row.
   */
  OpenFile openTransactionStream(String key, boolean opColumn, boolean timestampColumn) {
    return new OpenFile("the transaction stream", key, false, upload -> new CsvFileWriter(
        upload, settings, List.of(), opColumn, timestampColumn, false));
  }
}
