package io.opendms.engine.assess;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.plan.TaskPlanner;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.SourceAssessment;
import io.opendms.spi.assess.TargetAssessment;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs the premigration checks of a task against its real endpoints, read-only: nothing is
 * created on either side. Checks the engine can make from the plan run here; engine-specific
 * ones come from connectors implementing {@link SourceAssessment} and {@link TargetAssessment}.
 * One instance per run; blocks on both databases.
 */
public final class PremigrationAssessment {
  static final String CDC = "opendms-check-cdc-prerequisites";
  static final String SOURCE_CHECKS = "opendms-check-source-assessable";
  static final String TARGET_CHECKS = "opendms-check-target-assessable";

  private final ConnectorRegistry connectors;

  public PremigrationAssessment(ConnectorRegistry connectors) {
    this.connectors = connectors;
  }

  /**
   * Connects to both endpoints and runs every check, handing each result to {@code onResult}
   * as it completes (for progress). Stops between checks when the thread is interrupted.
   *
   * @throws OpenDmsException when an endpoint cannot be reached or the task definition is bad:
   *     then there is nothing to assess
   */
  public AssessmentReport run(TaskDefinition task, Consumer<CheckResult> onResult) {
    var results = new ArrayList<CheckResult>();
    Consumer<CheckResult> record = result -> {
      results.add(result);
      onResult.accept(result);
    };
    try (SourceConnector source = connectors.source(task.source().engine()).open(task.source());
        TargetConnector target = connectors.target(task.target().engine()).open(task.target())) {
      List<TablePlan> plans = plan(task, source);
      List<Runnable> checks = checks(task, source, target, plans, record);
      for (Runnable check : checks) {
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
        check.run();
      }
    }
    return new AssessmentReport(results);
  }

  private static List<TablePlan> plan(TaskDefinition task, SourceConnector source) {
    try {
      return new TaskPlanner(task.tableMappings(), task.settings().targetMetadata().targetSchema())
          .plan(source);
    } catch (OpenDmsException e) {
      if (e.code() == ErrorCode.NO_TABLES_SELECTED) {
        return List.of(); // reported by the selected-tables check, with the rules that missed
      }
      throw e;
    }
  }

  private static List<Runnable> checks(TaskDefinition task, SourceConnector source,
      TargetConnector target, List<TablePlan> plans, Consumer<CheckResult> record) {
    var checks = new ArrayList<Runnable>();
    checks.add(() -> record.accept(MappingChecks.selectedTablesExist(task.tableMappings(), plans)));
    UnaryOperator<TableId> placement =
        target instanceof TargetAssessment assessed ? assessed::placement : id -> id;
    checks.add(() -> record.accept(MappingChecks.nameCollisions(plans, placement)));
    if (source instanceof SourceAssessment assessed) {
      if (task.migrationType().includesFullLoad()) {
        checks.add(() -> record.accept(DataChecks.emptyTables(assessed, plans)));
      }
      checks.add(() -> record.accept(
          DataChecks.lobSizes(assessed, plans, task.settings().targetMetadata())));
      if (task.migrationType().includesCdc()) {
        checks.add(() -> assessed.cdcPrerequisites(
            plans.stream().map(TablePlan::source).toList()).forEach(record));
      } else {
        checks.add(() -> record.accept(CheckResult.skipped(CDC,
            "a " + task.migrationType().dmsName() + " task captures no changes")));
      }
    } else {
      checks.add(() -> record.accept(CheckResult.skipped(SOURCE_CHECKS,
          "the " + task.source().engine() + " source connector has no premigration checks")));
    }
    if (target instanceof TargetAssessment assessed) {
      checks.add(() -> record.accept(DataChecks.typeConversions(assessed, plans)));
      var schemas = new TreeSet<String>();
      plans.forEach(plan -> schemas.add(placement.apply(plan.target().id()).schema()));
      if (!schemas.isEmpty()) {
        checks.add(() -> record.accept(assessed.privileges(schemas)));
      }
    } else {
      checks.add(() -> record.accept(CheckResult.skipped(TARGET_CHECKS,
          "the " + task.target().engine() + " target connector has no premigration checks")));
    }
    return checks;
  }
}
