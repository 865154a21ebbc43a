package io.opendms.engine.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.engine.endpoint.EndpointUri;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.settings.TaskSettings;
import io.opendms.engine.task.MigrationType;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The premigration checks against real databases built to make them fail: PostgreSQL into
 * MySQL and MySQL into PostgreSQL, each check's status and objects as a user would read them.
 */
class PremigrationAssessmentIT {
  private static TestingPostgres postgres;
  private static TestingMariaDb mariadb;

  @BeforeAll
  static void createDatabases() {
    postgres = TestingPostgres.create("assess_pg");
    postgres.execute(
        "CREATE TABLE keyless (a int, b text)",
        "INSERT INTO keyless VALUES (1, 'x')",
        "CREATE TABLE nan_num (id int PRIMARY KEY, n numeric)",
        "INSERT INTO nan_num VALUES (1, 'NaN')",
        "CREATE TABLE big_text (id int PRIMARY KEY, body text)",
        "INSERT INTO big_text VALUES (1, repeat('x', 100 * 1024)), (2, 'short')",
        "CREATE TABLE empty_t (id int PRIMARY KEY)",
        "CREATE SCHEMA other",
        "CREATE TABLE other.nan_num (id int PRIMARY KEY)",
        "INSERT INTO other.nan_num VALUES (1)");
    mariadb = TestingMariaDb.create("assess_my");
    mariadb.execute(
        "CREATE TABLE keyless (a int, d date)",
        "INSERT INTO keyless VALUES (1, '2024-01-01')",
        "CREATE TABLE keyed (id int PRIMARY KEY)",
        "INSERT INTO keyed VALUES (1)");
  }

  @AfterAll
  static void dropDatabases() {
    postgres.close();
    mariadb.close();
  }

  @Test
  void postgresIntoMySqlReportsEveryProblemWithItsObjects() {
    TableMappings mappings = TableMappings.parse("""
        {"rules": [
          {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
           "object-locator": {"schema-name": "%", "table-name": "%"}},
          {"rule-type": "selection", "rule-id": "2", "rule-name": "gone", "rule-action": "explicit",
           "object-locator": {"schema-name": "public", "table-name": "no_such_table"}}
        ]}""");
    AssessmentReport report = assess(MigrationType.FULL_LOAD_AND_CDC, mappings,
        endpoint(postgres.uri()), endpoint(mariadb.uri()));

    assertThat(result(report, "opendms-check-selected-tables-exist"))
        .returns(CheckStatus.FAILED, CheckResult::status)
        .returns(List.of("public.no_such_table"), CheckResult::objects);
    assertThat(result(report, "opendms-check-empty-tables"))
        .returns(CheckStatus.WARNING, CheckResult::status)
        .returns(List.of("public.empty_t"), CheckResult::objects);
    assertThat(result(report, "opendms-check-limited-lob-size"))
        .returns(CheckStatus.WARNING, CheckResult::status)
        .satisfies(r -> assertThat(r.objects()).containsExactly("public.big_text.body (largest 100 KB)"))
        .satisfies(r -> assertThat(r.fix()).contains("LobMaxSize to at least 100"));
    assertThat(result(report, "postgres-check-pk"))
        .returns(CheckStatus.FAILED, CheckResult::status)
        .returns(List.of("public.keyless"), CheckResult::objects);
    assertThat(result(report, "postgres-check-wallevel").status()).isEqualTo(CheckStatus.PASSED);
    assertThat(result(report, "postgres-check-walsenderstimeout").status())
        .isEqualTo(CheckStatus.PASSED);
    // other tests share the server: a long transaction of theirs would be a fair warning
    assertThat(result(report, "postgres-check-longrunningtxn").status())
        .isIn(CheckStatus.PASSED, CheckStatus.WARNING);
    assertThat(result(report, "unsupported-data-types-in-source"))
        .returns(CheckStatus.WARNING, CheckResult::status)
        .satisfies(r -> assertThat(r.objects()).anySatisfy(o -> assertThat(o)
            .startsWith("public.nan_num.n (numeric -> decimal(65,30)): NaN")));
    // MySQL puts both schemas' nan_num into the endpoint's one database
    assertThat(result(report, "opendms-check-target-name-collision"))
        .returns(CheckStatus.FAILED, CheckResult::status)
        .satisfies(r -> assertThat(r.objects()).containsExactly(
            mariadb.database() + ".nan_num <- other.nan_num, public.nan_num"));
    assertThat(result(report, "mysql-check-target-privileges").status())
        .isEqualTo(CheckStatus.PASSED);
    assertThat(report.overall()).isEqualTo(CheckStatus.FAILED);
  }

