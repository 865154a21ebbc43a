package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingCertificates;
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
 * PostgreSQL endpoints with {@code sslmode=verify-full} and the test CA (the local server's SSL
 * of scripts/enable-ssl-postgres.sh): a ten-row full load, one change and a validation, libpq's
 * {@code sslrootcert=} on the source and DMS's {@code CertificateArn=file:} on the target, every
 * connection of the task (the replication connection too) encrypted; and a CA that did not sign
 * the server refused before any data moves, naming CertificateArn and SslMode.
 */
class PostgresTlsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static TargetTaskFixture fixture;
  private static TestingPostgres source;

  @BeforeAll
  static void source() {
    fixture = new TargetTaskFixture(dataDir);
    source = fixture.itemSource("pg_tls_src");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void fullLoadCdcAndValidationVerifyTheServerAgainstTheCertificate() throws Exception {
    TestingPostgres target = fixture.closeLater(TestingPostgres.create("pg_tls_tgt"));
    String sourceUri = source.uri() + "?sslmode=verify-full&sslrootcert=" + TestingCertificates.ca();
    String targetUri = target.uri() + "?sslmode=verify-full&CertificateArn=file:"
        + TestingCertificates.ca();
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("pg-tls"), "full-load-and-cdc",
        sourceUri, targetUri, "start-replication");
    migrate.awaitLog("full load complete", CONVERGE);
    source.execute("INSERT INTO public.item VALUES (1000, 'changed over TLS')");

    assertThat(awaitRows(target, 11)).contains(List.of("1000", "changed over TLS"));
    assertThat(taskConnections(source, target)).as("ssl of the task's connections")
        .isNotEmpty().containsOnly("walsender:true", "client backend:true");
    assertThat(taskConnections(source, target)).contains("walsender:true");
    assertThat(migrate.terminate()).isZero();
    CliRun validation = CliRun.of("validate", "--source", sourceUri, "--target", targetUri);
    assertThat(validation.exitCode()).as(validation.toString()).isZero();
  }

  @Test
  void aCaThatDidNotSignTheServerIsRefusedNamingCertificateArnAndSslMode() {
    TestingPostgres target = fixture.closeLater(TestingPostgres.create("pg_tls_bad"));
    CliRun run = CliRun.of("migrate", "--source", source.uri(), "--target", target.uri()
        + "?sslmode=verify-ca&CertificateArn=file:" + TestingCertificates.untrustedCa(),
        "--migration-type", "full-load", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("CertificateArn").contains("SslMode verify-ca");
  }

  /** Backend type and ssl of every session of the task on either database. */
  private static List<String> taskConnections(TestingPostgres source, TestingPostgres target)
      throws Exception {
    try (Connection connection = source.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT a.backend_type || ':' || s.ssl"
            + " FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
            + " WHERE a.application_name = 'opendms' AND a.datname IN ('" + source.database()
            + "', '" + target.database() + "')")) {
      var result = new java.util.ArrayList<String>();
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    }
  }

  private static List<List<String>> awaitRows(TestingPostgres target, int count) throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    List<List<String>> rows = List.of();
    while (System.nanoTime() < end) {
      rows = rows(target);
      if (rows.size() >= count) {
        break;
      }
      Thread.sleep(200);
    }
    return rows;
  }

  private static List<List<String>> rows(TestingPostgres target) throws Exception {
    var result = new java.util.ArrayList<List<String>>();
    try (Connection connection = target.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, name FROM public.item ORDER BY id")) {
      while (rows.next()) {
        result.add(List.of(rows.getString(1), rows.getString(2)));
      }
    } catch (java.sql.SQLException e) {
      return List.of(); // the table is not created yet
    }
    return result;
  }
}
