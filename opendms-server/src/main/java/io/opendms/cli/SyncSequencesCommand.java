package io.opendms.cli;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.plan.TaskPlanner;
import io.opendms.engine.schema.CounterSync;
import io.opendms.engine.schema.SchemaObjects;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TargetConnector;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendms sync-sequences}: the cut-over step on its own. Sets each target table's
 * identity, serial or AUTO_INCREMENT counter to the source's (never below the target's own rows),
 * for the tables the mappings select, named as a task with the same mappings and settings names
 * them; with {@code --foreign-keys} and {@code --unique-indexes} also the objects a task with CDC
 * leaves for the cut-over. Run it once writes on the source have stopped.
 */
@Command(
    name = "sync-sequences",
    mixinStandardHelpOptions = true,
    description = "Set the target tables' identity/serial/AUTO_INCREMENT counters to the source's.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every counter was set (or the target column has none)",
      "1:some counter could not be set",
      "2:bad input (flags, URIs, files, credentials, unreachable endpoint)"
    })
final class SyncSequencesCommand implements Callable<Integer> {

  @Mixin EndpointPairOptions endpoints;

  @Option(names = "--foreign-keys",
      description = "Also create the selected tables' foreign keys: a task with CDC creates them"
          + " only when it reaches its CdcStopPosition.")
  boolean foreignKeys;

  @Option(names = "--unique-indexes",
      description = "Also create the selected tables' unique indexes: a task with CDC and"
          + " BatchApplyEnabled creates them only when it reaches its CdcStopPosition.")
  boolean uniqueIndexes;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try {
      TableMappings mappings = endpoints.mappings();
      TaskSettings settings = endpoints.settings();
      EndpointConfig sourceEndpoint = endpoints.sourceEndpoint();
      EndpointConfig targetEndpoint = endpoints.targetEndpoint();
      ConnectorRegistry connectors = ConnectorRegistry.load();
      try (SourceConnector from = connectors.source(sourceEndpoint.engine()).open(sourceEndpoint);
          TargetConnector to = connectors.target(targetEndpoint.engine()).open(targetEndpoint)) {
        if (!(from instanceof SchemaSource schemaSource)
            || !(to instanceof SchemaObjectTarget schemaTarget)) {
          throw new OpenDmsException(ErrorCode.UNSUPPORTED, sourceEndpoint.engine() + " -> "
              + targetEndpoint.engine() + ": counters cannot be read or set between these engines");
        }
        List<TablePlan> plans =
            new TaskPlanner(mappings, settings.targetMetadata().targetSchema()).plan(from);
        if (foreignKeys || uniqueIndexes) {
          // reported in the log (stderr): created, or refused with the target's reason
          SchemaObjects.forTask("sync-sequences", from, to, plans, PrepMode.DROP_AND_CREATE, true,
              false, false).createAtCutOver(uniqueIndexes, foreignKeys);
        }
        List<CounterSync.Result> results = new CounterSync(schemaSource, schemaTarget, plans).run();
        results.forEach(out::println);
        out.println(results.size() + " counter(s) of " + plans.size() + " table(s)");
        return results.stream().anyMatch(r -> r.error() != null)
            ? ExitCode.TASK_FAILED : ExitCode.COMPLETED;
      }
    } catch (OpenDmsException e) {
      System.err.println("opendms sync-sequences: " + e.getMessage());
      return MigrateCommand.exitCodeFor(e);
    }
  }
}
