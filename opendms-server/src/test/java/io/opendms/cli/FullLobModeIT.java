package io.opendms.cli;

import static io.opendms.cli.TableMappingsMigrateIT.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full LOB mode against the real databases: rows travel without their long LOBs, which then
 * stream from source to target in {@code LobChunkSize} pieces. A 128 MB value crosses a child
 * JVM whose whole heap is 100 MB, so it cannot have been held at once; each value is compared by
 * its md5 on both sides.
 */
class FullLobModeIT {
  private static final Duration LOAD = Duration.ofMinutes(5);

  @TempDir Path dataDir;

  @Test
  void aValueLargerThanTheHeapStreamsFromPostgresToPostgres() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("full_lob_src");
        TestingPostgres target = TestingPostgres.create("full_lob_dst")) {
      source.execute(
          "CREATE TABLE big (id int PRIMARY KEY, raw bytea, body text, note text NOT NULL)",
          // uncompressed TOAST: substring reads only the slice it returns
          "ALTER TABLE big ALTER raw SET STORAGE EXTERNAL, ALTER body SET STORAGE EXTERNAL",
          "INSERT INTO big SELECT 1, decode(string_agg(md5(g::text), ''), 'hex'),"
              + " repeat('é€😀' || md5('x'), 80000), 'big' FROM generate_series(1, 65536) g",
          "INSERT INTO big VALUES (2, '\\x0102', 'small', 'small'), (3, NULL, NULL, 'nulls')");
      for (int i = 0; i < 7; i++) {
        source.execute("UPDATE big SET raw = raw || raw WHERE id = 1"); // 1 MB to 128 MB
      }
      assertThat(row(source, "SELECT octet_length(raw), octet_length(body) FROM big WHERE id = 1"))
          .containsExactly(String.valueOf(128 << 20), "3280000");

      ChildMigrate migrate = ChildMigrate.startWithHeap(dataDir.resolve("full.log"), "100m",
          "--source", source.uri(), "--target", target.uri(), "--migration-type", "full-load",
          "--data-dir", dataDir.toString(), "--task-settings", settings(
              "{\"TargetMetadata\": {\"FullLobMode\": true, \"LimitedSizeLobMode\": false,"
                  + " \"LobChunkSize\": 64}}").toString());
      try {
        assertThat(migrate.waitFor(LOAD)).as(migrate.log()).isZero();
      } finally {
        migrate.close();
      }

      String digests = "SELECT string_agg(id || ':' || coalesce(md5(raw), '-') || ':'"
          + " || coalesce(md5(body), '-') || ':' || note, ',' ORDER BY id) FROM big";
      assertThat(row(target, digests)).isEqualTo(row(source, digests));
      assertThat(migrate.log())
          .contains("2 LOB value(s) of " + ((128 << 20) + 3280000) + " bytes read by lookup");
    }
  }

  @Test
  void inlineLobMaxSizeKeepsSmallerValuesInTheirRows() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("inline_lob_src");
        TestingPostgres target = TestingPostgres.create("inline_lob_dst")) {
      source.execute("CREATE TABLE docs (id int PRIMARY KEY, body text)",
          "INSERT INTO docs SELECT g, repeat(md5(g::text), g * 4000) FROM generate_series(1, 4) g");

      CliRun run = CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
          "--migration-type", "full-load", "--data-dir", dataDir.toString(), "--task-settings",
          settings("{\"TargetMetadata\": {\"FullLobMode\": true, \"LobChunkSize\": 16,"
              + " \"InlineLobMaxSize\": 300}}").toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      String digests = "SELECT string_agg(md5(body), ',' ORDER BY id) FROM docs";
      assertThat(row(target, digests)).isEqualTo(row(source, digests));
      // 128,000 and 256,000 bytes stay inline (at most 300 KB), 384,000 and 512,000 do not
      assertThat(run.out() + run.err()).contains("2 LOB value(s) of 896000 bytes read by lookup");
    }
  }

  @Test
  void mariaDbLobsStreamInPiecesAndKeepEveryCharacter() throws Exception {
    try (TestingMariaDb source = TestingMariaDb.create("full_lob_my_src");
        TestingMariaDb target = TestingMariaDb.create("full_lob_my_dst")) {
      source.execute(
          "CREATE TABLE docs (id int PRIMARY KEY, raw longblob, body longtext NOT NULL)"
              + " DEFAULT CHARSET utf8mb4",
          "INSERT INTO docs VALUES (1, REPEAT(UNHEX(MD5('a')), 600000),"
              + " REPEAT(CONCAT('é€😀', MD5('b')), 100000)),"
              + " (2, x'0102', 'small'), (3, NULL, '')");

      CliRun run = CliRun.of("migrate", "--source", source.uri(), "--target", target.uri(),
          "--migration-type", "full-load", "--data-dir", dataDir.toString(), "--task-settings",
          settings("{\"TargetMetadata\": {\"FullLobMode\": true, \"LobChunkSize\": 64}}")
              .toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      String digests = "SELECT id, LENGTH(raw), MD5(raw), CHAR_LENGTH(body), MD5(body) FROM docs"
          + " ORDER BY id";
      List<List<String>> expected = source.rows(digests);
      assertThat(target.rows(digests)).isEqualTo(expected);
      assertThat(expected.get(0).get(1)).isEqualTo("9600000");
      assertThat(run.out() + run.err()).contains("2 LOB value(s) of ");
    }
  }

  private Path settings(String json) throws Exception {
    return Files.writeString(dataDir.resolve("settings-" + System.nanoTime() + ".json"), json);
  }
}
