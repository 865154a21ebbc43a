package io.opendms.connector.s3;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Captured changes as one CDC file per table and flush, named by write time, rows {@code
 * Op,columns...[,timestamp]}: inserts and updates with the new row, deletes with the old one (the
 * key columns only, unless the source logs whole rows). A table's file is uploaded early once it
 * reaches {@code CdcMinFileSize}. A truncation deletes the table's files, as DMS does. Columns a
 * source left out as unchanged (PostgreSQL TOAST) are written as null, or as CsvNoSupValue with
 * UseCsvNoSupValue.
 *
 * <p>With {@code PreserveTransactions}, every table's changes go into one stream of CSV files
 * under {@code CdcPath} instead, rows {@code Op,schema,table,columns...[,timestamp]} in source
 * commit order; a file is completed only between transactions (at a flush, or when a transaction
 * begins once it reached {@code CdcMinFileSize}), so no transaction is split across files.
 */
final class S3Delivery implements ChangeDelivery {
  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final S3Settings settings;
  private final S3Layout layout;
  private final S3Store store;
  private final TableFiles files;
  private final Clock clock;
  private final Map<TableId, PendingFile> pending = new LinkedHashMap<>();
  private final Map<TableId, String> lastKey = new HashMap<>();
  /** The transaction stream's open file (PreserveTransactions); null between files. */
  private PendingFile stream;
  private String lastStreamKey;
  private Instant commitTime = Instant.EPOCH;
  private long delivered;

  /** A table's open CDC file and the commit time of its first change. */
  private record PendingFile(TableFiles.OpenFile file, Instant firstCommit) {}

  S3Delivery(List<TargetTable> tables, S3Settings settings, S3Layout layout, S3Store store,
      TableFiles files, Clock clock) {
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.settings = settings;
    this.layout = layout;
    this.store = store;
    this.files = files;
    this.clock = clock;
  }

  @Override
  public void begin(Begin begin) {
    commitTime = begin.commitTime();
    if (stream != null && stream.file().bytes() >= settings.cdcMinFileBytes()) {
      complete(stream);
      stream = null;
    }
  }

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      for (TableId table : truncate.tables()) {
        PendingFile dropped = pending.remove(table);
        if (dropped != null) {
          dropped.file().discard();
        }
        store.deleteAll(layout.tablePrefix(table));
        if (!settings.cdcPath().isEmpty() && !settings.preserveTransactions()) {
          store.deleteAll(layout.cdcPrefix() + table.schema() + "/" + table.name() + "/");
        }
      }
      return;
    }
    RowChange row = (RowChange) change;
    String op = switch (row.operation()) {
      case INSERT -> "I";
      case UPDATE -> "U";
      case DELETE -> "D";
    };
    if ((settings.insertsOnly() && !op.equals("I"))
        || (settings.insertsAndUpdates() && op.equals("D"))) {
      return;
    }
    TargetTable table = tables.get(row.table());
    if (table == null) {
      throw new IllegalArgumentException("change of " + row.table() + ", not a table of the task");
    }
    List<Object> image = image(row);
    String timestamp = settings.timestampColumn().isEmpty() ? null
        : CsvFileWriter.timestamp(LocalDateTime.ofInstant(commitTime, ZoneOffset.UTC));
    if (settings.preserveTransactions()) {
      if (stream == null) {
        stream = new PendingFile(files.openTransactionStream(nextStreamKey(),
            settings.cdcOpColumn(), timestamp != null), commitTime);
      }
      Object[] values = new Object[image.size() + 2];
      values[0] = row.table().schema();
      values[1] = row.table().name();
      for (int i = 0; i < image.size(); i++) {
        values[i + 2] = image.get(i);
      }
      stream.file().write(settings.cdcOpColumn() ? op : null, values, timestamp);
      return;
    }
    PendingFile target = pending.computeIfAbsent(row.table(), t -> new PendingFile(
        files.open(table, nextKey(t), settings.cdcOpColumn(), timestamp != null), commitTime));
    target.file().write(settings.cdcOpColumn() ? op : null, image.toArray(), timestamp);
    if (target.file().bytes() >= settings.cdcMinFileBytes()) {
      complete(pending.remove(row.table()));
    }
  }

  /**
   * The row written: the new row (the old one for deletes); with UseCsvNoSupValue in CSV, the
   * values the source did not send marked as such.
   */
  private List<Object> image(RowChange row) {
    List<Object> image = row.after() != null ? row.after() : row.before();
    boolean csv = !settings.parquet() || settings.preserveTransactions();
    if (settings.noSupValue() == null || row.unchanged().isEmpty() || !csv) {
      return image;
    }
    var marked = new java.util.ArrayList<Object>(image);
    row.unchanged().forEach(i -> marked.set(i, CsvFileWriter.NOT_SENT));
    return marked;
  }

  @Override
  public long flush() {
    if (stream != null) {
      PendingFile done = stream;
      stream = null;
      complete(done);
    }
    for (var entry : List.copyOf(pending.entrySet())) {
      pending.remove(entry.getKey());
      complete(entry.getValue());
    }
    long rows = delivered;
    delivered = 0;
    return rows;
  }

  /**
   * The key of a table's next CDC file: named by the time it is begun, under the date folders of
   * the commit in hand; a second file within the same millisecond takes the next sequence digit.
   */
  private String nextKey(TableId table) {
    Instant now = clock.instant();
    String key = nextName(lastKey.get(table), sequence -> layout.cdcKey(table, now, commitTime,
        sequence));
    lastKey.put(table, key);
    return key;
  }

  private String nextStreamKey() {
    Instant now = clock.instant();
    lastStreamKey = nextName(lastStreamKey,
        sequence -> layout.transactionKey(now, commitTime, sequence));
    return lastStreamKey;
  }

  private static String nextName(String last, IntFunction<String> named) {
    String key = named.apply(0);
    if (last != null && key.compareTo(last) <= 0) {
      key = named.apply(S3Layout.sequence(last) + 1);
    }
    return key;
  }

  private void complete(PendingFile file) {
    delivered += file.file().rows();
    file.file().complete();
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.file().discard();
      stream = null;
    }
    pending.values().forEach(p -> p.file().discard());
    pending.clear();
  }
}
