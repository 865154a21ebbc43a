package io.opendms.engine.cdc;

import io.opendms.engine.mapping.RowContext;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Routes changes through each table's {@link TableTransform}: the same filters and
 * transformations the full load applied. Confined to the apply thread.
 */
public final class TransformingRouting implements ChangeRouting {
  private final Map<TableId, TableTransform> transforms;
  private final Map<TableId, TableId> targets = new HashMap<>();
  private long changeCounter;

  /** @param transforms the transform of each replicated source table */
  public TransformingRouting(Map<TableId, TableTransform> transforms) {
    this.transforms = Map.copyOf(transforms);
    transforms.forEach((source, transform) -> targets.put(source, transform.target().id()));
  }

  @Override
  public DataChange route(DataChange change, Begin transaction) {
    if (change instanceof Truncate truncate) {
      return ChangeRouting.truncate(truncate, targets);
    }
    RowChange row = (RowChange) change;
    TableTransform transform = transforms.get(row.table());
    if (transform == null) {
      return null;
    }
    Instant committed = transaction == null ? Instant.now() : transaction.commitTime();
    RowContext context = new RowContext(RowOperation.valueOf(row.operation().name()), committed,
        transaction == null ? null : transaction.xid(), changeSequence(committed));
    return transform.change(row, context).orElse(null);
  }

  /** DMS's 35 digits: commit time in microseconds (16) and a task-wide counter (19). */
  private String changeSequence(Instant committed) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, committed);
    return String.format(Locale.ROOT, "%016d%019d", micros, ++changeCounter);
  }
}