  @Test
  void mySqlIntoPostgresChecksTheBinaryLogAndKeylessTables() {
    try (TestingPostgres target = TestingPostgres.create("assess_pg_dst")) {
      AssessmentReport report = assess(MigrationType.CDC, TableMappings.includeEverything(),
          endpoint(mariadb.uri()), endpoint(target.uri()));

      for (String name : List.of("opendms-check-mysql-log-bin",
          "mysql-check-binlog-format", "mysql-check-binlog-image", "mysql-check-server-id",
          "mysql-check-replication-privileges", "postgres-check-target-privileges",
          "opendms-check-selected-tables-exist", "opendms-check-target-name-collision")) {
        assertThat(result(report, name).status()).as(name).isEqualTo(CheckStatus.PASSED);
      }
      assertThat(result(report, "mysql-check-binlog-retention-time").status())
          .isIn(CheckStatus.PASSED, CheckStatus.WARNING);
      assertThat(result(report, "table-with-no-primary-key-or-unique-constraint"))
          .returns(CheckStatus.WARNING, CheckResult::status)
          .returns(List.of(mariadb.database() + ".keyless"), CheckResult::objects);
      assertThat(result(report, "unsupported-data-types-in-source").objects())
          .singleElement().asString().startsWith(mariadb.database() + ".keyless.d: a zero date");
      assertThat(report.results()).noneMatch(r -> r.name().equals("opendms-check-empty-tables"));
    }
  }

  @Test
  void fullLoadSkipsTheCaptureChecksAndPassesWhenLobsFit() {
    TableMappings mappings = TableMappings.parse("""
        {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "one",
          "rule-action": "include", "object-locator": {"schema-name": "public", "table-name": "big_text"}}]}""");
    TaskSettings fullLob = TaskSettings.parse(
        "{\"TargetMetadata\": {\"FullLobMode\": true, \"LimitedSizeLobMode\": false}}");
    try (TestingPostgres target = TestingPostgres.create("assess_pg_dst")) {
      var task = new TaskDefinition("assess", endpoint(postgres.uri()),
          endpoint(target.uri()), MigrationType.FULL_LOAD, mappings, fullLob, true);
      AssessmentReport report =
          new PremigrationAssessment(ConnectorRegistry.load()).run(task, r -> { });

      assertThat(result(report, "opendms-check-cdc-prerequisites").status())
          .isEqualTo(CheckStatus.SKIPPED);
      assertThat(result(report, "opendms-check-limited-lob-size").status())
          .isEqualTo(CheckStatus.PASSED);
      assertThat(report.overall()).isEqualTo(CheckStatus.PASSED);
    }
  }

  private static AssessmentReport assess(MigrationType type, TableMappings mappings,
      EndpointConfig source, EndpointConfig target) {
    var task = new TaskDefinition("assess", source, target, type, mappings,
        TaskSettings.defaults(), true);
    var streamed = new ArrayList<CheckResult>();
    AssessmentReport report =
        new PremigrationAssessment(ConnectorRegistry.load()).run(task, streamed::add);
    assertThat(streamed).isEqualTo(report.results());
    return report;
  }

  private static EndpointConfig endpoint(String uri) {
    return EndpointUri.parse(uri);
  }

  private static CheckResult result(AssessmentReport report, String name) {
    return report.results().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result " + name + " in " + report));
  }
}
