package io.opendms.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.engine.assess.AssessmentReport;
import io.opendms.engine.assess.PremigrationAssessment;
import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.server.dms.Json;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.error.OpenDmsException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--source", required = true, paramLabel = "URI", description = "Source endpoint URI.")
  String source;

  @Option(names = "--target", required = true, paramLabel = "URI", description = "Target endpoint URI.")
  String target;

  @Option(names = "--migration-type", required = true, paramLabel = "TYPE",
      description = "full-load, full-load-and-cdc or cdc.")
  String migrationType;

  @Option(names = "--table-mappings", paramLabel = "FILE",
      description = "DMS table-mapping JSON; default: every table of every schema.")
  Path tableMappings;

  @Option(names = "--task-settings", paramLabel = "FILE",
      description = "DMS task-settings JSON, merged onto DMS's defaults.")
  Path taskSettings;

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
    MigrationType type =
        MigrateCommand.parse(() -> MigrationType.parse(migrationType), "--migration-type");
    TableMappings mappings = tableMappings == null ? TableMappings.includeEverything()
        : TableMappings.parse(MigrateCommand.read(tableMappings, "--table-mappings"));
    TaskSettings settings = taskSettings == null ? TaskSettings.defaults()
        : TaskSettings.parse(MigrateCommand.read(taskSettings, "--task-settings"));
    return new TaskDefinition("assess", EndpointUri.parse(source), EndpointUri.parse(target),
        type, mappings, settings, true);
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
    for (CheckResult result : report.results()) {
      ObjectNode node = results.addObject();
      node.put("Name", result.name());
      node.put("Status", result.status().dmsName());
      node.put("Message", result.message());
      result.objects().forEach(node.putArray("Objects")::add);
      node.put("Fix", result.fix());
    }
    return root;
  }
}
