package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms validate} against real databases in PG->PG, MySQL->PG and PG->MySQL: a fresh
 * migration matches; a target made to differ in every way (missing, extra and changed rows, each
 * type, NULL against '') is reported row by row; {@code --repair} makes it match again; and
 * values that mean the same in different text (numeric scale, timestamp precision, JSON key
 * order) match.
 */
class ValidateCommandIT {

  @TempDir Path dataDir;

  @Test
  void postgresToPostgresFindsEveryKindOfDifferenceAndRepairsIt() throws IOException {
    try (TestingPostgres source = TestingPostgres.create("val_pg_src");
        TestingPostgres target = TestingPostgres.create("val_pg_dst")) {
      source.execute(
          "CREATE TABLE items (id int PRIMARY KEY, name text, code varchar(20), amount numeric(12,3),"
              + " ratio real, weight double precision, at timestamptz, local timestamp(3), day date,"
              + " tod time, doc jsonb, raw bytea, flag boolean, ref uuid)",
          "INSERT INTO items SELECT g, CASE WHEN g % 7 = 0 THEN '' ELSE 'name ' || g END,"
              + " 'c' || g, g * 1.125, g / 3.0, g / 7.0, timestamptz '2024-01-01 00:00:00+00'"
              + " + g * interval '1.5 seconds', timestamp '2024-01-01 00:00:00' + g * interval '1 ms',"
              + " date '2024-01-01' + g, time '00:00:00' + g * interval '1 second',"
              + " jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g)), int4send(g),"
              + " g % 2 = 0, md5(g::text)::uuid FROM generate_series(1, 2500) g");
      assertThat(migrate(source.uri(), target.uri()).exitCode()).isZero();
      CliRun clean = validate(source.uri(), target.uri());
      assertThat(clean.exitCode()).as(clean.toString()).isZero();
      assertThat(clean.out()).contains("public.items").contains("Validated").contains("2,500")
          .contains("digest native");

      target.execute(
          "DELETE FROM items WHERE id = 3",
          "INSERT INTO items (id, name) VALUES (90000, 'extra')",
          "UPDATE items SET name = 'changed' WHERE id = 10",
          "UPDATE items SET amount = amount + 0.001 WHERE id = 11",
          "UPDATE items SET ratio = ratio * 2 WHERE id = 12",
          "UPDATE items SET at = at + interval '1 microsecond' WHERE id = 13",
          "UPDATE items SET doc = doc || '{\"x\": 1}' WHERE id = 15",
          "UPDATE items SET raw = '\\x00' WHERE id = 16",
          "UPDATE items SET flag = NOT flag WHERE id = 17",
          "UPDATE items SET ref = gen_random_uuid() WHERE id = 18",
          "UPDATE items SET name = NULL WHERE id = 14", // '' on the source
          "UPDATE items SET day = day + 1, tod = tod + interval '1 second' WHERE id = 19",
          "UPDATE items SET local = local + interval '1 ms' WHERE id = 20");
      CliRun differing = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(differing.exitCode()).as(differing.toString()).isEqualTo(1);
      assertThat(differing.out())
          .contains("Mismatched records")
          .contains("MISSING_TARGET key ['3']")
          .contains("MISSING_SOURCE key ['90000']")
          .contains("RECORD_DIFF key ['10']; name: source 'name 10', target 'changed'")
          .contains("RECORD_DIFF key ['11']; amount: source '12.375', target '12.376'")
          .contains("RECORD_DIFF key ['12']; ratio:")
          .contains("RECORD_DIFF key ['13']; at: source '2024-01-01 00:00:19.500000',"
              + " target '2024-01-01 00:00:19.500001'")
          .contains("RECORD_DIFF key ['14']; name: source '', target NULL")
          .contains("RECORD_DIFF key ['15']; doc:")
          .contains("RECORD_DIFF key ['16']; raw: source '00000010', target '00'")
          .contains("RECORD_DIFF key ['17']; flag: source '0', target '1'")
          .contains("RECORD_DIFF key ['18']; ref:")
          .contains("RECORD_DIFF key ['19']; day: source '2024-01-20', target '2024-01-21'; tod:")
          .contains("RECORD_DIFF key ['20']; local:")
          .contains("13 record(s) differ");

      CliRun repaired = validate(source.uri(), target.uri(), "--repair");
      assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
      assertThat(repaired.out()).contains("repaired 13 row(s)").contains("after repair:");
      assertThat(validate(source.uri(), target.uri()).exitCode()).isZero();
    }
  }

