package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.testkit.TestingCertificates;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * {@code opendms migrate} into the TLS-only redis-server of {@code scripts/services.sh} (port
 * 6380, certificate signed by the test CA): a ten-row full load and one change when {@code
 * SslCaCertificateArn} names that CA, and a failed task naming the setting when it names a CA
 * that signed nothing. Each test writes to a database index of its own and removes its keys.
 */
class RedisTlsIT {
  private static final String HOST = "127.0.0.1";
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static TargetTaskFixture fixture;
  private static TestingPostgres source;
  private final int database = ThreadLocalRandom.current().nextInt(1, 16);

  @BeforeAll
  static void source() {
    fixture = new TargetTaskFixture(dataDir);
    source = fixture.itemSource("redis_tls_src");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void fullLoadAndCdcOverTlsTrustingTheCaOfSslCaCertificateArn() throws Exception {
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("redis-tls"),
        "full-load-and-cdc", source.uri(), target(TestingCertificates.ca()), "start-replication");
    try (Jedis redis = redis()) {
      migrate.awaitLog("full load complete", CONVERGE);
      source.execute("INSERT INTO public.item VALUES (1000, 'changed over TLS')");

      assertThat(awaitHash(redis, "public.item.1000"))
          .containsEntry("name", "changed over TLS");
      assertThat(redis.hgetAll("public.item.7")).containsEntry("id", "7")
          .containsEntry("name", "item 7");
      assertThat(migrate.terminate()).isZero();
    } finally {
      try (Jedis redis = redis()) {
        redis.flushDB();
      }
    }
  }

  @Test
  void aCaThatDidNotSignTheServerFailsTheTaskNamingSslCaCertificateArn() throws Exception {
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("redis-tls-bad"), "full-load",
        source.uri(), target(TestingCertificates.untrustedCa()), "start-replication");

    assertThat(migrate.waitFor(CONVERGE)).as(migrate.log()).isNotZero();
    assertThat(migrate.log()).contains("RedisSettings.SslCaCertificateArn")
        .contains("did not verify");
  }

  private String target(Path ca) {
    return "rediss://" + HOST + ":" + TestingCertificates.REDIS_TLS_PORT + "/" + database
        + "?SslCaCertificateArn=file:" + ca;
  }

  private Jedis redis() throws Exception {
    var trust = TrustedCertificates.fromPem("test CA", Files.readString(TestingCertificates.ca()));
    return new Jedis(new HostAndPort(HOST, TestingCertificates.REDIS_TLS_PORT),
        DefaultJedisClientConfig.builder().ssl(true).sslSocketFactory(trust.socketFactory())
            .database(database).build());
  }

  private static Map<String, String> awaitHash(Jedis redis, String key) throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    Map<String, String> hash = redis.hgetAll(key);
    while (hash.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(200);
      hash = redis.hgetAll(key);
    }
    return hash;
  }
}
