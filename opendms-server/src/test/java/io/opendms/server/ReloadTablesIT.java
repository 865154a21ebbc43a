package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.cli.SourceWriters;
import io.opendms.testkit.TableFingerprints;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReloadTables through the real AWS CLI: a running full-load-and-cdc task reloads a table while
 * writers change it and CDC goes on, exactly, and once stopped reloads it at its next start; a
 * stopped full-load task loads the table again at once; bad requests get DMS's faults.
 */
class ReloadTablesIT {
  private static TestServer server;
  private static DmsCalls calls;
  private static TestingPostgres source;
  private static String instanceArn;
  private static String sourceArn;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
    calls = new DmsCalls(server);
    source = TestingPostgres.create("reload_src");
    SourceWriters.createTables(source);
    instanceArn = calls.instance("reload");
    sourceArn = calls.postgresEndpoint("reload-src", "source", source.database());
  }

  @AfterAll
  static void stop() {
    server.close();
    source.close();
  }

  @Test
  void reloadsATableOfARunningCdcTaskWhileWritersChangeItAndEndsIdentical() throws Exception {
    try (TestingPostgres target = TestingPostgres.create("reload_cdc_dst")) {
      String task = task("reload-cdc", "full-load-and-cdc", calls.postgresEndpoint("reload-cdc-dst", "target", target.database()));
      calls.start(task, "start-replication");
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .until(() -> states(task).values().stream().allMatch("Table completed"::equals)
              && states(task).size() == 3);
      try (SourceWriters writers = new SourceWriters(source, 7)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> stat(task, "acct").get("Updates").asLong() > 0);
        try (Connection lock = target.connect(); Statement statement = lock.createStatement()) {
          // A reader on the target table keeps the reload waiting to empty it, so that the
          // reloading state is seen and the writers' changes pile up in the hold meanwhile.
          lock.setAutoCommit(false);
          statement.execute("LOCK TABLE public.acct IN ACCESS SHARE MODE");
          JsonNode answer = server.dms("reload-tables", "--replication-task-arn", task,
              "--tables-to-reload", "SchemaName=public,TableName=acct").json();
          assertThat(answer.get("ReplicationTaskArn").asText()).isEqualTo(task);
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
              .until(() -> stat(task, "acct").get("TableState").asText().equals("Table is being reloaded"));
          JsonNode reloading = stat(task, "acct");
          assertThat(reloading.get("FullLoadReloaded").asBoolean()).isTrue();
          assertThat(reloading.get("Updates").asLong()).as("counters start again").isZero();
          long nokeyBefore = stat(task, "nokey").get("Inserts").asLong();
          Thread.sleep(3000);
          assertThat(stat(task, "nokey").get("Inserts").asLong())
              .as("the other tables' changes go on while acct reloads").isGreaterThan(nokeyBefore);
          lock.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> stat(task, "acct").get("TableState").asText().equals("Table completed"));
        Thread.sleep(2000);
        assertThat(writers.transactions()).isPositive();
      }
      TableFingerprints.awaitIdentical(source, target, SourceWriters.TABLES, Duration.ofSeconds(120));
      JsonNode acct = stat(task, "acct");
      assertThat(acct.get("FullLoadReloaded").asBoolean()).isTrue();
      assertThat(acct.get("FullLoadRows").asLong()).isPositive();
      assertThat(acct.get("Updates").asLong()).as("changes applied after the reload").isPositive();
      assertThat(stat(task, "events").get("FullLoadReloaded").asBoolean()).isFalse();
      assertThat(server.dms("describe-events", "--source-identifier", "reload-cdc", "--source-type",
          "replication-task").json().get("Events").findValuesAsText("Message"))
          .anyMatch(m -> m.contains("reload requested for public.acct"));

      server.dms("stop-replication-task", "--replication-task-arn", task);
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.status(task).equals("stopped"));

      // a stopped CDC task takes the request for its next start
      target.execute("DELETE FROM public.acct WHERE id % 3 = 0");
      server.dms("reload-tables", "--replication-task-arn", task, "--tables-to-reload",
          "SchemaName=public,TableName=acct").json();
      source.execute("INSERT INTO public.acct VALUES (-7, 7, 'while stopped', now())");
      calls.start(task, "resume-processing");
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> stat(task, "acct").get("FullLoadReloaded").asBoolean()
              && stat(task, "acct").get("TableState").asText().equals("Table completed"));
      source.execute("UPDATE public.acct SET note = 'after the reload' WHERE id = -7");
      TableFingerprints.awaitIdentical(source, target, SourceWriters.TABLES, Duration.ofSeconds(120));
      server.dms("stop-replication-task", "--replication-task-arn", task);
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.status(task).equals("stopped"));
      assertThat(server.dms("delete-replication-task", "--replication-task-arn", task).exitCode()).isZero();
    }
  }

  @Test
  void reloadsATableOfAStoppedFullLoadTaskAtOnceAndRefusesBadRequests() throws Exception {
    try (TestingPostgres target = TestingPostgres.create("reload_fl_dst")) {
      String task = task("reload-full", "full-load", calls.postgresEndpoint("reload-fl-dst", "target", target.database()));
      assertThat(server.dms("reload-tables", "--replication-task-arn", task, "--tables-to-reload",
          "SchemaName=public,TableName=acct").stderr()).contains("InvalidResourceStateFault");
      calls.start(task, "start-replication");
      await().atMost(Duration.ofSeconds(60)).until(() -> calls.status(task).equals("stopped"));
      target.execute("DELETE FROM public.acct WHERE id % 2 = 0");

      assertThat(server.dms("reload-tables", "--replication-task-arn", task, "--tables-to-reload",
          "SchemaName=public,TableName=acct", "--reload-option", "validate-only").stderr())
          .contains("InvalidParameterValueException").contains("validation");
      assertThat(server.dms("reload-tables", "--replication-task-arn", task, "--tables-to-reload",
          "SchemaName=public,TableName=nope").stderr())
          .contains("InvalidParameterValueException").contains("public.nope");
      server.dms("reload-tables", "--replication-task-arn", task, "--tables-to-reload",
          "SchemaName=public,TableName=acct").json();

      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> stat(task, "acct").get("FullLoadReloaded").asBoolean() && calls.status(task).equals("stopped"));
      TableFingerprints.awaitIdentical(source, target, List.of("public.acct"), Duration.ofSeconds(10));
      assertThat(stat(task, "acct").get("TableState").asText()).isEqualTo("Table completed");
      assertThat(stat(task, "acct").get("FullLoadRows").asLong()).isEqualTo(countOnSource("public.acct"));
      assertThat(calls.describe(task).get("StopReason").asText()).isEqualTo("Stop Reason FULL_LOAD_ONLY_FINISHED");
    }
  }

  private static long countOnSource(String table) throws Exception {
    try (Connection c = source.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static java.util.Map<String, String> states(String task) {
    var states = new java.util.TreeMap<String, String>();
    calls.tables(task).forEach(t -> states.put(t.get("TableName").asText(), t.get("TableState").asText()));
    return states;
  }

  private static JsonNode stat(String task, String table) {
    return server.dms("describe-table-statistics", "--replication-task-arn", task, "--filters",
        "Name=table-name,Values=" + table).json().get("TableStatistics").get(0);
  }

  private static String task(String identifier, String migrationType, String targetArn) {
    return calls.task(identifier, migrationType, instanceArn, sourceArn, targetArn, DmsCalls.mappings("public"), null);
  }
}