  @Test
  void valuesThatMeanTheSameInDifferentTextMatch() {
    try (TestingPostgres source = TestingPostgres.create("val_text_src");
        TestingPostgres target = TestingPostgres.create("val_text_dst")) {
      source.execute(
          "CREATE TABLE readings (id bigint PRIMARY KEY, amount numeric(10,2), at timestamp(6),"
              + " doc json, note text)",
          "INSERT INTO readings SELECT g, g * 1.5, timestamp '2024-03-01 10:00:00.250' + g *"
              + " interval '1 second', ('{\"b\": ' || g || ', \"a\": [1, 2]}')::json, 'n' || g"
              + " FROM generate_series(1, 1200) g");
      target.execute(
          "CREATE TABLE readings (id bigint PRIMARY KEY, amount numeric(20,6), at timestamp(3),"
              + " doc jsonb, note varchar(40))",
          "INSERT INTO readings SELECT g, g * 1.5, timestamp '2024-03-01 10:00:00.250' + g *"
              + " interval '1 second', jsonb_build_object('a', jsonb_build_array(1, 2), 'b', g),"
              + " 'n' || g FROM generate_series(1, 1200) g");
      CliRun run = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Validated").contains("1,200").contains("digest canonical");
    }
  }

  @Test
  void mysqlToPostgresFindsDifferencesAndRepairsThem() throws IOException {
    try (TestingMariaDb source = TestingMariaDb.create("val_my_src");
        TestingPostgres target = TestingPostgres.create("val_my_pg")) {
      source.execute(
          "CREATE TABLE orders (id bigint PRIMARY KEY, customer varchar(40), total decimal(12,2),"
              + " placed timestamp(6) NULL, shipped datetime(3), day date, note text,"
              + " raw varbinary(16), paid tinyint(1))",
          "INSERT INTO orders SELECT seq, CONCAT('customer ', seq, ' 😀'), seq * 1.25,"
              + " FROM_UNIXTIME(1700000000 + seq), '2024-05-06 07:08:09.125', '2024-05-06',"
              + " IF(seq % 5 = 0, '', CONCAT('note ', seq)), UNHEX(LPAD(HEX(seq), 8, '0')),"
              + " seq % 2 FROM seq_1_to_3000");
      assertThat(migrate(source.uri(), target.uri()).exitCode()).isZero();
      CliRun clean = validate(source.uri(), target.uri());
      assertThat(clean.exitCode()).as(clean.toString()).isZero();
      assertThat(clean.out()).contains("Validated").contains("3,000").contains("digest canonical");

      String table = "\"" + source.database() + "\".orders";
      target.execute(
          "DELETE FROM " + table + " WHERE id = 4",
          "INSERT INTO " + table + " (id, customer) VALUES (77777, 'extra')",
          "UPDATE " + table + " SET total = 1.26 WHERE id = 1",
          "UPDATE " + table + " SET placed = placed + interval '1 second' WHERE id = 2",
          "UPDATE " + table + " SET note = NULL WHERE id = 5",
          "UPDATE " + table + " SET raw = '\\xff', paid = 0 WHERE id = 7");
      CliRun differing = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(differing.exitCode()).as(differing.toString()).isEqualTo(1);
      assertThat(differing.out())
          .contains("MISSING_TARGET key ['4']")
          .contains("MISSING_SOURCE key ['77777']")
          .contains("RECORD_DIFF key ['1']; total: source '1.25', target '1.26'")
          .contains("RECORD_DIFF key ['2']; placed:")
          .contains("RECORD_DIFF key ['5']; note: source '', target NULL")
          .contains("RECORD_DIFF key ['7']; raw: source '00000007', target 'ff'; paid: source '1',"
              + " target '0'");
      assertThat(validate(source.uri(), target.uri(), "--repair").exitCode()).isZero();
      assertThat(validate(source.uri(), target.uri()).exitCode()).isZero();
    }
  }

