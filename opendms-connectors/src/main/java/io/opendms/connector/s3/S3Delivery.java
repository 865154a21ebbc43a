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

/**
 * Captured changes as one CDC file per table and flush, named by write time, rows {@code
 * Op,columns...[,timestamp]}: inserts and updates with the new row, deletes with the old one (the
 * key columns only, unless the source logs whole rows). A table's file is uploaded early once it
 * reaches {@code CdcMinFileSize}. A truncation deletes the table's files, as DMS does. Columns a
 * source left out as unchanged (PostgreSQL TOAST) are written as null.
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
    PendingFile target = pending.computeIfAbsent(row.table(), t -> new PendingFile(
        files.open(table, nextKey(t), settings.cdcOpColumn(), !settings.timestampColumn().isEmpty()),
        commitTime));
    List<Object> image = row.after() != null ? row.after() : row.before();
    target.file().write(settings.cdcOpColumn() ? op : null, image.toArray(),
        settings.timestampColumn().isEmpty() ? null
            : CsvFileWriter.timestamp(LocalDateTime.ofInstant(commitTime, ZoneOffset.UTC)));
    if (target.file().bytes() >= settings.cdcMinFileBytes()) {
      complete(pending.remove(row.table()));
    }
  }

  @Override
  public long flush() {
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
    String key = layout.cdcKey(table, now, commitTime, 0);
    String last = lastKey.get(table);
    if (last != null && key.compareTo(last) <= 0) {
      int sequence = Character.digit(last.charAt(last.lastIndexOf('-') + 1 + 9), 10) + 1;
      key = layout.cdcKey(table, now, commitTime, sequence);
    }
    lastKey.put(table, key);
    return key;
  }

  private void complete(PendingFile file) {
    delivered += file.file().rows();
    file.file().complete();
  }

  @Override
  public void close() {
    pending.values().forEach(p -> p.file().discard());
    pending.clear();
  }
}
