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
 * may write a table's deletions and upserts in either order.
 *
 * <p>Each key also remembers whether the batch's first change of it expected the target row to
 * exist (an UPDATE or DELETE of it) or not (an INSERT, the new key of a key update). A target
 * checks that expectation before writing: a key that should exist and does not, or should not
 * and does, is a change the error policy must hear about (missing row, duplicate key), which the
 * set-wise write would otherwise hide. Confined to one thread.
 */
public final class NetChanges {

  /**
   * The final state of one key.
   *
   * @param delete whether the row is gone; else {@code row} is its last image
   * @param row the last image (for a deletion: the deleted row, whose key columns identify it)
   * @param expectedToExist whether the batch's first change of this key expected the target row
   *     to exist before the batch
   */
  public record Net(boolean delete, List<Object> row, boolean expectedToExist) {}

  private final Map<TableId, Map<List<Object>, Net>> pending = new LinkedHashMap<>();
  private int size;

  /**
   * Folds one change in. The change must carry every value ({@link RowChange#unchanged()} empty).
   *
   * @param keyColumns positions of the table's key columns, in key order; not empty
   */
  public void add(RowChange change, List<Integer> keyColumns) {
    Map<List<Object>, Net> rows = pending.computeIfAbsent(change.table(), t -> new LinkedHashMap<>());
    int before = rows.size();
    List<Object> oldKey = change.before() == null ? null : key(keyColumns, change.before());
    if (change.operation() == RowChange.Operation.DELETE) {
      put(rows, oldKey, new Net(true, change.before(), true));
    } else {
      List<Object> newKey = key(keyColumns, change.after());
      boolean keyChanged = oldKey != null && !oldKey.equals(newKey);
      if (keyChanged) {
        put(rows, oldKey, new Net(true, change.before(), true));
      }
      put(rows, newKey, new Net(false, change.after(),
          change.operation() == RowChange.Operation.UPDATE && !keyChanged));
    }
    size += rows.size() - before;
  }

  /** Stores the key's new final state, keeping what the batch's first change of it expected. */
  private static void put(Map<List<Object>, Net> rows, List<Object> key, Net net) {
    Net earlier = rows.get(key);
    rows.put(key, earlier == null ? net : new Net(net.delete(), net.row(), earlier.expectedToExist()));
  }

  /** Number of keys held. */
  public int size() {
    return size;
  }

  /** The held net changes by table, in the order tables were first changed; then empties itself. */
  public Map<TableId, Map<List<Object>, Net>> drain() {
    Map<TableId, Map<List<Object>, Net>> drained = new LinkedHashMap<>(pending);
    clear();
    return drained;
  }

  /** Forgets what is held (the target transaction it was meant for was rolled back). */
  public void clear() {
    pending.clear();
    size = 0;
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