  @Test
  void postgresToMysqlFindsDifferencesAndRepairsThem() throws IOException {
    try (TestingPostgres source = TestingPostgres.create("val_pg_my");
        TestingMariaDb target = TestingMariaDb.create("val_pg_my_dst")) {
      source.execute(
          "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(14,4),"
              + " opened timestamptz, active boolean, ref uuid, doc jsonb, score double precision)",
          "INSERT INTO accounts SELECT g, CASE WHEN g % 9 = 0 THEN '' ELSE 'account ' || g END,"
              + " g * 10.5, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour',"
              + " g % 2 = 0, md5(g::text)::uuid, jsonb_build_object('g', g), g / 3.0"
              + " FROM generate_series(1, 2000) g");
      assertThat(migrate(source.uri(), target.uri()).exitCode()).isZero();
      CliRun clean = validate(source.uri(), target.uri());
      assertThat(clean.exitCode()).as(clean.toString()).isZero();
      // double precision has no common digest text: compared row by row, and said so
      assertThat(clean.out()).contains("Validated").contains("2,000")
          .contains("rows (column score (double precision) has no canonical digest text");

      target.execute(
          "DELETE FROM accounts WHERE id = 6",
          "INSERT INTO accounts (id, name) VALUES (50000, 'extra')",
          "UPDATE accounts SET balance = 0 WHERE id = 8",
          "UPDATE accounts SET name = 'x' WHERE id = 9",
          "UPDATE accounts SET opened = opened + INTERVAL 1 SECOND, active = 1 WHERE id = 11",
          "UPDATE accounts SET score = 1.5 WHERE id = 12",
          "UPDATE accounts SET active = NULL WHERE id = 13");
      CliRun differing = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(differing.exitCode()).as(differing.toString()).isEqualTo(1);
      assertThat(differing.out())
          .contains("MISSING_TARGET key ['6']")
          .contains("MISSING_SOURCE key ['50000']")
          .contains("RECORD_DIFF key ['8']; balance: source '84', target '0'")
          .contains("RECORD_DIFF key ['9']; name: source '', target 'x'")
          .contains("RECORD_DIFF key ['11']; opened: source '2024-01-01 11:00:00.000000', target"
              + " '2024-01-01 11:00:01.000000'; active: source '0', target '1'")
          .contains("RECORD_DIFF key ['12']; score: source '4', target '1.5'")
          .contains("RECORD_DIFF key ['13']; active: source '0', target NULL");
      assertThat(validate(source.uri(), target.uri(), "--repair").exitCode()).isZero();
      assertThat(validate(source.uri(), target.uri()).exitCode()).isZero();
    }
  }

