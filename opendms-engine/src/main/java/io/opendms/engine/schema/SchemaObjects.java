package io.opendms.engine.schema;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TargetConnector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's schema objects and counters ({@code OpenDmsSettings}): with DROP_AND_CREATE, tables
 * are created with defaults and identity, each table gets its unique and secondary indexes right
 * after its load (before it is recorded complete, so a crash in between reloads it), and foreign
 * keys are created once the tables they reference are loaded: at the end of a full-load task, and
 * for tasks with CDC only when change processing reaches {@code CdcStopPosition} (cut-over), since
 * batch apply writes a batch's tables in any order (with batch apply, unique indexes wait for the
 * cut-over too). Counters are set to the source's at the
 * end of a full-load task and whenever change processing stops. What cannot be created goes to
 * the task log with the reason. Called on the task's coordinating thread.
 */
public final class SchemaObjects {
  private static final Logger log = LoggerFactory.getLogger(SchemaObjects.class);

  private final String taskId;
  private final SchemaObjectTarget target;
  private final Map<TableId, TableSchema> schemas;
  private final CounterSync counters;
  private final boolean deferUnique;

  private SchemaObjects(String taskId, SchemaObjectTarget target,
      Map<TableId, TableSchema> schemas, CounterSync counters, boolean deferUnique) {
    this.taskId = taskId;
    this.target = target;
    this.schemas = schemas;
    this.counters = counters;
    this.deferUnique = deferUnique;
  }

  /**
   * Describes the source's schema when objects are to be created, and reports what will not be.
   *
   * @param createObjects {@code OpenDmsSettings.CreateSchemaObjects}, resolved
   * @param syncCounters {@code OpenDmsSettings.SyncSequences}, resolved
   * @param deferUnique create unique indexes with the foreign keys at cut-over, not after each
   *     table's load: batch apply writes a batch's net changes per table in one statement, so
   *     rows that swap unique values inside one batch would collide on the way
   */
  public static SchemaObjects forTask(String taskId, SourceConnector source,
      TargetConnector target, List<TablePlan> plans, PrepMode prepMode, boolean createObjects,
      boolean syncCounters, boolean deferUnique) {
    boolean capable = source instanceof SchemaSource && target instanceof SchemaObjectTarget;
    if ((createObjects || syncCounters) && !capable) {
      log.warn("task {}: OpenDmsSettings: this source or target cannot describe or create schema"
          + " objects; none are created and no counters are set", taskId);
    }
    if (!capable) {
      return new SchemaObjects(taskId, null, Map.of(), null, false);
    }
    SchemaObjects objects = new SchemaObjects(taskId, (SchemaObjectTarget) target,
        createObjects && prepMode == PrepMode.DROP_AND_CREATE
            ? describe(taskId, (SchemaSource) source, plans) : Map.of(),
        syncCounters ? new CounterSync((SchemaSource) source, (SchemaObjectTarget) target, plans)
            : null, deferUnique);
    if (createObjects && prepMode != PrepMode.DROP_AND_CREATE) {
      log.info("task {}: OpenDmsSettings.CreateSchemaObjects applies to tables the task creates"
          + " (TargetTablePrepMode DROP_AND_CREATE); with {} the target's own objects stay as"
          + " they are", taskId, prepMode);
    }
    return objects;
  }

  private static Map<TableId, TableSchema> describe(String taskId, SchemaSource source,
      List<TablePlan> plans) {
    Set<TableId> selected = new HashSet<>();
    plans.forEach(p -> selected.add(p.source().id()));
    SourceSchema schema;
    try {
      schema = source.describeSchema(selected::contains);
    } catch (OpenDmsException e) {
      // the task can still move the rows; the user learns why the extras are missing
      log.warn("task {}: cannot describe the source's indexes and keys, so none are created:"
          + " {}", taskId, e.getMessage());
      return Map.of();
    }
    List<SkippedObject> skipped = new ArrayList<>(schema.skipped());
    Map<TableId, TableSchema> result = TargetSchemas.of(schema, plans, skipped);
    report(taskId, skipped);
    return result;
  }

  /** The target the full load of {@code toLoad} prepares its tables through. */
  public TargetConnector preparing(TargetConnector fullLoadTarget, List<TablePlan> toLoad) {
    return schemas.isEmpty() ? fullLoadTarget : new SchemaPreparingTarget(fullLoadTarget, target,
        schemas, toLoad, skipped -> report(taskId, skipped));
  }

  /** Wraps the full load's table callback: a completed table gets its indexes first. */
  public Consumer<TableStatus> afterEachTable(Consumer<TableStatus> record) {
    return status -> {
      TableSchema schema = schemas.get(status.plan().target().id());
      if (status.state() == TableState.TABLE_COMPLETED && schema != null) {
        createIndexes(schema, index -> !(deferUnique && index.unique()));
      }
      record.accept(status);
    };
  }

