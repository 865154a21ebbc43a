package io.opendms.engine.plan;

import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.target.TargetTable;
import java.util.Objects;

/**
 * One selected table: what the source has and what the target gets.
 *
 * @param source the source table as discovered
 * @param target the target table after mapping
 * @param loadOrder the selection rule's load-order; higher starts first
 */
public record TablePlan(TableDefinition source, TargetTable target, int loadOrder) {

  public TablePlan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /**
   * Whether the target columns are the source columns unchanged (same names, types, order), so
   * rows may travel in a native format without decoding.
   */
  public boolean columnsUnchanged() {
    return source.columns().equals(target.columns());
  }

  @Override
  public String toString() {
    return source.id().equals(target.id()) ? source.id().toString() : source.id() + " -> " + target.id();
  }
}
