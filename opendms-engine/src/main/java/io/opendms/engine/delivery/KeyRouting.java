package io.opendms.engine.delivery;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of {@code lanes} delivery threads takes a row change: the one its target table and
 * primary key values hash to, so that every change of one key goes to the same thread, in order.
 * A table without a key hashes by its name alone: all its changes stay in one thread. Confined
 * to the apply thread.
 */
final class KeyRouting {
  private final int lanes;
  private final Map<TableId, List<String>> keyNames = new HashMap<>();
  /** Positions of the key columns in the table's current row images. */
  private final Map<TableId, int[]> keyPositions = new HashMap<>();

  KeyRouting(List<TargetTable> tables, int lanes) {
    this.lanes = lanes;
    for (TargetTable table : tables) {
      keyNames.put(table.id(), table.primaryKey());
      keyPositions.put(table.id(), positions(table.primaryKey(), table.columns()));
    }
  }

  /** The lane of the key the change leaves the row with (the new key of a key update). */
  int lane(RowChange change) {
    List<Object> image = change.after() != null ? change.after() : change.before();
    return Math.floorMod(hash(change.table(), image), lanes);
  }

  /** The lane of the key the row had before the change (its before image, else as lane). */
  int previousLane(RowChange change) {
    List<Object> image = change.before() != null ? change.before() : change.after();
    return Math.floorMod(hash(change.table(), image), lanes);
  }

  /**
   * Whether an update moves its row to another key, whose lane may differ from the old key's:
   * then it must not overtake the old key's earlier changes, nor be overtaken by later ones.
   */
  boolean changesKey(RowChange change) {
    if (change.operation() != RowChange.Operation.UPDATE || change.before() == null) {
      return false;
    }
    for (int position : positionsOf(change.table())) {
      if (!same(change.before().get(position), change.after().get(position))) {
        return true;
      }
    }
    return false;
  }

  /** Follows the table's new key and column order; a dropped table is forgotten. */
  void follow(SchemaChange change) {
    List<String> names = keyNames.get(change.table());
    if (names == null) {
      return;
    }
    if (change.kind() == SchemaChange.Kind.DROP_TABLE) {
      keyPositions.remove(change.table());
    } else {
      List<String> key = change.keyAfter(names);
      keyNames.put(change.table(), key);
      keyPositions.put(change.table(), positions(key, change.columns()));
    }
  }

  private int hash(TableId table, List<Object> image) {
    int hash = table.hashCode();
    for (int position : positionsOf(table)) {
      hash = 31 * hash + valueHash(image.get(position));
    }
    return hash;
  }

  private int[] positionsOf(TableId table) {
    int[] positions = keyPositions.get(table);
    return positions == null ? new int[0] : positions;
  }

  private static int[] positions(List<String> key, List<Column> columns) {
    int[] positions = new int[key.size()];
    for (int i = 0; i < positions.length; i++) {
      String name = key.get(i);
      positions[i] = columns.stream().map(Column::name).toList().indexOf(name);
      if (positions[i] < 0) {
        throw new IllegalArgumentException("key column " + name + " is not a column");
      }
    }
    return positions;
  }

  /** Equal values hash alike whatever their instance: arrays by content, decimals by value. */
  private static int valueHash(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.hashCode(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
    }
    return value == null ? 0 : value.hashCode();
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }
}
