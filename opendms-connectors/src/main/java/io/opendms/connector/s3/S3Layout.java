package io.opendms.connector.s3;

import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys in DMS's layout: {@code BucketFolder/schema/table/LOAD00000001.csv} (an
 * eight-digit upper-case hex counter) for the full load, {@code
 * BucketFolder/schema/table/[date folders/]20261130-0644121230.csv} named by write time for CDC
 * (DMS's shape: seconds, then four digits; here milliseconds and a sequence digit), so that the
 * names of a table's CDC files sort in the order they were written.
 */
final class S3Layout {
  private static final DateTimeFormatter CDC_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
  private static final Pattern LOAD_FILE = Pattern.compile("LOAD([0-9A-F]{8})\\.");

  private final S3Settings settings;

  S3Layout(S3Settings settings) {
    this.settings = settings;
  }

  /** {@code BucketFolder/schema/table/}. */
  String tablePrefix(TableId table) {
    String folder = settings.folder().isEmpty() ? "" : settings.folder() + "/";
    return folder + table.schema() + "/" + table.name() + "/";
  }

  String loadKey(TableId table, int number) {
    return tablePrefix(table) + String.format(Locale.ROOT, "LOAD%08X", number) + extension();
  }

  /** The number of a full-load file's key; 0 for other keys. */
  static int loadNumber(String key) {
    Matcher matcher = LOAD_FILE.matcher(key.substring(key.lastIndexOf('/') + 1));
    return matcher.lookingAt() ? Integer.parseInt(matcher.group(1), 16) : 0;
  }

  /**
   * A CDC file's key; {@code sequence} (0-9) tells apart files of one table written within the
   * same millisecond.
   */
  String cdcKey(TableId table, Instant written, Instant firstCommit, int sequence) {
    if (sequence < 0 || sequence > 9) {
      throw new IllegalArgumentException("CDC file sequence must be 0-9, got " + sequence);
    }
    String partition = settings.datePartitioning() == null ? ""
        : settings.datePartitioning().folder(firstCommit) + "/";
    return tablePrefix(table) + partition + CDC_NAME.format(written) + sequence + extension();
  }

  private String extension() {
    if (settings.parquet()) {
      return ".parquet";
    }
    return settings.gzip() ? ".csv.gz" : ".csv";
  }
}
