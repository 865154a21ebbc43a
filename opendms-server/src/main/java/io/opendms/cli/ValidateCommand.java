package io.opendms.cli;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.validation.MismatchWriter;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationOptions;
import io.opendms.engine.validation.ValidationRunner;
import io.opendms.engine.validation.ValidationTables;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendms validate}: a one-shot comparison of source and target data. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Compare the selected tables of source and target and print a per-table verdict.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every table matches (after --repair: matches now)",
      "1:some table differs or could not be compared",
      "2:bad input (flags, URIs, files, credentials, unreachable endpoint)"
    })
final class ValidateCommand implements Callable<Integer> {

  @Mixin EndpointPairOptions endpoints;

  @Option(names = "--show-diff", description = "Print every differing row: key and columns.")
  boolean showDiff;

  @Option(names = "--repair",
      description = "Rewrite the differing target rows from the source, then validate again.")
  boolean repair;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    EndpointConfig sourceEndpoint;
    EndpointConfig targetEndpoint;
    TableMappings mappings;
    TaskSettings settings;
    try {
      sourceEndpoint = endpoints.sourceEndpoint();
      targetEndpoint = endpoints.targetEndpoint();
      mappings = endpoints.mappings();
      settings = endpoints.settings();
    } catch (OpenDmsException e) {
      err.println("opendms validate: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    ConnectorRegistry registry = ConnectorRegistry.load();
    try (SourceConnector sourceConnector = registry.source(sourceEndpoint.engine()).open(sourceEndpoint);
        SourceConnector targetConnector = registry.source(targetEndpoint.engine()).open(targetEndpoint)) {
      ValidationTables tables = ValidationTables.resolve(sourceConnector, targetConnector, mappings,
          settings.targetMetadata().targetSchema());
      var runner = new ValidationRunner(tables.source(), tables.target(), ValidationOptions.from(settings));
      List<TableVerdict> verdicts = runner.validate(tables.pairs());
      ValidationReport.print(out, verdicts, showDiff);
      if (repair && verdicts.stream().anyMatch(v -> !v.mismatches().isEmpty())) {
        verdicts = repair(runner, tables, verdicts, out);
      }
      return verdicts.stream().allMatch(TableVerdict::matches) ? ExitCode.COMPLETED : ExitCode.TASK_FAILED;
    } catch (OpenDmsException e) {
      err.println("opendms validate: " + e.getMessage());
      return MigrateCommand.exitCodeFor(e);
    }
  }

  private List<TableVerdict> repair(ValidationRunner runner, ValidationTables tables,
      List<TableVerdict> verdicts, PrintStream out) {
    MismatchWriter.Repaired repaired =
        new MismatchWriter(runner, tables.target()).repairAndRevalidate(tables.pairs(), verdicts);
    repaired.rowsWritten().forEach((table, rows) ->
        out.printf("%s: repaired %,d row(s) on the target%n", table, rows));
    out.println("after repair:");
    ValidationReport.print(out, repaired.verdicts().stream()
        .filter(v -> repaired.rowsWritten().containsKey(v.source())).toList(), showDiff);
    return repaired.verdicts();
  }
}
