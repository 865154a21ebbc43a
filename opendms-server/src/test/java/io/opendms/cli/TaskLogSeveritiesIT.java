package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Logging.LogComponents} of a task's settings decide what its log holds, as {@code opendms
 * task-log} shows it: a component raised to DEBUG writes debug lines its logger would not make,
 * one lowered to ERROR writes no INFO lines, the others keep the default (INFO).
 */
class TaskLogSeveritiesIT {
  @TempDir Path dataDir;

  @Test
  void componentSeveritiesFilterAndRaiseTheTaskLog() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("log_sev_src");
        TestingPostgres target = TestingPostgres.create("log_sev_dst")) {
      source.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
          "INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 100) g");
      Path settings = Files.writeString(dataDir.resolve("settings.json"), """
          {"Logging": {"LogComponents": [
            {"Id": "TARGET_LOAD", "Severity": "LOGGER_SEVERITY_DEBUG"},
            {"Id": "TASK_MANAGER", "Severity": "LOGGER_SEVERITY_ERROR"},
            {"Id": "IO", "Severity": "LOGGER_SEVERITY_DETAILED_DEBUG"}]}}
          """);

      CliRun verbose = migrate(source, target, "verbose", "--task-settings", settings.toString());
      CliRun plain = migrate(source, target, "plain");

      assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      String verboseLog = taskLog("verbose");
      assertThat(verboseLog)
          .containsPattern("\\[TARGET_LOAD +\\]D:  public.items[^\\n]*: 100 rows committed")
          .containsPattern("\\[TABLES_MANAGER +\\]I:  public.items: completed, 100 rows")
          .doesNotContainPattern("\\[TASK_MANAGER +\\][IWD]");
      String plainLog = taskLog("plain");
      assertThat(plainLog)
          .containsPattern("\\[TASK_MANAGER +\\]I:")
          .containsPattern("\\[TABLES_MANAGER +\\]I:  public.items: completed, 100 rows")
          .doesNotContainPattern("\\]D:");
    }
  }

  private CliRun migrate(TestingPostgres source, TestingPostgres target, String task,
      String... more) {
    var args = new java.util.ArrayList<>(java.util.List.of("migrate", "--source", source.uri(),
        "--target", target.uri(), "--migration-type", "full-load", "--task-id", task,
        "--data-dir", dataDir.toString()));
    args.addAll(java.util.List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private String taskLog(String task) {
    CliRun run = CliRun.of("task-log", "--data-dir", dataDir.toString(), "--task-id", task);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run.out();
  }
}
