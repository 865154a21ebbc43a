package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.metrics.TaskMetric;
import io.opendms.testkit.TestingPostgres;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /metrics while a CDC task replicates a steady stream of inserts, the task's metric history and
 * log through the console calls, and both kept across a restart.
 */
class MetricsIT {
  private static final String MAPPINGS = "{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\","
      + "\"rule-name\":\"1\",\"object-locator\":{\"schema-name\":\"app\",\"table-name\":\"%\"},"
      + "\"rule-action\":\"include\"}]}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ServerWithDatabases fixture;
  private static TestServer server;
  private static TestingPostgres source;

  @BeforeAll
  static void start() {
    fixture = ServerWithDatabases.start("metrics");
    server = fixture.server;
    source = fixture.source;
    source.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id bigserial PRIMARY KEY, v text)",
        "INSERT INTO app.items (v) SELECT 'v' || g FROM generate_series(1, 5000) g");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void taskMetricsMoveWhileChangesFlowAndTheirHistorySurvivesARestart() throws Exception {
    String task = createAndStartCdcTask();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> scrape().contains("CDCLatencySource{task=\"metrics-cdc\"}"));

    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      while (writing.get()) {
        source.execute("INSERT INTO app.items (v) SELECT 'live' FROM generate_series(1, 200)");
        sleep(100);
      }
    });
    writer.start();
    List<Map<String, Double>> scrapes = new ArrayList<>();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        scrapes.add(taskValues(scrape()));
        return scrapes.stream().anyMatch(s -> s.get("CDCThroughputRowsSource") > 0)
            && scrapes.stream().anyMatch(s -> s.get("CDCThroughputRowsTarget") > 0)
            && scrapes.stream().anyMatch(s -> s.get("CDCThroughputBandwidthSource") > 0)
            && scrapes.stream().map(s -> s.get("CDCThroughputRowsSource")).distinct().count() > 1;
      });
    } finally {
      writing.set(false);
      writer.join();
    }
    assertThat(scrapes.get(scrapes.size() - 1).keySet())
        .containsAll(List.of(TaskMetric.values()).stream().map(Enum::name).toList());

    String text = scrape();
    assertThat(value(text, "FreeStorageSpace")).isPositive();
    assertThat(value(text, "CPUUtilization")).isNotNegative();
    assertThat(text).contains("ChangeCacheDiskUsage").contains("jvm_memory_used_bytes{area=\"heap\"");

    var console = new ConsoleClient(server.url());
    assertThat(console.signIn(TestServer.KEY_ID, TestServer.SECRET).status()).isEqualTo(200);
    JsonNode before = console.get("tasks/metrics?arn=" + task + "&minutes=10").body();
    assertThat(before.get("Times").size()).isGreaterThanOrEqualTo(2);
    assertThat(before.at("/Series/CDCThroughputRowsSource").size()).isEqualTo(before.get("Times").size());
    assertThat(max(before.at("/Series/CDCThroughputRowsSource"))).isPositive();

    JsonNode log = console.get("tasks/log?arn=" + task + "&component=TASK_MANAGER").body().get("Entries");
    assertThat(log.findValuesAsText("Message")).anyMatch(m -> m.contains("starting with flag start-replication"));
    assertThat(log.findValuesAsText("Component")).containsOnly("TASK_MANAGER");

    server.dms("stop-replication-task", "--replication-task-arn", task);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> fixture.status(task).equals("stopped"));
    // a stopped task's series go at the next sampling round (every 5 s)
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
        .until(() -> !scrape().contains("task=\"metrics-cdc\""));

    server.restart();
    var again = new ConsoleClient(server.url());
    again.signIn(TestServer.KEY_ID, TestServer.SECRET);
    JsonNode after = again.get("tasks/metrics?arn=" + task + "&minutes=10").body();
    assertThat(after.get("Times").size()).isGreaterThanOrEqualTo(before.get("Times").size());
    assertThat(again.get("tasks/log?arn=" + task + "&severity=I").body().get("Entries").findValuesAsText("Message"))
        .anyMatch(m -> m.contains("stopped. Stop Reason NORMAL"));

    assertThat(server.dms("delete-replication-task", "--replication-task-arn", task).exitCode()).isZero();
  }

  @Test
  void consoleChangesNeedTheSessionsCsrfTokenAndThisOrigin() {
    var console = new ConsoleClient(server.url());
    console.signIn(TestServer.KEY_ID, TestServer.SECRET);
    String body = "{\"ReplicationInstanceIdentifier\":\"csrf-test\",\"ReplicationInstanceClass\":\"dms.t3.micro\"}";
    var withoutToken = console.send("POST", "op/CreateReplicationInstance", body, false);
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withoutToken.body().path("message").asText()).contains("X-CSRF-Token");
    assertThat(console.op("DescribeReplicationInstances", "{}").get("ReplicationInstances").findValuesAsText(
        "ReplicationInstanceIdentifier")).doesNotContain("csrf-test");
    var crossSite = console.sendWith("POST", "op/CreateReplicationInstance", body, true, "Origin", "http://evil.example");
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(console.get("session").body().get("Operations").toString()).contains("CreateReplicationTask");
    var signedIn = console.signIn(TestServer.KEY_ID, TestServer.SECRET);
    assertThat(signedIn.setCookie()).contains("HttpOnly").contains("SameSite=Strict");
  }

  /**
   * A console call refused before its body is read (here: no session) still reads the body, so
   * the connection stays usable: the HTTP client reuses it for its next call, and CI once saw that
   * next call get no reply when the body came in a packet after the refusal.
   */
  @Test
  void aCallRefusedBeforeItsBodyArrivesKeepsTheConnectionUsable() throws Exception {
    String body = "{\"ReplicationInstanceIdentifier\":\"late-body\"}";
    try (var socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      var in = new BufferedInputStream(socket.getInputStream());
      out.write(("POST /console/api/op/CreateReplicationInstance HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      sleep(500);
      out.write(body.getBytes(StandardCharsets.US_ASCII));
      out.write("GET /console/api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readResponseStatus(in)).isEqualTo(401);
      assertThat(readResponseStatus(in)).isEqualTo(200);
    }
  }

  /** The status of the next HTTP/1.1 response on {@code in}, its body read past by Content-Length. */
  private static int readResponseStatus(InputStream in) throws IOException {
    String status = readLine(in);
    int length = 0;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    assertThat(in.readNBytes(length)).hasSize(length);
    return Integer.parseInt(status.split(" ")[1]);
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the server closed the connection after: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void metricsNeedAnAccessKeyOrASession() throws Exception {
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/metrics", basic(TestServer.KEY_ID, "wrong")).statusCode()).isEqualTo(401);
    var console = new ConsoleClient(server.url());
    assertThat(console.signIn(TestServer.KEY_ID, "wrong").status()).isEqualTo(401);
    assertThat(console.get("tasks/log?arn=x").status()).isEqualTo(401);
    var ok = get("/metrics", basic(TestServer.KEY_ID, TestServer.SECRET));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
  }

  private static String createAndStartCdcTask() {
    String instance = server.dms("create-replication-instance", "--replication-instance-identifier", "metrics",
        "--replication-instance-class", "dms.t3.micro").json().at("/ReplicationInstance/ReplicationInstanceArn").asText();
    String src = fixture.endpoint("metrics-src", "source", fixture.source);
    String tgt = fixture.endpoint("metrics-tgt", "target", fixture.target);
    String task = server.dms("create-replication-task", "--replication-task-identifier", "metrics-cdc",
        "--source-endpoint-arn", src, "--target-endpoint-arn", tgt, "--replication-instance-arn", instance,
        "--migration-type", "full-load-and-cdc", "--table-mappings", MAPPINGS)
        .json().at("/ReplicationTask/ReplicationTaskArn").asText();
    assertThat(server.dms("start-replication-task", "--replication-task-arn", task,
        "--start-replication-task-type", "start-replication").exitCode()).isZero();
    return task;
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response = get("/metrics", basic(TestServer.KEY_ID, TestServer.SECRET));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The task's metrics in one scrape, by name; NaN as NaN. */
  private static Map<String, Double> taskValues(String text) {
    var values = new java.util.HashMap<String, Double>();
    Matcher line = Pattern.compile("(?m)^(\\w+)\\{task=\"metrics-cdc\"\\} (\\S+)$").matcher(text);
    while (line.find()) {
      values.put(line.group(1), Double.parseDouble(line.group(2)));
    }
    return values;
  }

  private static double value(String text, String name) {
    Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertThat(line.find()).as(name + " in\n" + text).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private static double max(JsonNode column) {
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode value : column) {
      if (value.isNumber()) {
        max = Math.max(max, value.asDouble());
      }
    }
    return max;
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
