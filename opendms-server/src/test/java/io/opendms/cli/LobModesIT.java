package io.opendms.cli;

import static io.opendms.cli.TableMappingsMigrateIT.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task-level LOB modes of {@code TargetMetadata} against the real databases: the default
 * (limited, 32 KB), a smaller {@code LobMaxSize}, a table's {@code lob-settings} overriding the
 * task, full LOB mode and {@code SupportLobs: false}; in full load and CDC, from PostgreSQL and
 * MariaDB sources. Values are read back and measured on the target.
 */
class LobModesIT {
  private static final Duration CONVERGE = Duration.ofSeconds(90);

  @TempDir Path dataDir;

  @Test
  void defaultSettingsCutPostgresLobsAt32KbAndLogEachKey() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("lob_def_src");
        TestingPostgres target = TestingPostgres.create("lob_def_dst")) {
      source.execute(
          "CREATE TABLE docs (id int PRIMARY KEY, body text, raw bytea, doc jsonb)",
          "INSERT INTO docs VALUES (1, repeat('é', 20000), decode(repeat('ab', 40000), 'hex'),"
              + " jsonb_build_object('k', repeat('x', 40000))),"
              + " (2, 'short', '\\x01', '{}'), (3, NULL, NULL, NULL)",
          "CREATE TABLE small_docs (id int PRIMARY KEY, body text)",
          "INSERT INTO small_docs SELECT g, repeat('s', g) FROM generate_series(1, 100) g");

      CliRun run = CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
          "--migration-type", "full-load", "--data-dir", dataDir.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      // 'é' is two bytes in UTF-8: 16384 of them fill the 32 KB exactly
      assertThat(row(target, "SELECT octet_length(body), body = repeat('é', 16384),"
          + " octet_length(raw), raw = decode(repeat('ab', 32768), 'hex'),"
          + " length(doc->>'k') FROM docs WHERE id = 1"))
          .containsExactly("32768", "t", "32768", "t", "40000");
      assertThat(row(target, "SELECT body, encode(raw, 'hex'), doc::text FROM docs WHERE id = 2"))
          .containsExactly("short", "01", "{}");
      assertThat(row(target, "SELECT count(*) FROM docs WHERE id = 3 AND body IS NULL"))
          .containsExactly("1");
      assertThat(row(target, "SELECT count(*), sum(length(body)) FROM small_docs"))
          .containsExactly("100", "5050");
      assertThat(run.out() + run.err())
          .contains("public.docs: LOB column body of the row with key id=1 truncated to 32768"
              + " bytes (limited LOB mode, task setting TargetMetadata)")
          .contains("public.docs: LOB column raw of the row with key id=1 truncated")
          .contains("public.docs: 2 LOB value(s) truncated")
          // no value of small_docs is too long: it keeps the undecoded COPY path
          .doesNotContainPattern("small_docs[^\\n]*decoded to be cut")
          .containsPattern("public.docs[^\\n]*decoded to be cut");
    }
  }

  @Test
  void tableLobSettingsOverrideTheTaskAndFullModeKeepsEverything() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("lob_mode_src");
        TestingPostgres target = TestingPostgres.create("lob_mode_dst")) {
      source.execute(
          "CREATE TABLE keep (id int PRIMARY KEY, body text)",
          "CREATE TABLE cut (id int PRIMARY KEY, body text, raw bytea)",
          "INSERT INTO keep VALUES (1, repeat('k', 5000))",
          "INSERT INTO cut SELECT g, repeat(md5(g::text), 100000),"
              + " decode(repeat(md5(g::text), 1000), 'hex') FROM generate_series(1, 3) g");
      Path mappings = file("lob-map.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "all",
             "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "%"}},
            {"rule-type": "table-settings", "rule-id": "20", "rule-name": "keep-whole",
             "object-locator": {"schema-name": "public", "table-name": "keep"},
             "lob-settings": {"mode": "unlimited", "bulk-max-size": "0"}}
          ]}
          """);

      CliRun limited = migrate(source, target, mappings,
          "{\"TargetMetadata\": {\"LobMaxSize\": 1}}");

      assertThat(limited.exitCode()).as(limited.toString()).isZero();
      assertThat(row(target, "SELECT octet_length(body) FROM keep")).containsExactly("5000");
      assertThat(row(target, "SELECT string_agg(octet_length(body) || '/' || octet_length(raw),"
          + " ',' ORDER BY id) FROM cut")).containsExactly("1024/1024,1024/1024,1024/1024");
      assertThat(limited.out() + limited.err()).contains("public.cut: 6 LOB value(s) truncated");

      CliRun full = migrate(source, target, mappings,
          "{\"TargetMetadata\": {\"FullLobMode\": true, \"LobMaxSize\": 1}}");

      assertThat(full.exitCode()).as(full.toString()).isZero();
      String digests = "SELECT string_agg(md5(body) || md5(raw), ',' ORDER BY id) FROM cut";
      assertThat(row(target, digests)).isEqualTo(row(source, digests));
      assertThat(full.out() + full.err()).doesNotContain("truncated");

      CliRun none = migrate(source, target, mappings,
          "{\"TargetMetadata\": {\"SupportLobs\": false}}");

      assertThat(none.exitCode()).as(none.toString()).isZero();
      assertThat(row(target, "SELECT string_agg(table_name || '.' || column_name, ','"
          + " ORDER BY table_name, ordinal_position) FROM information_schema.columns"
          + " WHERE table_schema = 'public'")).containsExactly("cut.id,keep.id");
      assertThat(row(target, "SELECT count(*) FROM cut")).containsExactly("3");
    }
  }

  @Test
  void mariaDbSourceCutsLobsInFullLoadAndCdc() throws Exception {
    String task = "lob-my-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestingMariaDb source = TestingMariaDb.create("lob_my_src");
        TestingPostgres target = TestingPostgres.create("lob_my_dst")) {
      source.execute(
          "CREATE TABLE docs (id int PRIMARY KEY, body longtext, raw longblob, note text)",
          "INSERT INTO docs VALUES (1, REPEAT('a', 5000), REPEAT(x'ff', 3000), REPEAT('n', 3000)),"
              + " (2, 'small', x'01', 'n')");
      String schema = "\"" + source.database() + "\"";
      ChildMigrate migrate = start(task, source.uri(), target.uri(), source.database(),
          "{\"TargetMetadata\": {\"LobMaxSize\": 1}}");
      try {
        migrate.awaitLog("full load complete", Duration.ofSeconds(120));
        // MySQL TEXT is a 64 KB string to DMS, not a LOB: note is never cut
        assertThat(row(target, "SELECT octet_length(body), octet_length(raw), octet_length(note)"
            + " FROM " + schema + ".docs WHERE id = 1")).containsExactly("1024", "1024", "3000");

        source.execute("INSERT INTO docs VALUES (3, REPEAT('b', 4000), REPEAT(x'ee', 2000), 'x')",
            "UPDATE docs SET body = REPEAT('c', 9000) WHERE id = 2");
        awaitRow(() -> query(target, "SELECT octet_length(body), octet_length(raw) FROM "
            + schema + ".docs WHERE id = 3"), List.of("1024", "1024"));
        awaitRow(() -> query(target, "SELECT octet_length(body), left(body, 3) FROM " + schema
            + ".docs WHERE id = 2"), List.of("1024", "ccc"));
      } finally {
        assertThat(migrate.terminate()).isZero();
      }
      assertThat(migrate.log())
          .contains(source.database() + ".docs: LOB column body of the row with key id=3"
              + " truncated to 1024 bytes")
          .contains(source.database() + ".docs: LOB column body of the row with key id=2");
    }
  }

  @Test
  void postgresSourceCutsLobsInCdcIntoMariaDb() throws Exception {
    String task = "lob-pg-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestingPostgres source = TestingPostgres.create("lob_pg_src");
        TestingMariaDb target = TestingMariaDb.create("lob_pg_dst")) {
      source.execute(
          "CREATE TABLE docs (id int PRIMARY KEY, body text, raw bytea)",
          "INSERT INTO docs VALUES (1, repeat('a', 5000), decode(repeat('ff', 3000), 'hex'))");
      ChildMigrate migrate = start(task, source.uri(), target.uri(), "public",
          "{\"TargetMetadata\": {\"LobMaxSize\": 2}}");
      try {
        migrate.awaitLog("full load complete", Duration.ofSeconds(120));
        assertThat(target.rows("SELECT LENGTH(body), LENGTH(raw) FROM docs WHERE id = 1"))
            .containsExactly(List.of("2048", "2048"));

        source.execute(
            "INSERT INTO docs VALUES (2, repeat('b', 7000), decode(repeat('ee', 100), 'hex'))",
            "UPDATE docs SET raw = decode(repeat('dd', 9000), 'hex') WHERE id = 1");
        awaitRow(() -> target.rows("SELECT LENGTH(body), LENGTH(raw) FROM docs WHERE id = 2")
            .stream().findFirst().orElse(List.of()), List.of("2048", "100"));
        awaitRow(() -> target.rows("SELECT LENGTH(body), HEX(LEFT(raw, 1)), LENGTH(raw) FROM docs"
            + " WHERE id = 1").get(0), List.of("2048", "DD", "2048"));
      } finally {
        assertThat(migrate.terminate()).isZero();
        CdcMigrateIT.dropSlot(source, task);
      }
      assertThat(migrate.log())
          .contains("public.docs: LOB column body of the row with key id=2 truncated to 2048")
          .contains("public.docs: LOB column raw of the row with key id=1 truncated to 2048");
    }
  }

  private CliRun migrate(TestingPostgres source, TestingPostgres target, Path mappings,
      String settings) throws Exception {
    return CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
        "--migration-type", "full-load", "--data-dir", dataDir.toString(),
        "--table-mappings", mappings.toString(),
        "--task-settings", file("settings.json", settings).toString());
  }

  private ChildMigrate start(String task, String source, String target, String schema,
      String settings) throws Exception {
    Path mappings = file(task + "-map.json", """
        {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
          "rule-action": "include",
          "object-locator": {"schema-name": "%s", "table-name": "%%"}}]}
        """.formatted(schema));
    return ChildMigrate.start(dataDir.resolve(task + ".log"), "--source", source,
        "--target", target, "--migration-type", "full-load-and-cdc", "--task-id", task,
        "--data-dir", dataDir.toString(), "--table-mappings", mappings.toString(),
        "--task-settings", file(task + "-settings.json", settings).toString());
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dataDir.resolve(name), content);
  }

  private static List<String> query(TestingPostgres database, String sql) {
    try {
      return row(database, sql);
    } catch (java.sql.SQLException e) {
      return List.of(e.getMessage()); // the table may not be there yet
    }
  }

  private static void awaitRow(Supplier<List<String>> actual, List<String> expected)
      throws Exception {
    long end = System.nanoTime() + CONVERGE.toNanos();
    while (!actual.get().equals(expected)) {
      if (System.nanoTime() > end) {
        assertThat(actual.get()).isEqualTo(expected);
      }
      Thread.sleep(300);
    }
  }
}
