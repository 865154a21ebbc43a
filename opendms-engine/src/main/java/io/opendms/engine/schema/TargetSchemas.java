package io.opendms.engine.schema;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.schema.ColumnDefault;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a source's schema into target terms through the task's plans: the target table's name
 * and columns, foreign keys pointing at the target tables. A column is the same column on the
 * target when it keeps its name; an index or foreign key on a column the target table does not
 * have (a column the mappings drop or rename), or a foreign key to a table the task does not
 * migrate, is listed with the reason instead.
 */
final class TargetSchemas {
  private TargetSchemas() {}

  /**
   * @param skipped receives what cannot be carried over
   * @return the target-terms schema of every planned table the source described, by target id
   */
  static Map<TableId, TableSchema> of(SourceSchema schema, List<TablePlan> plans,
      List<SkippedObject> skipped) {
    Map<TableId, TablePlan> bySource = new HashMap<>();
    plans.forEach(p -> bySource.put(p.source().id(), p));
    Map<TableId, TableSchema> result = new HashMap<>();
    for (TableSchema table : schema.tables()) {
      TablePlan plan = bySource.get(table.table().id());
      if (plan != null) {
        result.put(plan.target().id(), convert(table, plan, bySource, skipped));
      }
    }
    return result;
  }

  private static TableSchema convert(TableSchema table, TablePlan plan,
      Map<TableId, TablePlan> bySource, List<SkippedObject> skipped) {
    TargetTable target = plan.target();
    Set<String> columns = names(target.columns());
    List<ColumnDefault> defaults = table.defaults().stream()
        .filter(d -> columns.contains(d.column())).toList();
    List<IndexDefinition> indexes = new ArrayList<>();
    for (IndexDefinition index : table.indexes()) {
      String missing = missing(index.columns(), columns);
      if (missing == null) {
        indexes.add(index);
      } else {
        skipped.add(new SkippedObject("index", target.id() + "." + index.name(),
            "column " + missing + " is not in the target table"));
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    for (ForeignKey key : table.foreignKeys()) {
      String where = target.id() + "." + key.name();
      TablePlan referenced = bySource.get(key.referencedTable());
      String missing = missing(key.columns(), columns);
      if (referenced == null) {
        skipped.add(new SkippedObject("foreign key", where, "references "
            + key.referencedTable() + ", which the task does not migrate"));
      } else if (missing != null
          || (missing = missing(key.referencedColumns(), names(referenced.target().columns())))
              != null) {
        skipped.add(new SkippedObject("foreign key", where,
            "column " + missing + " is not in the target tables"));
      } else {
        keys.add(new ForeignKey(key.name(), key.columns(), referenced.target().id(),
            key.referencedColumns(), key.onDelete(), key.onUpdate()));
      }
    }
    TableDefinition definition = new TableDefinition(target.id(), target.sourceEngine(),
        target.columns(), target.primaryKey(), 0, 0);
    return new TableSchema(definition, defaults, indexes, keys);
  }

  private static Set<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.toSet());
  }

  private static String missing(List<String> wanted, Set<String> present) {
    return wanted.stream().filter(c -> !present.contains(c)).findFirst().orElse(null);
  }
}
