package io.opendms.spi.assess;

import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Set;

/**
 * The premigration checks a target connector can run, read-only. The engine checks for it with
 * {@code instanceof} on the {@link io.opendms.spi.target.TargetConnector}.
 */
public interface TargetAssessment {

  /**
   * Where this target puts a table that the plan names {@code planned}: the planned name unless
   * the target folds names (MySQL without MultipleDatabases puts every table in the endpoint's
   * database). Stateless.
   */
  default TableId placement(TableId planned) {
    return planned;
  }

  /**
   * Whether the connected user may create tables in, and write to, these schemas (MySQL: these
   * databases) as {@link #placement} gives them, created when missing. Reported, never thrown.
   */
  CheckResult privileges(Set<String> schemas);

  /**
   * The source columns whose values this target stores with a loss or cannot store at all, each
   * as {@code column: what happens}, using the same type mapping as table creation. Empty when
   * every value arrives unchanged.
   */
  List<String> conversionRisks(TableDefinition source);
}
