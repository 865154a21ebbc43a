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
 * names of a table's CDC files sort in the order they were written. With {@code CdcPath}, CDC
 * files go under {@code BucketFolder/CdcPath/}: per table below it, or, with {@code
 * PreserveTransactions}, every table's changes in one stream of CSV files named the same way,
 * {@code BucketFolder/CdcPath/[date folders/]20261130-0644121230.csv}.
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
    return folder() + table.schema() + "/" + table.name() + "/";
  }

  /** Where CDC files go: {@code BucketFolder/[CdcPath/]}. */
  String cdcPrefix() {
    return folder() + (settings.cdcPath().isEmpty() ? "" : settings.cdcPath() + "/");
  }

  private String folder() {
    return settings.folder().isEmpty() ? "" : settings.folder() + "/";
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
    return cdcPrefix() + table.schema() + "/" + table.name() + "/"
        + cdcName(written, firstCommit, sequence) + extension(settings.parquet());
  }

  /**
   * A file of the transaction stream ({@code PreserveTransactions}): CSV whatever DataFormat
   * says, as DMS writes it.
   */
  String transactionKey(Instant written, Instant firstCommit, int sequence) {
    return cdcPrefix() + cdcName(written, firstCommit, sequence) + extension(false);
  }

  /** The sequence digit of a CDC file's key. */
  static int sequence(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return Character.digit(name.charAt(name.indexOf('-') + 1 + 9), 10);
  }

  private String cdcName(Instant written, Instant firstCommit, int sequence) {
    if (sequence < 0 || sequence > 9) {
      throw new IllegalArgumentException("CDC file sequence must be 0-9, got " + sequence);
    }
    String partition = settings.datePartitioning() == null ? ""
        : settings.datePartitioning().folder(firstCommit) + "/";
    return partition + CDC_NAME.format(written) + sequence;
  }

  private String extension() {
    return extension(settings.parquet());
  }

  private String extension(boolean parquet) {
    if (parquet) {
      return ".parquet";
    }
    return settings.gzip() ? ".csv.gz" : ".csv";
  }
}
