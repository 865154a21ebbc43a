package io.opendms.cli;

import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.MigrationType;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options that define a task, shared by the commands that take one ({@code migrate},
 * {@code assess}); each accessor parses its option and throws {@link OpenDmsException}
 * ({@code INVALID_PARAMETER} and friends) naming it.
 */
final class TaskOptions {

  @Option(names = "--source", required = true, paramLabel = "URI",
      description = "Source endpoint, e.g. postgresql://user:pass@host:5432/db?sslmode=require")
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

  EndpointConfig sourceEndpoint() {
    return EndpointUri.parse(source);
  }

  EndpointConfig targetEndpoint() {
    return EndpointUri.parse(target);
  }

  MigrationType migrationType() {
    return parse(() -> MigrationType.parse(migrationType), "--migration-type");
  }

  TableMappings mappings() {
    return tableMappings == null ? TableMappings.includeEverything()
        : TableMappings.parse(read(tableMappings, "--table-mappings"));
  }

  TaskSettings settings() {
    return taskSettings == null ? TaskSettings.defaults()
        : TaskSettings.parse(read(taskSettings, "--task-settings"));
  }

  static <T> T parse(Supplier<T> parser, String option) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, option + ": " + e.getMessage());
    }
  }

  static String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, option + ": cannot read " + file + ": " + e);
    }
  }
}
