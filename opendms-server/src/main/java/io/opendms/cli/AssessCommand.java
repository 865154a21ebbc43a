package io.opendms.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.assess.AssessmentReport;
import io.opendms.engine.assess.PremigrationAssessment;
import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.server.control.AssessmentShapes;
import io.opendms.server.dms.Json;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.error.OpenDmsException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendms assess}: the premigration checks of a task, read-only, no server needed. */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    description = "Check source, target, mappings and settings before migrating: one line per"
        + " check with its status and how to fix it. Changes nothing on either database.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no check failed (warnings allowed)",
      "1:at least one check failed",
      "2:bad input (flags, URIs, files, credentials, unreachable endpoint)"
    })
final class AssessCommand implements Callable<Integer> {

  @Mixin TaskOptions task;

  @Option(names = "--json", description = "Print the results as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    AssessmentReport report;
    try {
      TaskDefinition task = define();
      if (!json) {
        System.out.println("Assessing " + task.migrationType().dmsName() + ": "
            + task.source().describe() + " -> " + task.target().describe());
      }
      report = new PremigrationAssessment(ConnectorRegistry.load())
          .run(task, json ? result -> { } : result -> System.out.print(line(result)));
    } catch (OpenDmsException e) {
      err.println("opendms assess: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (json) {
      System.out.println(toJson(report).toPrettyString());
    } else {
      System.out.println(summary(report));
    }
    return report.count(CheckStatus.FAILED) > 0 ? ExitCode.TASK_FAILED : ExitCode.COMPLETED;
  }

  private TaskDefinition define() {
    return new TaskDefinition("assess", task.sourceEndpoint(), task.targetEndpoint(),
        task.migrationType(), task.mappings(), task.settings(), true);
  }

  /** {@code FAILED   postgres-check-pk: message}, then the objects and the fix, indented. */
  static String line(CheckResult result) {
    var text = new StringBuilder(String.format(Locale.ROOT, "%-8s %s: %s%n",
        result.status().name(), result.name(), result.message()));
    if (!result.objects().isEmpty() && result.status() != CheckStatus.PASSED) {
      text.append("         objects: ").append(String.join(", ", result.objects())).append('\n');
    }
    if (!result.fix().isEmpty()) {
      text.append("         fix: ").append(result.fix()).append('\n');
    }
    return text.toString();
  }

  static String summary(AssessmentReport report) {
    var text = new StringBuilder("Summary:");
    for (CheckStatus status : CheckStatus.values()) {
      text.append(' ').append(report.count(status)).append(' ').append(status.dmsName())
          .append(status == CheckStatus.SKIPPED ? "" : ",");
    }
    return text.toString();
  }

  static ObjectNode toJson(AssessmentReport report) {
    ObjectNode root = Json.object();
    root.put("Status", report.overall().dmsName());
    ArrayNode results = root.putArray("Results");
    report.results().forEach(result -> results.add(AssessmentShapes.detail(result)));
    return root;
  }
}
