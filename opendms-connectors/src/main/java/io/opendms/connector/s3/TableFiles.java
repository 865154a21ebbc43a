package io.opendms.connector.s3;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.target.TargetTable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * Data files of tables being written straight into objects ({@link S3Upload}), in CSV or
 * Parquet: the object appears in the bucket, whole, once its file is complete.
 */
final class TableFiles {
  private final S3Settings settings;
  private final S3Store store;
  private final ExecutorService uploads;

  TableFiles(S3Settings settings, S3Store store, ExecutorService uploads) {
    this.settings = settings;
    this.store = store;
    this.uploads = uploads;
  }

  /** One file in progress, confined to one thread. */
  final class OpenFile {
    private final TargetTable table;
    private final S3Upload upload;
    private final TableFileWriter writer;

    private OpenFile(TargetTable table, String key, boolean opColumn, boolean timestampColumn) {
      this.table = table;
      this.upload = new S3Upload(store, key, uploads);
      try {
        this.writer = settings.parquet()
            ? new ParquetFileWriter(upload, settings, table.columns(), opColumn, timestampColumn)
            : new CsvFileWriter(upload, settings, table.columns(), opColumn, timestampColumn);
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
            + table.id() + " to a " + (settings.parquet() ? "Parquet" : "CSV") + " file: "
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
          + upload.key() + " of " + table.id() + ": " + e.getMessage(), e);
    }
  }

  OpenFile open(TargetTable table, String key, boolean opColumn, boolean timestampColumn) {
    return new OpenFile(table, key, opColumn, timestampColumn);
  }
}
