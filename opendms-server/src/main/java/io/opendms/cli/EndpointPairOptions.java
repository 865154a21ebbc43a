package io.opendms.cli;

import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.spi.endpoint.EndpointConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Source, target and the DMS documents that select and name their tables: the options every
 * command that works on a pair of endpoints takes ({@code migrate}, {@code assess},
 * {@code validate}, {@code sync-sequences}). Each accessor parses its option and throws {@link
 * io.opendms.spi.error.OpenDmsException} naming it.
 */
final class EndpointPairOptions {

  @Option(names = "--source", required = true, paramLabel = "URI",
      description = "Source endpoint, e.g. postgresql://user:pass@host:5432/db?sslmode=require")
  String source;

  @Option(names = "--target", required = true, paramLabel = "URI", description = "Target endpoint URI.")
  String target;

  @Option(names = "--table-mappings", paramLabel = "FILE",
      description = "DMS table-mapping JSON; default: every table of every schema.")
  Path tableMappings;

  @Option(names = "--task-settings", paramLabel = "FILE",
      description = "DMS task-settings JSON, merged onto DMS's defaults.")
  Path taskSettings;

  EndpointConfig sourceEndpoint() {
    return EndpointUri.parse(source);
  }

  EndpointConfig targetEndpoint() {
    return EndpointUri.parse(target);
  }

  TableMappings mappings() {
    return tableMappings == null ? TableMappings.includeEverything()
        : TableMappings.parse(TaskOptions.read(tableMappings, "--table-mappings"));
  }

  TaskSettings settings() {
    return taskSettings == null ? TaskSettings.defaults()
        : TaskSettings.parse(TaskOptions.read(taskSettings, "--task-settings"));
  }
}