  private void createIndexes(TableSchema schema, Predicate<IndexDefinition> now) {
    List<IndexDefinition> indexes = schema.indexes().stream().filter(now).toList();
    if (indexes.isEmpty()) {
      return;
    }
    List<SkippedObject> refused = target.createIndexes(new TableSchema(schema.table(),
        schema.defaults(), indexes, schema.foreignKeys()));
    report(taskId, refused);
    log.info("task {}: {}: {} of {} index(es) created", taskId, schema.table().id(),
        indexes.size() - refused.size(), indexes.size());
  }

  /**
   * The end of a full-load task: foreign keys between the tables loaded (in this run or kept
   * from an earlier one), then counters.
   */
  public void fullLoadFinished(List<TablePlan> plans, List<TableStatus> statuses) {
    Set<TableId> loaded = new HashSet<>();
    plans.forEach(p -> loaded.add(p.target().id()));
    statuses.stream().filter(s -> s.state() != TableState.TABLE_COMPLETED)
        .forEach(s -> loaded.remove(s.plan().target().id()));
    reportFailure(() -> createForeignKeys(loaded));
    syncCounters();
  }

  /**
   * Change processing stopped: counters always; foreign keys when it reached its stop position,
   * the cut-over, after which no more changes are applied.
   */
  public void changeProcessingStopped(boolean atStopPosition) {
    int pending = schemas.values().stream().mapToInt(s -> s.foreignKeys().size()).sum();
    if (atStopPosition) {
      createAtCutOver(deferUnique, true);
    } else if (pending > 0) {
      log.info("task {}: {} foreign key(s){} not created yet: a task with CDC creates them when"
          + " it reaches its CdcStopPosition (cut-over), or run opendms sync-sequences"
          + " --foreign-keys{}", taskId, pending,
          deferUnique ? " and the unique indexes (BatchApplyEnabled)" : "",
          deferUnique ? " --unique-indexes" : "");
    }
    syncCounters();
  }

  /**
   * What a task with CDC leaves for the cut-over, on demand: the unique indexes, the foreign
   * keys, or both, of every described table. Objects the target already has are reported as
   * refused.
   */
  public void createAtCutOver(boolean uniqueIndexes, boolean foreignKeys) {
    reportFailure(() -> {
      if (uniqueIndexes) {
        schemas.values().forEach(schema -> createIndexes(schema, IndexDefinition::unique));
      }
      if (foreignKeys) {
        createForeignKeys(schemas.keySet());
      }
    });
  }

  private void createForeignKeys(Set<TableId> loaded) {
    for (TableSchema schema : schemas.values()) {
      TableId id = schema.table().id();
      if (schema.foreignKeys().isEmpty() || !loaded.contains(id)) {
        continue;
      }
      List<ForeignKey> ready = new ArrayList<>();
      List<SkippedObject> skipped = new ArrayList<>();
      for (ForeignKey key : schema.foreignKeys()) {
        if (loaded.contains(key.referencedTable())) {
          ready.add(key);
        } else {
          skipped.add(new SkippedObject("foreign key", id + "." + key.name(), "references "
              + key.referencedTable() + ", which did not complete its load"));
        }
      }
      List<SkippedObject> refused = ready.isEmpty() ? List.of() : target.createForeignKeys(
          new TableSchema(schema.table(), schema.defaults(), schema.indexes(), ready));
      skipped.addAll(refused);
      report(taskId, skipped);
      log.info("task {}: {}: {} of {} foreign key(s) created", taskId, id,
          ready.size() - refused.size(), schema.foreignKeys().size());
    }
  }

  private void syncCounters() {
    if (counters == null) {
      return;
    }
    try {
      for (CounterSync.Result result : counters.run()) {
        if (result.error() != null) {
          log.warn("task {}: counter {}", taskId, result);
        } else {
          log.info("task {}: counter {}", taskId, result);
        }
      }
    } catch (OpenDmsException e) {
      // the rows are in place: a counter left behind is reported, not a failed task
      log.warn("task {}: counters not set: {}; run opendms sync-sequences", taskId,
          e.getMessage());
    }
  }

  /** The rows are in place whatever happens here: a failure is logged, not the task's end. */
  private void reportFailure(Runnable step) {
    try {
      step.run();
    } catch (OpenDmsException e) {
      log.error("task {}: foreign keys or indexes not created: {}; create them by hand"
          + " (opendms convert-schema prints their DDL)", taskId, e.getMessage());
    }
  }

  private static void report(String taskId, List<SkippedObject> skipped) {
    skipped.forEach(s -> log.warn("task {}: not converted: {}", taskId, s));
  }
}
