package io.opendms.connector.s3;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.target.TargetTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data file of one table being written: a local temporary file in CSV or Parquet, uploaded
 * under a key once complete. Confined to one thread.
 */
final class TableFiles {
  private final S3Settings settings;
  private final Path directory;

  TableFiles(S3Settings settings, Path directory) {
    this.settings = settings;
    this.directory = directory;
  }

  /** One file in progress. */
  final class OpenFile {
    private final TargetTable table;
    private final Path path;
    private final TableFileWriter writer;

    private OpenFile(TargetTable table, boolean opColumn, boolean timestampColumn) {
      this.table = table;
      try {
        this.path = Files.createTempFile(directory, "part-", ".tmp");
        this.writer = settings.parquet()
            ? new ParquetFileWriter(path, settings, table.columns(), opColumn, timestampColumn)
            : new CsvFileWriter(path, settings, table.columns(), opColumn, timestampColumn);
      } catch (IOException e) {
        throw localFailure(e);
      }
    }

    void write(String op, Object[] values, String timestamp) {
      try {
        writer.write(op, values, timestamp);
      } catch (IOException e) {
        throw localFailure(e);
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

    /** Completes the file, uploads it under {@code key} and deletes the local copy. */
    void upload(S3Store store, String key) {
      try {
        writer.finish();
        store.put(key, path);
      } catch (IOException e) {
        throw localFailure(e);
      } finally {
        discard();
      }
    }

    /** Drops the file without uploading it. Never throws. */
    void discard() {
      writer.abandon();
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // a leftover temporary file; the connector deletes the directory on close
      }
    }

    private OpenDmsException localFailure(IOException e) {
      return new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "cannot write the local file"
          + " of " + table.id() + " before its upload: " + e.getMessage(), e);
    }
  }

  OpenFile open(TargetTable table, boolean opColumn, boolean timestampColumn) {
    return new OpenFile(table, opColumn, timestampColumn);
  }

  /** Deletes the temporary directory and what is left in it. */
  void deleteDirectory() {
    try (var files = Files.list(directory)) {
      files.forEach(file -> file.toFile().delete());
      Files.deleteIfExists(directory);
    } catch (IOException | UncheckedIOException e) {
      // leftovers in the system's temporary directory
    }
  }
}
