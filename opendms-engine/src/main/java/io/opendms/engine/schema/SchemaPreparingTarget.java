package io.opendms.engine.schema;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target as the full load sees it when schema objects are on: DROP_AND_CREATE creates tables
 * with their defaults and identity. Before the first table, the tables of this load that hold
 * foreign keys are dropped and created bare, referencing tables first, so that the foreign keys
 * an earlier run created between them do not stop the drop of the tables they reference. Only
 * tables this load drops anyway are touched. When the target refuses a table with its defaults,
 * it is created without them and that is reported. Everything else goes to the real target, which
 * the caller keeps and closes.
 */
final class SchemaPreparingTarget implements TargetConnector {
  private static final Logger log = LoggerFactory.getLogger(SchemaPreparingTarget.class);

  private final TargetConnector target;
  private final SchemaObjectTarget objects;
  private final Map<TableId, TableSchema> schemas;
  private final List<TablePlan> toLoad;
  private final Consumer<List<SkippedObject>> report;
  private boolean foreignKeysCleared;

  SchemaPreparingTarget(TargetConnector target, SchemaObjectTarget objects,
      Map<TableId, TableSchema> schemas, List<TablePlan> toLoad,
      Consumer<List<SkippedObject>> report) {
    this.target = target;
    this.objects = objects;
    this.schemas = schemas;
    this.toLoad = toLoad;
    this.report = report;
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    TableSchema schema = schemas.get(table.id());
    if (preparation.mode() != PrepMode.DROP_AND_CREATE || schema == null) {
      target.prepare(table, preparation);
      return;
    }
    if (!foreignKeysCleared) {
      foreignKeysCleared = true;
      clearForeignKeys(preparation);
    }
    try {
      report.accept(objects.prepare(schema, preparation));
    } catch (OpenDmsException e) {
      if (e.category() == ErrorCategory.TRANSIENT) {
        throw e;
      }
      target.prepare(table, preparation);
      report.accept(List.of(new SkippedObject("defaults", table.id().toString(),
          "the table was created without its defaults and identity: " + e.getMessage())));
    }
  }

  /** Referencing tables first: a table goes once no other remaining table references it. */
  private void clearForeignKeys(TablePreparation preparation) {
    Map<TableId, TargetTable> remaining = new LinkedHashMap<>();
    for (TablePlan plan : toLoad) {
      TableSchema schema = schemas.get(plan.target().id());
      if (schema != null && !schema.foreignKeys().isEmpty()) {
        remaining.put(plan.target().id(), plan.target());
      }
    }
    while (!remaining.isEmpty()) {
      List<TableId> free = new ArrayList<>();
      for (TableId id : remaining.keySet()) {
        boolean referenced = remaining.keySet().stream().filter(other -> !other.equals(id))
            .anyMatch(other -> schemas.get(other).foreignKeys().stream()
                .anyMatch(k -> k.referencedTable().equals(id)));
        if (!referenced) {
          free.add(id);
        }
      }
      // a cycle: go in any order; a drop the target refuses is reported by the real prepare
      List<TableId> next = free.isEmpty() ? List.copyOf(remaining.keySet()) : free;
      for (TableId id : next) {
        try {
          target.prepare(remaining.remove(id), preparation);
        } catch (OpenDmsException e) {
          log.debug("{}: cannot drop it ahead of the load: {}", id, e.getMessage());
        }
      }
    }
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return target.importFormats(table);
  }

  @Override
  public TargetSession openSession() {
    return target.openSession();
  }

  @Override
  public TargetSession openSession(int rowsPerRequest) {
    return target.openSession(rowsPerRequest);
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {
    target.complete(table, preparation);
  }

  /** The real target belongs to the caller. */
  @Override
  public void close() {}
}
