package io.opendms.cli;

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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that define a task, shared by the commands that take one ({@code migrate},
 * {@code assess}): the endpoint pair and its documents ({@link EndpointPairOptions}) and the
 * migration type; each accessor parses its option and throws {@link OpenDmsException}
 * ({@code INVALID_PARAMETER} and friends) naming it.
 */
final class TaskOptions {

  @Mixin EndpointPairOptions endpoints;

  @Option(names = "--migration-type", required = true, paramLabel = "TYPE",
      description = "full-load, full-load-and-cdc or cdc.")
  String migrationType;

  EndpointConfig sourceEndpoint() {
    return endpoints.sourceEndpoint();
  }

  EndpointConfig targetEndpoint() {
    return endpoints.targetEndpoint();
  }

  MigrationType migrationType() {
    return parse(() -> MigrationType.parse(migrationType), "--migration-type");
  }

  TableMappings mappings() {
    return endpoints.mappings();
  }

  TaskSettings settings() {
    return endpoints.settings();
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
