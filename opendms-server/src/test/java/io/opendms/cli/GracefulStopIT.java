package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a running {@code opendms migrate} process: the load stops, the open partition rolls
 * back, the task state says which tables did not complete, and a resumed run finishes the job.
 */
class GracefulStopIT {
  private static TestingPostgres source;
  @TempDir Path dataDir;

  @BeforeAll
  static void createSource() {
    source = TestingPostgres.create("stop_src");
    source.execute(
        "CREATE TABLE wide (id bigint PRIMARY KEY, body text)",
        "INSERT INTO wide SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 1500000) g");
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void sigtermStopsTheLoadKeepsStateAndResumeFinishesIt() throws Exception {
    try (TestingPostgres target = TestingPostgres.create("stop_dst")) {
      Path errors = dataDir.resolve("stderr.txt");
      Process run = start(target, "start-replication", errors);
      awaitLine(errors, "partition(s)", run);
      Thread.sleep(300);
      run.destroy(); // SIGTERM

      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String stderr = Files.readString(errors, StandardCharsets.UTF_8);
      assertThat(run.exitValue()).as(stderr).isEqualTo(1);
      assertThat(stderr).contains("stopping task stop-test").contains("resume-processing");
      String state = Files.readString(dataDir.resolve("tasks/stop-test/state.json"));
      assertThat(state).contains("TABLE_CANCELLED");
      assertThat(MigrateCommandIT.fingerprint(target, "public.wide")).startsWith("0:");

      Process resumed = start(target, "resume-processing", dataDir.resolve("stderr2.txt"));
      assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(resumed.exitValue()).isZero();
      assertThat(MigrateCommandIT.fingerprint(target, "public.wide"))
          .isEqualTo(MigrateCommandIT.fingerprint(source, "public.wide"));
    }
  }

  private Process start(TestingPostgres target, String startMode, Path stderr) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        OpenDmsCli.class.getName(), "migrate", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", "full-load", "--data-dir", dataDir.toString(), "--task-id", "stop-test",
        "--start", startMode);
    return new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private static void awaitLine(Path file, String text, Process process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("opendms ended early: " + Files.readString(file));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in time: " + Files.readString(file));
  }

}
