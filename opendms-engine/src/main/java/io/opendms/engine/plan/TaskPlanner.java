package io.opendms.engine.plan;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.Comparator;
import java.util.List;

/** Resolves the table mappings against what the source has: which tables, named how, in what order. */
public final class TaskPlanner {
  private final TableMappings mappings;
  private final String targetSchema;

  /**
   * @param mappings the task's table mappings
   * @param targetSchema DMS {@code TargetMetadata.TargetSchema}; empty keeps each source schema
   */
  public TaskPlanner(TableMappings mappings, String targetSchema) {
    this.mappings = mappings;
    this.targetSchema = targetSchema;
  }

  /**
   * Discovers the selected tables and orders them: higher load-order first, then larger tables
   * first so that the longest loads start early and parallel workers finish together.
   *
   * @throws OpenDmsException NO_TABLES_SELECTED when the mappings select nothing
   */
  public List<TablePlan> plan(SourceConnector source) {
    List<TableDefinition> tables = source.discover(mappings::selects);
    if (tables.isEmpty()) {
      throw new OpenDmsException(
          ErrorCode.NO_TABLES_SELECTED,
          "the table mappings select no table of the source (selection rules: "
              + mappings.selectionRules()
              + ")");
    }
    return tables.stream()
        .map(table -> new TablePlan(table, targetOf(table), mappings.loadOrder(table.id())))
        .sorted(
            Comparator.comparingInt(TablePlan::loadOrder)
                .reversed()
                .thenComparing(p -> -p.source().estimatedBytes())
                .thenComparing(p -> p.source().id()))
        .toList();
  }

  private TargetTable targetOf(TableDefinition table) {
    String schema = targetSchema.isEmpty() ? table.id().schema() : targetSchema;
    return new TargetTable(
        new TableId(schema, table.id().name()), table.engine(), table.columns(), table.primaryKey());
  }
}
