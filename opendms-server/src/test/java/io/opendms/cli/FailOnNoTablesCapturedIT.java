package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ErrorBehavior.FailOnNoTablesCaptured with a CDC task whose mappings select no table yet: true
 * (the default) fails the task at once; false keeps it running, and it starts capturing the
 * table as soon as one the mappings select exists.
 */
class FailOnNoTablesCapturedIT {
  private static final String MAPPINGS = """
      {"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"later",
        "object-locator":{"schema-name":"public","table-name":"later%"},"rule-action":"include"}]}""";

  @TempDir Path dataDir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void aCdcTaskWithoutTablesFailsByDefault() throws Exception {
    TestingPostgres source = database("notables_src");
    TestingPostgres target = database("notables_dst");
    ChildMigrate migrate = start("notables-" + UUID.randomUUID().toString().substring(0, 8),
        source, target, "{}");
    assertThat(migrate.waitFor(Duration.ofSeconds(60))).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(migrate.log()).contains("select no table");
  }

  @Test
  void withFailOnNoTablesCapturedFalseACdcTaskWaitsForATableAndCapturesIt() throws Exception {
    TestingPostgres source = database("notables_src");
    TestingPostgres target = database("notables_dst");
    String task = "notables-" + UUID.randomUUID().toString().substring(0, 8);
    ChildMigrate migrate = start(task, source, target,
        "{\"ErrorBehavior\": {\"FailOnNoTablesCaptured\": false}}");
    migrate.awaitLog("waiting for a table the mappings select", Duration.ofSeconds(60));

    target.execute("CREATE TABLE public.later_items (id int PRIMARY KEY, v text)");
    source.execute("CREATE TABLE public.later_items (id int PRIMARY KEY, v text)");
    migrate.awaitLog("table(s) to capture appeared", Duration.ofSeconds(60));
    migrate.awaitLog("CDCThroughputRowsTarget", Duration.ofSeconds(60));
    source.execute("INSERT INTO public.later_items VALUES (1, 'captured'), (2, 'too')");
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> rows = List.of();
    while (System.nanoTime() < end && rows.size() < 2) {
      Thread.sleep(300);
      rows = ApplyErrorPoliciesIT.rows(target, "SELECT id, v FROM public.later_items ORDER BY id");
    }
    assertThat(rows).containsExactly("1|captured", "2|too");
    assertThat(migrate.terminate()).as(migrate.log()).isZero();
  }

  private ChildMigrate start(String task, TestingPostgres source, TestingPostgres target,
      String settings) throws Exception {
    Path mappings = Files.writeString(dataDir.resolve(task + "-mappings.json"), MAPPINGS);
    Path settingsFile = Files.writeString(dataDir.resolve(task + "-settings.json"), settings);
    Path log = Files.createTempFile(dataDir, task, ".log");
    ChildMigrate migrate = ChildMigrate.start(log, "--source", source.uri(), "--target",
        target.uri(), "--migration-type", "cdc", "--task-id", task, "--data-dir",
        dataDir.toString(), "--table-mappings", mappings.toString(), "--task-settings",
        settingsFile.toString());
    cleanup.add(() -> CdcMigrateIT.dropSlot(source, task));
    cleanup.add(migrate);
    return migrate;
  }

  private TestingPostgres database(String prefix) {
    TestingPostgres database = TestingPostgres.create(prefix);
    cleanup.add(database);
    return database;
  }
}
