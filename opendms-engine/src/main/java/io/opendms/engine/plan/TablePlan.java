package io.opendms.engine.plan;

import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.TargetTable;
import java.util.Objects;

/**
 * One selected table: what the source has and what the target gets.
 *
 * @param source the source table as discovered
 * @param target the target table after mapping
 * @param loadOrder the selection rule's load-order; higher starts first
 * @param transform what the table mappings do to its rows and changes; its target is {@code
 *     target}
 */
public record TablePlan(
    TableDefinition source, TargetTable target, int loadOrder, TableTransform transform) {

  public TablePlan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(transform, "transform");
    if (!transform.target().equals(target) || !transform.source().equals(source)) {
      throw new IllegalArgumentException("the transform of " + source.id() + " is of another table");
    }
  }

  /** A table that no transformation changes: same columns, every row. */
  public TablePlan(TableDefinition source, TargetTable target, int loadOrder) {
    this(source, target, loadOrder, TableTransform.identity(source, target));
  }

  /**
   * Whether target rows are the source rows unchanged (same names, types, order), so rows may
   * travel in a native format without decoding; but for LOB values that limited LOB mode cuts,
   * which {@link TableTransform#cutLobColumns()} lists.
   */
  public boolean columnsUnchanged() {
    return transform.keepsRowsButLongLobs();
  }

  @Override
  public String toString() {
    return source.id().equals(target.id()) ? source.id().toString() : source.id() + " -> " + target.id();
  }
}
