package io.opendms.engine.cdc;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a captured change into the change the target applies: names the target table, applies
 * the table mappings' filters and transformations. Called on the apply thread only, in source
 * order.
 */
@FunctionalInterface
public interface ChangeRouting {

  /**
   * The change for the target, or null when it is dropped (a table not replicated, a row the
   * filters exclude).
   *
   * @param transaction the source transaction the change belongs to
   */
  DataChange route(DataChange change, Begin transaction);

  /** Renames tables only: {@code targets} maps each replicated source table to its target. */
  static ChangeRouting renaming(Map<TableId, TableId> targets) {
    Map<TableId, TableId> copy = Map.copyOf(targets);
    return (change, transaction) -> {
      if (change instanceof RowChange row) {
        TableId target = copy.get(row.table());
        return target == null ? null
            : new RowChange(target, row.operation(), row.before(), row.after(), row.unchanged());
      }
      if (change instanceof SchemaChange ddl) {
        TableId target = copy.get(ddl.table());
        return target == null ? null : ddl.on(target, ddl.columnChanges(), ddl.columns());
      }
      return truncate((Truncate) change, copy);
    };
  }

  /**
   * Routes through {@code inner}, then drops changes of target tables {@code skipped} names (tables
   * the error policy suspended).
   */
  static ChangeRouting skipping(ChangeRouting inner, Predicate<TableId> skipped) {
    return (change, transaction) -> {
      DataChange routed = inner.route(change, transaction);
      if (routed instanceof RowChange row) {
        return skipped.test(row.table()) ? null : row;
      }
      if (routed instanceof SchemaChange ddl) {
        return skipped.test(ddl.table()) ? null : ddl;
      }
      if (routed instanceof Truncate truncate) {
        List<TableId> kept = truncate.tables().stream().filter(skipped.negate()).toList();
        return kept.isEmpty() ? null : new Truncate(kept, truncate.restartIdentity());
      }
      return routed;
    };
  }

  /** The truncate of the replicated tables among those truncated; null when none is. */
  static Truncate truncate(Truncate truncate, Map<TableId, TableId> targets) {
    List<TableId> tables = new ArrayList<>();
    for (TableId table : truncate.tables()) {
      if (targets.containsKey(table)) {
        tables.add(targets.get(table));
      }
    }
    return tables.isEmpty() ? null : new Truncate(tables, truncate.restartIdentity());
  }
}
