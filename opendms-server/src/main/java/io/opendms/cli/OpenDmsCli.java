package io.opendms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code opendms} command: one subcommand per job. */
@Command(
    name = "opendms",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Database migration and replication that speaks the AWS DMS API.",
    subcommands = {MigrateCommand.class, ServerCommand.class, ConvertSchemaCommand.class,
        TaskLogCommand.class, SyncSequencesCommand.class, ValidateCommand.class, AssessCommand.class})
public final class OpenDmsCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (0 done, 1 task failed, 2 bad input). */
  public static int run(String... args) {
    return new CommandLine(new OpenDmsCli())
        .setCaseInsensitiveEnumValuesAllowed(false)
        .execute(args);
  }
}
