package io.opendms.engine.cdc;

import io.opendms.engine.mapping.RowContext;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.spi.change.Begin;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.DdlApplier;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.SchemaChange.ColumnChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes changes through each table's {@link TableTransform}: the same filters and
 * transformations the full load applied. A source DDL ({@link SchemaChange}) makes the table
 * mappings transform the new source columns again; as {@link DdlPolicy} says, the target table
 * follows (the routed change names the target's column changes, in target names) or keeps its
 * columns and later rows are fitted onto them ({@link TableLineage}). Confined to the apply thread.
 */
public final class TransformingRouting implements ChangeRouting {
  private static final Logger log = LoggerFactory.getLogger(TransformingRouting.class);

  private final Map<TableId, TableLineage> lineages = new HashMap<>();
  private final Map<TableId, TableId> targets = new HashMap<>();
  private final DdlPolicy policy;
  private final Function<TableDefinition, TableTransform> retransform;
  private long changeCounter;

  /**
   * A routing whose tables never change shape: a DDL fails with the table mappings' error.
   *
   * @param transforms the transform of each replicated source table
   */
  public TransformingRouting(Map<TableId, TableTransform> transforms) {
    this(transforms, DdlPolicy.APPLY_ALL, table -> {
      throw new IllegalStateException("no table mappings to transform " + table.id() + " again");
    });
  }

  /**
   * @param transforms the transform of each replicated source table
   * @param policy which DDL the target follows
   * @param retransform the table mappings' transform of a source table's new columns
   */
  public TransformingRouting(Map<TableId, TableTransform> transforms, DdlPolicy policy,
      Function<TableDefinition, TableTransform> retransform) {
    this.policy = policy;
    this.retransform = retransform;
    transforms.forEach((source, transform) -> {
      lineages.put(source, TableLineage.planned(transform));
      targets.put(source, transform.target().id());
    });
  }

  @Override
  public DataChange route(DataChange change, Begin transaction) {
    if (change instanceof Truncate truncate) {
      Truncate routed = ChangeRouting.truncate(truncate, targets);
      if (routed != null && policy.failOnTruncation()) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "truncation of "
            + truncate.tables() + " captured, and ErrorBehavior.ApplyErrorFailOnTruncationDdl is"
            + " true: the task stops without applying it");
      }
      if (routed != null && !policy.tableTruncated()) {
        log.info("truncation of {} not applied: HandleSourceTableTruncated is false", truncate.tables());
        return null;
      }
      return routed;
    }
    if (change instanceof SchemaChange ddl) {
      return ddl(ddl);
    }
    RowChange row = (RowChange) change;
    TableLineage lineage = lineages.get(row.table());
    if (lineage == null) {
      return null;
    }
    Instant committed = transaction == null ? Instant.now() : transaction.commitTime();
    RowContext context = new RowContext(RowOperation.valueOf(row.operation().name()), committed,
        transaction == null ? null : transaction.xid(), changeSequence(committed));
    return lineage.transform().change(row, context).map(lineage::fit).orElse(null);
  }

  /** The target's part of a source DDL, or null when the target is to keep its table as it is. */
  private SchemaChange ddl(SchemaChange change) {
    TableLineage lineage = lineages.get(change.table());
    if (lineage == null) {
      return null;
    }
    TableId target = lineage.applied().id();
    if (change.kind() == SchemaChange.Kind.DROP_TABLE) {
      if (!policy.tableDropped()) {
        log.info("drop of {} not applied to {}: HandleSourceTableDropped is false", change.table(), target);
        return null;
      }
      return SchemaChange.dropped(target, change.statement());
    }
    TableDefinition before = lineage.transform().source();
    TableDefinition after = new TableDefinition(before.id(), before.engine(), change.columns(),
        change.keyAfter(before.primaryKey()), before.estimatedRows(), before.estimatedBytes());
    TableLineage next = lineage.altered(change, retransform.apply(after), policy.tableAltered());
    lineages.put(change.table(), next);
    if (!policy.tableAltered()) {
      log.info("{} of {} not applied to {}: HandleSourceTableAltered is false; its rows go on in"
          + " the target's columns", DdlApplier.describe(change), change.table(), target);
      return null;
    }
    List<ColumnChange> columns = lineage.targetChanges(next);
    if (columns.isEmpty() && next.applied().equals(lineage.applied())) {
      log.info("{} of {} changes no column of target table {}", DdlApplier.describe(change),
          change.table(), target);
      return null;
    }
    return change.on(next.applied().id(), columns, next.applied().columns());
  }

  /** DMS's 35 digits: commit time in microseconds (16) and a task-wide counter (19). */
  private String changeSequence(Instant committed) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, committed);
    return String.format(Locale.ROOT, "%016d%019d", micros, ++changeCounter);
  }
}
