package io.opendms.connector.redis;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured changes as Redis writes, pipelined on a connection of its own: an insert writes the
 * row's hash, an update rewrites it (moving it first when the key changed; columns the source did
 * not send keep their fields), a delete removes the key, a truncation removes every key of the
 * table.
 */
final class RedisDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(RedisDelivery.class);

  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final RedisRows rows;
  private final RedisWriter writer;
  private String lastTable = "the changes";

  RedisDelivery(List<TargetTable> tables, RedisRows rows, RedisWriter writer) {
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.rows = rows;
    this.writer = writer;
  }

  @Override
  public void begin(Begin begin) {}

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      long removed = 0;
      for (TableId id : truncate.tables()) {
        removed += writer.removeAll(id.toString(), RedisRows.tablePattern(table(id)));
      }
      log.info("truncation of {} removed {} keys from Redis {}", truncate.tables(), removed,
          writer.where());
      return;
    }
    RowChange row = (RowChange) change;
    TargetTable table = table(row.table());
    lastTable = table.id().toString();
    String key = rows.key(table, row.identity());
    switch (row.operation()) {
      case DELETE -> writer.remove(lastTable, key);
      case INSERT -> writer.put(lastTable, key, rows.fields(table, row.after(), List.of()));
      case UPDATE -> update(table, row, key);
    }
  }

  private void update(TargetTable table, RowChange row, String oldKey) {
    String key = rows.key(table, row.after());
    if (row.unchanged().isEmpty()) {
      if (!key.equals(oldKey)) {
        writer.remove(lastTable, oldKey);
      }
      writer.put(lastTable, key, rows.fields(table, row.after(), List.of()));
      return;
    }
    if (!key.equals(oldKey)) {
      writer.rename(lastTable, oldKey, key);
    }
    writer.patch(lastTable, key, rows.fields(table, row.after(), row.unchanged()),
        rows.nullFields(table, row.after(), row.unchanged()));
  }

  @Override
  public long flush() {
    return writer.sync(lastTable);
  }

  @Override
  public void close() {
    // Unanswered writes may still have reached Redis: at least once, never lost.
    writer.close();
  }

  private TargetTable table(TableId id) {
    TargetTable table = tables.get(id);
    if (table == null) {
      throw new IllegalArgumentException("change of " + id + ", not a table of the task");
    }
    return table;
  }
}
