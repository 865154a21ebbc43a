package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code opendms migrate} into the machine's Redis (shared with other tests: each test writes to
 * a database index of its own choosing and removes its keys), read back with a Redis client: the
 * hashes under {@code schema.table.id} must equal the source's rows.
 */
class RedisTargetIT {
  private static final String HOST = "127.0.0.1";
  private static final int PORT = 6379;
  private static final Duration CONVERGE = Duration.ofSeconds(120);

  @TempDir Path dataDir;
  private TargetTaskFixture fixture;
  private final int database = ThreadLocalRandom.current().nextInt(8, 16);
  private final List<String> patterns = new ArrayList<>();

  @BeforeEach
  void fixture() {
    fixture = new TargetTaskFixture(dataDir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    fixture.close();
    try (Jedis redis = redis()) {
      for (String pattern : patterns) {
        for (String key : keys(redis, pattern)) {
          redis.unlink(key);
        }
      }
    }
  }

  @Test
  void fullLoadAndCdcFromPostgresAreHashesEqualToTheSource() throws Exception {
    TestingPostgres source = fixture.source("redis_src");
    patterns.addAll(List.of("public.acct.*", "public.events.*"));
    String task = TargetTaskFixture.taskId("redis-it");
    ChildMigrate migrate = fixture.migrate(task, "full-load-and-cdc", source.uri(),
        "redis://" + HOST + ":" + PORT + "/" + database, "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeRows(source);
    source.execute("UPDATE public.acct SET id = -2 WHERE id = 200"); // a key change

    Map<String, Map<String, String>> rows = awaitEqual(source);
    assertThat(rows.get("public.acct")).hasSize(20000 + 1 - 50).doesNotContainKey("200")
        .containsKey("-2");
    try (Jedis redis = redis()) {
      Map<String, String> inserted = redis.hgetAll("public.acct.-1");
      // inserted, then updated with the rows id <= 100
      assertThat(inserted).containsEntry("id", "-1").containsEntry("balance", "99.99")
          .containsEntry("note", "updated").containsKey("updated")
          .as("a NULL column has no field").doesNotContainKey("opened");
    }
    assertThat(migrate.terminate()).as("exit code after SIGTERM").isZero();
  }

  /** With ParallelApplyThreads 4 (the other tests apply on one thread). */
  @Test
  void redisCutOffMidTaskAndKillMinusNineLoseNoChangeWithParallelApply() throws Exception {
    TestingPostgres source = fixture.source("redis_cut_src");
    patterns.addAll(List.of("public.acct.*", "public.events.*"));
    TcpProxy proxy = fixture.closeLater(new TcpProxy(HOST, PORT));
    String target = "redis://" + HOST + ":" + proxy.port() + "/" + database;
    String task = TargetTaskFixture.taskId("redis-cut");
    String settings = fixture.parallelApplySettings().toString();
    ChildMigrate first = fixture.migrate(task, "full-load-and-cdc", source.uri(), target,
        "start-replication", "--task-settings", settings);
    first.awaitLog("full load complete", Duration.ofSeconds(120));
    TargetTaskFixture.changeDuring(source, proxy::cut, proxy::restore);
    awaitEqual(source);

    ChildMigrate second = fixture.killAndResume(first, task, source, target,
        "--task-settings", settings);
    awaitEqual(source);
    assertThat(second.terminate()).isZero();
  }

  @Test
  void fullLoadFromMariaDb() throws Exception {
    TestingMariaDb source = TestingMariaDb.create("redis_maria_src");
    fixture.closeLater(source);
    source.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
            + " added DATETIME(3), photo VARBINARY(8))",
        "INSERT INTO items VALUES (1, 'one', 1.50, '2026-01-02 03:04:05.678', x'01ff'),"
            + " (2, NULL, 0.00, NULL, NULL), (3, 'tr\\\"icky\\nname', -7.25, '1999-12-31 23:59:59', '')");
    String prefix = source.database() + ".items.";
    patterns.add(prefix + "*");
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("redis-maria"), "full-load",
        source.uri(), "redis://" + HOST + ":" + PORT + "/" + database, "start-replication");
    assertThat(migrate.waitFor(Duration.ofSeconds(120))).isZero();

    try (Jedis redis = redis()) {
      assertThat(keys(redis, prefix + "*")).hasSize(3);
      for (List<String> row : source.rows("SELECT id, name, price FROM items ORDER BY id")) {
        Map<String, String> hash = redis.hgetAll(prefix + row.get(0));
        assertThat(hash.get("name")).isEqualTo(row.get(1));
        assertThat(hash.get("price")).isEqualTo(row.get(2));
      }
      assertThat(redis.hget(prefix + "1", "photo")).isEqualTo("0x01FF");
      assertThat(redis.hget(prefix + "1", "added")).startsWith("2026-01-02T03:04:05.678");
      assertThat(redis.hexists(prefix + "2", "name")).as("NULL columns have no field").isFalse();
    }
  }

  /** Reads Redis until its hashes equal the source's rows of both tables. */
  private Map<String, Map<String, String>> awaitEqual(TestingPostgres source) throws Exception {
    Map<String, Map<String, String>> expected = TargetTaskFixture.sourceRows(source);
    Map<String, Map<String, String>> actual = Map.of();
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (System.nanoTime() < end) {
      actual = read();
      if (actual.equals(expected)) {
        return actual;
      }
      Thread.sleep(1000);
    }
    assertThat(TargetTaskFixture.differences(expected, actual))
        .as("source rows missing or stale in Redis").isEmpty();
    return actual;
  }

  /** Both tables as the fixture writes the source's rows: acct as balance|note|opened. */
  private Map<String, Map<String, String>> read() {
    Map<String, Map<String, String>> tables = new TreeMap<>();
    try (Jedis redis = redis()) {
      for (String table : List.of("public.acct", "public.events")) {
        Map<String, String> rows = new TreeMap<>();
        for (String key : keys(redis, table + ".*")) {
          Map<String, String> hash = redis.hgetAll(key);
          rows.put(key.substring(table.length() + 1), table.equals("public.acct")
              ? hash.get("balance") + "|" + hash.get("note") + "|" + hash.getOrDefault("opened", "")
              : hash.get("payload"));
        }
        if (!rows.isEmpty()) {
          tables.put(table, rows);
        }
      }
    }
    return tables;
  }

  private Jedis redis() {
    Jedis redis = new Jedis(HOST, PORT);
    redis.select(database);
    return redis;
  }

  private static List<String> keys(Jedis redis, String pattern) {
    List<String> keys = new ArrayList<>();
    var params = new ScanParams().match(pattern).count(5000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }
}
