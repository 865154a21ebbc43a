package io.opendms.engine.plan;

import io.opendms.engine.mapping.LobMode;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Resolves the table mappings against what the source has: which tables, named how, in what order. */
public final class TaskPlanner {
  private final TableMappings mappings;
  private final String targetSchema;
  private final LobMode lobs;

  /**
   * @param mappings the task's table mappings
   * @param targetSchema DMS {@code TargetMetadata.TargetSchema}; empty keeps each source schema
   */
  public TaskPlanner(TableMappings mappings, String targetSchema) {
    this(mappings, targetSchema, LobMode.WHOLE);
  }

  /**
   * @param lobs the task's LOB mode (DMS {@code TargetMetadata}): LOB columns left out, cut or
   *     whole, unless a table's {@code lob-settings} says otherwise
   */
  public TaskPlanner(TableMappings mappings, String targetSchema, LobMode lobs) {
    this.mappings = mappings;
    this.targetSchema = targetSchema;
    this.lobs = lobs;
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
    List<TablePlan> plans = tables.stream().map(this::planOf).toList();
    refuseTwoSourcesOneTarget(plans);
    return plans.stream()
        .sorted(
            Comparator.comparingInt(TablePlan::loadOrder)
                .reversed()
                .thenComparing(p -> -p.source().estimatedBytes())
                .thenComparing(p -> p.source().id()))
        .toList();
  }

  private TablePlan planOf(TableDefinition table) {
    TableTransform transform = mappings.transform(table, targetSchema, lobs);
    return new TablePlan(table, transform.target(), mappings.loadOrder(table.id()), transform);
  }

  /** DMS does not merge two source tables into one target table; neither do we. */
  private static void refuseTwoSourcesOneTarget(List<TablePlan> plans) {
    Map<TableId, TableId> sourceByTarget = new HashMap<>();
    for (TablePlan plan : plans) {
      TableId first = sourceByTarget.putIfAbsent(plan.target().id(), plan.source().id());
      if (first != null) {
        throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, "the table mappings map both "
            + first + " and " + plan.source().id() + " to target table " + plan.target().id()
            + "; two source tables cannot share one target table");
      }
    }
  }
}
