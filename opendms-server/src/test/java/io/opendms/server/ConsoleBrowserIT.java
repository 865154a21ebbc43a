package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: src/test/browser/console-flow.mjs drives Debian's chromium with
 * playwright-core through sign-in, endpoints, a full-load-and-cdc task, its statistics, latency
 * chart and log, and the stop. Screenshots land in target/console-screenshots. Needs
 * /usr/bin/chromium and the npm packages of src/test/browser, which scripts/test.sh installs.
 */
class ConsoleBrowserIT {
  private static final Path BROWSER = Path.of("src/test/browser");
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

  private static ServerWithDatabases fixture;
  private static TestServer server;
  private static TestingPostgres source;

  @BeforeAll
  static void start() {
    fixture = ServerWithDatabases.start("console");
    server = fixture.server;
    source = fixture.source;
    source.execute("CREATE SCHEMA app",
        "CREATE TABLE app.customers (id bigserial PRIMARY KEY, name text, created timestamptz DEFAULT now())",
        "CREATE TABLE app.orders (id bigserial PRIMARY KEY, customer bigint, total numeric(12,2))",
        "INSERT INTO app.customers (name) SELECT 'customer ' || g FROM generate_series(1, 3000) g",
        "INSERT INTO app.orders (customer, total) SELECT g % 3000 + 1, g * 1.25 FROM generate_series(1, 20000) g");
  }

  @AfterAll
  static void stop() {
    try {
      // The browser stopped the task; deleting it drops its replication slot, without which the
      // source database could not be dropped.
      for (JsonNode task : server.dms("describe-replication-tasks", "--without-settings").json().get("ReplicationTasks")) {
        String arn = task.get("ReplicationTaskArn").asText();
        if (!task.get("Status").asText().equals("stopped") && !task.get("Status").asText().equals("failed")) {
          server.dms("stop-replication-task", "--replication-task-arn", arn);
          org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
              server.dms("describe-replication-tasks", "--without-settings").json().findValuesAsText("Status")
                  .stream().noneMatch(s -> s.equals("running") || s.equals("stopping") || s.equals("starting")));
        }
        server.dms("delete-replication-task", "--replication-task-arn", arn);
      }
    } finally {
      fixture.close();
    }
  }

  @Test
  void aUserRunsAFullLoadAndCdcTaskFromTheConsole() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
    assertThat(BROWSER.resolve("node_modules/playwright-core")).as("npm ci in " + BROWSER + " (scripts/test.sh runs it)")
        .isDirectory();
    Files.createDirectories(SCREENSHOTS);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      while (writing.get()) {
        source.execute("INSERT INTO app.orders (customer, total) SELECT 1 + g % 3000, 9.99 FROM generate_series(1, 50) g",
            "UPDATE app.customers SET name = name || '.' WHERE id = 1 + (extract(epoch FROM now())::bigint % 3000)");
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "source-writes");
    writer.start();
    Process node;
    try {
      ProcessBuilder builder = new ProcessBuilder("node", "console-flow.mjs").directory(BROWSER.toFile())
          .redirectErrorStream(true).redirectOutput(SCREENSHOTS.resolve("browser.log").toFile());
      var env = builder.environment();
      env.put("CONSOLE_URL", server.url() + "/");
      env.put("ACCESS_KEY_ID", TestServer.KEY_ID);
      env.put("SECRET_ACCESS_KEY", TestServer.SECRET);
      env.put("SOURCE_DB", source.database());
      env.put("TARGET_DB", fixture.target.database());
      env.put("PG_HOST", TestingPostgres.HOST);
      env.put("PG_PORT", String.valueOf(TestingPostgres.PORT));
      env.put("PG_USER", TestingPostgres.USER);
      env.put("SUFFIX", java.util.UUID.randomUUID().toString().substring(0, 8));
      env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
      node = builder.start();
      if (!node.waitFor(300, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    } finally {
      writing.set(false);
      writer.join();
    }
    String log = Files.readString(SCREENSHOTS.resolve("browser.log"));
    assertThat(node.exitValue()).as("console-flow.mjs (log below, screenshots in " + SCREENSHOTS + ")\n" + log).isZero();
    assertThat(log).contains("[console-flow] done");
    try (var shots = Files.list(SCREENSHOTS)) {
      assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(8);
    }
  }
}
