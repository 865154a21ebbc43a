package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingCertificates;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB source with {@code sslmode=verify-full} and the test CA (the local server's SSL of
 * scripts/enable-binlog-mariadb.sh): a ten-row full load and one change through the binlog
 * client, both connections verifying the server; and a CA that did not sign the server refused
 * before any data moves, naming CertificateArn and SslMode.
 */
class MariaDbTlsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static TargetTaskFixture fixture;
  private static TestingMariaDb source;

  @BeforeAll
  static void source() {
    fixture = new TargetTaskFixture(dataDir);
    source = fixture.closeLater(TestingMariaDb.create("maria_tls_src"));
    source.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40))",
        "INSERT INTO item SELECT seq, CONCAT('item ', seq) FROM seq_1_to_10");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void fullLoadAndBinlogCdcVerifyTheServerAgainstTheCertificate() throws Exception {
    TestingPostgres target = fixture.closeLater(TestingPostgres.create("maria_tls_tgt"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("maria-tls"),
        "full-load-and-cdc", source.uri() + "?sslmode=verify-full&CertificateArn=file:"
            + TestingCertificates.ca(), target.uri(), "start-replication");
    migrate.awaitLog("full load complete", CONVERGE);
    source.execute("INSERT INTO item VALUES (1000, 'changed over TLS')");

    assertThat(awaitRows(target, source.database(), 11)).contains(List.of("1000", "changed over TLS"));
    assertThat(migrate.log()).as("the binlog client's own log line").contains("SSL enabled");
    assertThat(migrate.terminate()).isZero();
  }

  @Test
  void aCaThatDidNotSignTheServerIsRefusedNamingCertificateArnAndSslMode() {
    TestingPostgres target = fixture.closeLater(TestingPostgres.create("maria_tls_bad"));
    CliRun run = CliRun.of("migrate", "--source", source.uri() + "?sslmode=verify-ca"
        + "&CertificateArn=file:" + TestingCertificates.untrustedCa(), "--target", target.uri(),
        "--migration-type", "full-load", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("CertificateArn").contains("SslMode verify-ca");
  }

  private static List<List<String>> awaitRows(TestingPostgres target, String schema, int count)
      throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    List<List<String>> rows = List.of();
    while (rows.size() < count && System.nanoTime() < end) {
      Thread.sleep(200);
      rows = rows(target, schema);
    }
    return rows;
  }

  private static List<List<String>> rows(TestingPostgres target, String schema) throws Exception {
    var result = new java.util.ArrayList<List<String>>();
    try (Connection connection = target.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT id, name FROM \"" + schema + "\".item ORDER BY id")) {
      while (rows.next()) {
        result.add(List.of(rows.getString(1), rows.getString(2)));
      }
    } catch (java.sql.SQLException e) {
      return List.of(); // the table is not created yet
    }
    return result;
  }
}