  @Test
  void handleCollationDiffTakesValuesAndKeysEqualUnderTheTargetsCollationAsEqual() {
    try (TestingPostgres source = TestingPostgres.create("val_coll_src");
        TestingMariaDb target = TestingMariaDb.create("val_coll_dst")) {
      source.execute("CREATE TABLE people (code varchar(20) PRIMARY KEY, name varchar(40),"
              + " city varchar(40))",
          "INSERT INTO people VALUES ('a1', 'Ann', 'Oslo'), ('B2', 'Bob', 'Köln'),"
              + " ('c3', 'Cy', 'Zürich'), ('D4', 'Di', 'Paris'), ('e5', 'Ed', 'Rome'),"
              + " ('F6', 'Flo', 'Lyon'), ('g7', 'Gus', 'Nice')");
      migrate(source.uri(), target.uri());
      // OpenDMS creates text columns utf8mb4_bin (PostgreSQL's case sensitivity); a schema made
      // by hand often keeps the server's case- and accent-insensitive default
      target.execute("ALTER TABLE people CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
      // equal under MariaDB's utf8mb4_general_ci (case, accents, trailing spaces); the keys
      // changed in case now sort into other code-point ranges than on the source
      target.execute("UPDATE people SET name = UPPER(name), city = 'KOLN  ' WHERE code = 'B2'",
          "UPDATE people SET code = 'A1' WHERE code = 'a1'",
          "UPDATE people SET code = 'f6', city = 'lyon' WHERE code = 'F6'",
          "UPDATE people SET city = 'Zurich' WHERE code = 'c3'",
          "UPDATE people SET name = 'Other' WHERE code = 'g7'");
      String collated = "\"PartitionSize\": 2, \"HandleCollationDiff\": true";
      CliRun strict = validateWith("\"PartitionSize\": 2", source.uri(), target.uri(),
          "--show-diff");
      assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
      assertThat(strict.out()).contains("RECORD_DIFF key ['B2']").contains("RECORD_DIFF key ['c3']")
          .contains("MISSING_TARGET key ['a1']").contains("MISSING_SOURCE key ['A1']");
      CliRun run = validateWith(collated, source.uri(), target.uri(), "--show-diff");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("1 record(s) differ")
          .contains("RECORD_DIFF key ['g7']; name: source 'Gus', target 'Other'")
          .doesNotContain("key ['B2']").doesNotContain("key ['a1']").doesNotContain("key ['A1']")
          .doesNotContain("key ['F6']").doesNotContain("key ['c3']");
      target.execute("UPDATE people SET name = 'gus' WHERE code = 'g7'");
      CliRun equal = validateWith(collated, source.uri(), target.uri());
      assertThat(equal.exitCode()).as(equal.toString()).isZero();
    }
  }

  @Test
  void aCanonicalDigestTellsNullFromFalse() {
    try (TestingPostgres source = TestingPostgres.create("val_bool_src");
        TestingMariaDb target = TestingMariaDb.create("val_bool_dst")) {
      source.execute("CREATE TABLE flags (id int PRIMARY KEY, flag boolean, note text)",
          "INSERT INTO flags SELECT g, g % 2 = 0, NULL FROM generate_series(1, 100) g");
      migrate(source.uri(), target.uri());
      target.execute("UPDATE flags SET flag = NULL WHERE id = 3", "UPDATE flags SET note = ''"
          + " WHERE id = 4");
      CliRun run = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("digest canonical")
          .contains("RECORD_DIFF key ['3']; flag: source '0', target NULL")
          .contains("RECORD_DIFF key ['4']; note: source NULL, target ''");
    }
  }

  @Test
  void mysqlToMysqlComparesNativeDigestsAndRepairs() {
    try (TestingMariaDb source = TestingMariaDb.create("val_mm_src");
        TestingMariaDb target = TestingMariaDb.create("val_mm_dst")) {
      source.execute(
          "CREATE TABLE items (id int PRIMARY KEY, name varchar(30), price decimal(8,2),"
              + " ratio float, at datetime(6), flag bit(1), raw blob, doc json)",
          "INSERT INTO items SELECT seq, IF(seq % 4 = 0, '', CONCAT('item ', seq)), seq * 0.25,"
              + " seq / 7, '2024-02-03 04:05:06.789', seq % 2, UNHEX(HEX(seq)),"
              + " JSON_OBJECT('k', seq) FROM seq_1_to_1500");
      migrate(source.uri(), target.uri());
      CliRun clean = validate(source.uri(), target.uri());
      assertThat(clean.exitCode()).as(clean.toString()).isZero();
      assertThat(clean.out()).contains("Validated").contains("1,500").contains("digest native");

      target.execute("DELETE FROM items WHERE id = 2", "UPDATE items SET name = NULL WHERE id = 4",
          "UPDATE items SET ratio = 2 WHERE id = 7", "UPDATE items SET flag = 0 WHERE id = 9",
          "INSERT INTO items (id) VALUES (5000)");
      CliRun differing = validate(source.uri(), target.uri(), "--show-diff");
      assertThat(differing.exitCode()).as(differing.toString()).isEqualTo(1);
      assertThat(differing.out())
          .contains("MISSING_TARGET key ['2']")
          .contains("RECORD_DIFF key ['4']; name: source '', target NULL")
          .contains("RECORD_DIFF key ['7']; ratio: source '1', target '2'")
          .contains("RECORD_DIFF key ['9']; flag: source '1', target '0'")
          .contains("MISSING_SOURCE key ['5000']");
      assertThat(validate(source.uri(), target.uri(), "--repair").exitCode()).isZero();
      assertThat(validate(source.uri(), target.uri()).exitCode()).isZero();
    }
  }

  @Test
  void badInputExitsWithTwo() {
    CliRun run = validate("postgresql://postgres@127.0.0.1:5432/", "nonsense://x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("opendms validate: ");
  }

  private CliRun migrate(String source, String target) {
    CliRun run = CliRun.of("migrate", "--source", source, "--target", target,
        "--migration-type", "full-load", "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  /** With ranges of 500 rows, so that every table is cut into several. */
  private CliRun validate(String source, String target, String... more) {
    return validateWith("\"PartitionSize\": 500, \"ThreadCount\": 2", source, target, more);
  }

  private CliRun validateWith(String validationSettings, String source, String target,
      String... more) {
    Path settings = dataDir.resolve("validation-settings.json");
    try {
      Files.writeString(settings, "{\"ValidationSettings\": {" + validationSettings + "}}");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String[] args = {"validate", "--source", source, "--target", target, "--task-settings",
        settings.toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }
}
