package io.opendms.engine.validation;

import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.KeySpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source keys that changed since validation during CDC last compared them, fed from the
 * apply path: a key is recorded when its change is applied and becomes due for a re-check once
 * the target committed it and ValidationQueryCdcDelaySeconds passed. Memory is bounded per
 * table: past {@code maxKeysPerTable} keys, a table's keys are folded into the key ranges (of its
 * last whole comparison) that hold them, and later changes mark ranges instead, until those
 * ranges were re-checked; without known ranges, or after a TRUNCATE, the whole table is due.
 *
 * <p>{@link #applied} and {@link #committed} are called on the apply thread, the rest on the
 * validation thread; every method is synchronized.
 */
public final class ChangedKeys {
  private static final Logger log = LoggerFactory.getLogger(ChangedKeys.class);

  /** When something was applied, and in which target commit: due only once that committed. */
  private record Applied(long generation, Instant at) {}

  /** One table's changes since they were last compared. */
  private static final class Tracked {
    final TableId id;
    final int[] keyPositions;
    final Map<List<Object>, Applied> keys = new LinkedHashMap<>();
    /** After an overflow: indexes into {@link #spans} of the ranges holding changed keys. */
    final Map<Integer, Applied> ranges = new TreeMap<>();
    List<KeySpan> spans = List.of();
    boolean overflowed;
    /** The whole table changed (TRUNCATE, or an overflow without known ranges). */
    Applied whole;

    Tracked(TableId id, int[] keyPositions) {
      this.id = id;
      this.keyPositions = keyPositions;
    }
  }

  private final Map<TableId, Tracked> tables = new HashMap<>();
  private final int maxKeysPerTable;
  private final Clock clock;
  /** The target commit the keys applied now belong to; smaller ones are committed. */
  private long generation;

  /**
   * @param keyPositions each validated source table's primary-key columns, as positions in its
   *     rows
   * @param maxKeysPerTable keys remembered per table before falling back to key ranges
   */
  public ChangedKeys(Map<TableId, int[]> keyPositions, int maxKeysPerTable, Clock clock) {
    if (maxKeysPerTable < 1) {
      throw new IllegalArgumentException("maxKeysPerTable must be positive: " + maxKeysPerTable);
    }
    keyPositions.forEach((table, positions) -> tables.put(table, new Tracked(table, positions.clone())));
    this.maxKeysPerTable = maxKeysPerTable;
    this.clock = clock;
  }

  /** A source change was applied to the target (not yet committed). Apply thread. */
  public synchronized void applied(DataChange change) {
    Applied now = new Applied(generation, clock.instant());
    if (change instanceof Truncate truncate) {
      truncate.tables().stream().map(tables::get).filter(t -> t != null)
          .forEach(t -> t.whole = now);
      return;
    }
    RowChange row = (RowChange) change;
    Tracked table = tables.get(row.table());
    if (table == null) {
      return;
    }
    record(table, key(table, row.identity()), now);
    if (row.before() != null && row.after() != null) {
      record(table, key(table, row.after()), now); // the key may have changed
    }
  }

  /** The target committed everything applied so far. Apply thread. */
  public synchronized void committed() {
    generation++;
  }

  /**
   * Forgets what changed before a whole comparison of every table starts, except changes not
   * yet committed, which the comparison may not see.
   */
  public synchronized void startWholeComparison() {
    for (Tracked table : tables.values()) {
      table.keys.values().removeIf(this::isCommitted);
      table.ranges.values().removeIf(this::isCommitted);
      if (table.whole != null && isCommitted(table.whole)) {
        table.whole = null;
      }
    }
  }

  /** The key ranges a whole comparison cut the table into, for overflowing keys. */
  public synchronized void ranges(TableId source, List<KeySpan> spans) {
    Tracked table = tables.get(source);
    if (table != null && !spans.isEmpty()) {
      table.ranges.clear(); // indexes into the earlier ranges mean nothing now
      table.overflowed = false;
      table.spans = List.copyOf(spans);
    }
  }

  /**
   * Takes what of the table is due for a re-check: committed, and applied at least {@code delay}
   * ago. Returns null when the whole table is due, an empty re-check when nothing is.
   */
  public synchronized ValidationRunner.Recheck takeDue(TableId source, Duration delay) {
    Tracked table = tables.get(source);
    if (table == null) {
      return new ValidationRunner.Recheck(List.of(), List.of());
    }
    Instant before = clock.instant().minus(delay);
    if (table.whole != null) {
      if (!isDue(table.whole, before)) {
        return new ValidationRunner.Recheck(List.of(), List.of());
      }
      table.whole = null;
      table.keys.clear();
      table.ranges.clear();
      table.overflowed = false;
      return null;
    }
    var keys = new ArrayList<List<Object>>();
    for (Iterator<Map.Entry<List<Object>, Applied>> it = table.keys.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<List<Object>, Applied> entry = it.next();
      if (isDue(entry.getValue(), before)) {
        keys.add(entry.getKey());
        it.remove();
      }
    }
    var spans = new ArrayList<KeySpan>();
    for (Iterator<Map.Entry<Integer, Applied>> it = table.ranges.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, Applied> entry = it.next();
      if (isDue(entry.getValue(), before)) {
        spans.add(table.spans.get(entry.getKey()));
        it.remove();
      }
    }
    if (table.overflowed && table.ranges.isEmpty() && table.keys.isEmpty()) {
      table.overflowed = false; // every range was taken: back to tracking keys
    }
    return new ValidationRunner.Recheck(spans, keys);
  }

  /** Changed keys and ranges remembered for the table, for tests and logs. */
  synchronized int remembered(TableId source) {
    Tracked table = tables.get(source);
    return table == null ? 0 : table.keys.size() + table.ranges.size();
  }

  private void record(Tracked table, List<Object> key, Applied now) {
    if (key == null || table.whole != null) {
      return;
    }
    if (!table.overflowed) {
      table.keys.remove(key); // re-inserted last: the map stays in order of application
      table.keys.put(key, now);
      if (table.keys.size() <= maxKeysPerTable) {
        return;
      }
      overflow(table);
      return;
    }
    markRange(table, key, now);
  }

  /** Too many keys: each goes to its range from now on; without ranges, the whole table. */
  private void overflow(Tracked table) {
    table.overflowed = true;
    log.info("{}: more than {} changed keys wait for validation; re-checking the {} instead",
        table.id, maxKeysPerTable, table.spans.isEmpty() ? "whole table" : "key ranges holding them");
    if (table.spans.isEmpty()) {
      table.whole = latest(table.keys.values());
      table.keys.clear();
      return;
    }
    table.keys.forEach((key, applied) -> markRange(table, key, applied));
    table.keys.clear();
  }

  private void markRange(Tracked table, List<Object> key, Applied applied) {
    int index;
    try {
      index = rangeOf(table.spans, key);
    } catch (IllegalArgumentException e) {
      table.whole = applied; // a key that cannot be placed: every range may hold it
      table.ranges.clear();
      return;
    }
    table.ranges.merge(index, applied, (a, b) -> b.generation() >= a.generation() ? b : a);
  }

  /** The range holding the key: the ranges are ordered and cover every key. */
  private static int rangeOf(List<KeySpan> spans, List<Object> key) {
    int low = 0;
    int high = spans.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int where = spans.get(middle).locate(key);
      if (where == 0) {
        return middle;
      }
      if (where < 0) {
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    throw new IllegalArgumentException("key " + key + " lies in no range");
  }

  private static Applied latest(Iterable<Applied> all) {
    Applied latest = null;
    for (Applied one : all) {
      latest = latest == null || one.generation() >= latest.generation() ? one : latest;
    }
    return latest;
  }

  private static List<Object> key(Tracked table, List<Object> row) {
    if (row == null) {
      return null;
    }
    var key = new ArrayList<Object>(table.keyPositions.length);
    for (int position : table.keyPositions) {
      Object value = position < row.size() ? row.get(position) : null;
      if (value == null) {
        return null; // a key column the source did not send: nothing to look up
      }
      key.add(value);
    }
    return key;
  }

  private boolean isCommitted(Applied applied) {
    return applied.generation() < generation;
  }

  private boolean isDue(Applied applied, Instant appliedBefore) {
    return isCommitted(applied) && !applied.at().isAfter(appliedBefore);
  }
}
