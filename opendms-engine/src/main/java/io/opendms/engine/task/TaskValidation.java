package io.opendms.engine.task;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.settings.ValidationSection;
import io.opendms.engine.validation.MismatchWriter;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationOptions;
import io.opendms.engine.validation.ValidationRunner;
import io.opendms.engine.validation.ValidationStatus;
import io.opendms.engine.validation.ValidationTables;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's validation ({@code ValidationSettings}): after the full load, compares the completed
 * tables (or, with ValidationOnly, every selected table without loading), keeps each table's
 * counters in the task state, and appends the differing rows to the target's
 * {@code awsdms_validation_failures_v1}; with RepairMismatchedRecords (beyond DMS) it first
 * rewrites them from the source and validates again. Runs on the task's thread; {@link #status()} and
 * {@link #stop()} may be called from any thread.
 */
final class TaskValidation {
  private static final Logger log = LoggerFactory.getLogger(TaskValidation.class);

  private final TaskDefinition definition;
  private final ConnectorRegistry connectors;
  private final SettingValues settings;
  private final Map<TableId, ValidationStatus> live = new ConcurrentHashMap<>();
  private volatile ValidationRunner runner;
  private volatile boolean stopping;

  TaskValidation(TaskDefinition definition, ConnectorRegistry connectors) {
    this.definition = definition;
    this.connectors = connectors;
    this.settings = definition.settings().section(ValidationSection.GROUP.name());
  }

  boolean enabled() {
    return settings.get(ValidationSection.ENABLE_VALIDATION) || validationOnly();
  }

  boolean validationOnly() {
    return settings.get(ValidationSection.VALIDATION_ONLY);
  }

  /** Each table's counters while validation runs and after; empty when it never ran. */
  Map<TableId, ValidationStatus> status() {
    return Map.copyOf(live);
  }

  void stop() {
    stopping = true;
    ValidationRunner current = runner;
    if (current != null) {
      current.stop();
    }
  }

  /**
   * Validates the tables; returns their verdicts in plan order.
   *
   * @throws OpenDmsException when the target cannot be opened for comparison
   */
  List<TableVerdict> run(SourceConnector source, List<TablePlan> plans, TaskStateKeeper state) {
    if (plans.isEmpty() || stopping) {
      return List.of();
    }
    plans.forEach(plan -> {
      ValidationStatus pending = ValidationStatus.pending(plan.source().estimatedRows());
      live.put(plan.source().id(), pending);
      state.record(plan.source().id(), pending);
    });
    try (SourceConnector target =
        connectors.source(definition.target().engine()).open(definition.target())) {
      ValidationTables tables = ValidationTables.of(source, target, plans);
      ValidationOptions options = ValidationOptions.from(definition.settings());
      ValidationRunner current = new ValidationRunner(tables.source(), tables.target(), options);
      runner = current;
      if (stopping) {
        current.stop();
      }
      var writer = new MismatchWriter(current, tables.target());
      List<TableVerdict> verdicts = current.validate(tables.pairs());
      if (Boolean.TRUE.equals(settings.get(ValidationSection.REPAIR_MISMATCHED_RECORDS))
          && !stopping) {
        MismatchWriter.Repaired repaired = writer.repairAndRevalidate(tables.pairs(), verdicts);
        repaired.rowsWritten().forEach((table, rows) ->
            log.info("{}: repaired {} row(s) on the target", table, rows));
        verdicts = repaired.verdicts();
      }
      for (TableVerdict verdict : verdicts) {
        ValidationStatus status = ValidationStatus.of(verdict);
        live.put(verdict.source(), status);
        state.record(verdict.source(), status);
      }
      recordFailures(writer, options, verdicts);
      return verdicts;
    }
  }

  private void recordFailures(MismatchWriter writer, ValidationOptions options,
      List<TableVerdict> verdicts) {
    try {
      writer.recordFailures(definition.taskId(), options.controlSchema(), verdicts);
    } catch (OpenDmsException e) {
      // the verdicts stand; only their copy on the target is missing
      log.error("cannot record validation failures on the target: {}", e.getMessage());
    }
  }
}
