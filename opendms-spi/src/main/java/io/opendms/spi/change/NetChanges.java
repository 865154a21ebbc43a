package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net effect of row changes per primary key, for batch-optimized apply (DMS {@code
 * BatchApplyEnabled}): the last row image of each key, or its deletion. An update that changes the
 * key deletes the old key and writes the new one. Each key ends in one final state, so a target
 * may write a table's deletions and upserts in either order. Confined to one thread.
 */
public final class NetChanges {

  /**
   * The final state of one key.
   *
   * @param delete whether the row is gone; else {@code row} is its last image
   * @param row the last image (for a deletion: the deleted row, whose key columns identify it)
   */
  public record Net(boolean delete, List<Object> row) {}

  private final Map<TableId, Map<List<Object>, Net>> pending = new LinkedHashMap<>();
  private int size;

  /**
   * Folds one change in.
   *
   * @param keyColumns positions of the table's key columns, in key order; not empty
   */
  public void add(RowChange change, List<Integer> keyColumns) {
    Map<List<Object>, Net> rows = pending.computeIfAbsent(change.table(), t -> new LinkedHashMap<>());
    int before = rows.size();
    if (change.before() != null) {
      List<Object> oldKey = key(keyColumns, change.before());
      if (change.operation() == RowChange.Operation.DELETE
          || !oldKey.equals(key(keyColumns, change.after()))) {
        rows.put(oldKey, new Net(true, change.before()));
      }
    }
    if (change.operation() != RowChange.Operation.DELETE) {
      rows.put(key(keyColumns, change.after()), new Net(false, change.after()));
    }
    size += rows.size() - before;
  }

  /** Number of keys held. */
  public int size() {
    return size;
  }

  /** The held net changes by table, in the order tables were first changed; then empties itself. */
  public Map<TableId, Map<List<Object>, Net>> drain() {
    Map<TableId, Map<List<Object>, Net>> drained = new LinkedHashMap<>(pending);
    pending.clear();
    size = 0;
    return drained;
  }

  /** Key values comparable by equals: byte arrays as hex. */
  private static List<Object> key(List<Integer> keyColumns, List<Object> row) {
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (int i : keyColumns) {
      Object value = row.get(i);
      key.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
    }
    return key;
  }
}
