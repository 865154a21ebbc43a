package io.opendms.cli;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.ConvertedSchema;
import io.opendms.spi.schema.SchemaDialect;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.source.SourceConnector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opendms convert-schema}: reads a source's tables, keys, indexes, foreign keys and
 * defaults, and prints the target engine's DDL followed by a report, as SQL comments, of what was
 * not converted and why, so the output runs as it is in psql or mariadb. The CREATE TABLE
 * statements are the ones a full-load task runs.
 */
@Command(
    name = "convert-schema",
    mixinStandardHelpOptions = true,
    description = "Print target DDL for a source schema and a report of what cannot be converted.")
public final class ConvertSchemaCommand implements Callable<Integer> {

  @Option(names = "--source", required = true, paramLabel = "URI", description = "Source endpoint URI.")
  String source;

  @Option(names = "--target-engine", required = true, paramLabel = "ENGINE",
      description = "postgres or mysql (also postgresql, mariadb, aurora, aurora-postgresql).")
  String targetEngine;

  @Option(names = "--table-mappings", paramLabel = "FILE",
      description = "DMS table-mapping JSON whose selection rules pick the tables;"
          + " default: every table.")
  Path tableMappings;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      SchemaDialect dialect = dialect(targetEngine);
      TableMappings mappings = tableMappings == null
          ? TableMappings.includeEverything()
          : TableMappings.parse(read(tableMappings));
      EndpointConfig endpoint = EndpointUri.parse(source);
      SourceSchema schema;
      try (SourceConnector connector = ConnectorRegistry.load().source(endpoint.engine()).open(endpoint)) {
        if (!(connector instanceof SchemaSource schemaSource)) {
          throw new OpenDmsException(ErrorCode.UNSUPPORTED,
              "the " + endpoint.engine() + " source cannot describe its schema");
        }
        schema = schemaSource.describeSchema(mappings::selects);
      }
      if (schema.tables().isEmpty()) {
        throw new OpenDmsException(ErrorCode.NO_TABLES_SELECTED,
            "no tables of " + endpoint.describe() + " are selected");
      }
      print(out, endpoint, dialect.convert(schema));
      return ExitCode.COMPLETED;
    } catch (OpenDmsException e) {
      err.println("opendms convert-schema: " + e.getMessage());
      return e.category() == ErrorCategory.INTERNAL ? ExitCode.TASK_FAILED : ExitCode.BAD_INPUT;
    }
  }

  private void print(PrintStream out, EndpointConfig endpoint, ConvertedSchema converted) {
    out.println("-- opendms convert-schema: " + endpoint.describe() + " -> " + targetEngine);
    for (String statement : converted.statements()) {
      out.println(statement + ";");
    }
    out.println();
    out.println("-- Not converted (" + converted.skipped().size() + "):");
    for (SkippedObject skipped : converted.skipped()) {
      out.println("--   " + skipped.toString().replace("\n", " "));
    }
  }

  private static SchemaDialect dialect(String engine) {
    String wanted = engine.toLowerCase(Locale.ROOT);
    for (SchemaDialect dialect : ServiceLoader.load(SchemaDialect.class)) {
      if (dialect.engineNames().contains(wanted)) {
        return dialect;
      }
    }
    throw new OpenDmsException(ErrorCode.UNKNOWN_ENGINE,
        "--target-engine: no schema dialect for '" + engine + "' (expected postgres or mysql)");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
          "--table-mappings: cannot read " + file + ": " + e);
    }
  }
}
