package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate --table-mappings} full loads against the real databases, each rule kind
 * read back from the target: filters pushed into the source query, transformations of schema,
 * table and columns, added columns with expressions, a ranges parallel load, and mapping errors
 * that name the rule-id.
 */
class TableMappingsMigrateIT {
  @TempDir Path dataDir;

  @Test
  void postgresToPostgresAppliesFiltersTransformationsAndRanges() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_pg_src");
        TestingPostgres target = TestingPostgres.create("map_pg_dst")) {
      source.execute(
          "CREATE SCHEMA sales",
          "CREATE TABLE sales.\"Orders\" (id int PRIMARY KEY, region varchar(10),"
              + " amount numeric(10,2), created timestamp, note text, ssn text)",
          "INSERT INTO sales.\"Orders\" SELECT g, (ARRAY['EU','UK','US','APAC'])[g % 4 + 1],"
              + " g * 1.5, timestamp '2024-01-01' + g * interval '1 hour',"
              + " CASE WHEN g % 10 = 0 THEN NULL ELSE 'n' || g END, '123-' || g"
              + " FROM generate_series(1, 1000) g",
          "CREATE TABLE sales.events (id bigint PRIMARY KEY, kind text)",
          "INSERT INTO sales.events SELECT g, CASE WHEN g % 3 = 0 THEN 'a' ELSE 'b' END"
              + " FROM generate_series(1, 300) g",
          "CREATE TABLE sales.tmp_x (id int)");
      Path mappings = file("pg.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "orders",
             "rule-action": "include", "load-order": "2",
             "object-locator": {"schema-name": "sales", "table-name": "Orders"},
             "filters": [
               {"filter-type": "source", "column-name": "region", "filter-conditions": [
                 {"filter-operator": "eq", "value": "EU"}, {"filter-operator": "eq", "value": "UK"}]},
               {"filter-type": "source", "column-name": "id", "filter-conditions": [
                 {"filter-operator": "between", "start-value": "1", "end-value": "800"}]},
               {"filter-type": "source", "column-name": "created", "filter-conditions": [
                 {"filter-operator": "gte", "value": "2024-01-05"}]}]},
            {"rule-type": "selection", "rule-id": "2", "rule-name": "events",
             "rule-action": "explicit",
             "object-locator": {"schema-name": "sales", "table-name": "events"},
             "filters": [{"filter-type": "source", "column-name": "kind",
               "filter-conditions": [{"filter-operator": "eq", "value": "a"}]}]},
            {"rule-type": "transformation", "rule-id": "10", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "rename", "value": "dw",
             "object-locator": {"schema-name": "sales"}},
            {"rule-type": "transformation", "rule-id": "11", "rule-name": "lower",
             "rule-target": "table", "rule-action": "convert-lowercase",
             "object-locator": {"schema-name": "sales", "table-name": "%"}},
            {"rule-type": "transformation", "rule-id": "12", "rule-name": "no-ssn",
             "rule-target": "column", "rule-action": "remove-column",
             "object-locator": {"schema-name": "sales", "table-name": "Orders", "column-name": "ssn"}},
            {"rule-type": "transformation", "rule-id": "13", "rule-name": "area",
             "rule-target": "column", "rule-action": "rename", "value": "area",
             "object-locator": {"schema-name": "sales", "table-name": "Orders", "column-name": "region"}},
            {"rule-type": "transformation", "rule-id": "14", "rule-name": "label",
             "rule-target": "column", "rule-action": "add-column", "value": "label",
             "expression": "lower($region) || '#' || $id",
             "data-type": {"type": "string", "length": 20},
             "object-locator": {"schema-name": "sales", "table-name": "Orders"}},
            {"rule-type": "transformation", "rule-id": "15", "rule-name": "op",
             "rule-target": "column", "rule-action": "add-column", "value": "op",
             "expression": "operation_indicator('D', 'U', 'I') || substr($AR_H_OPERATION, 1, 1)",
             "data-type": {"type": "string", "length": 2},
             "object-locator": {"schema-name": "sales", "table-name": "Orders"}},
            {"rule-type": "transformation", "rule-id": "16", "rule-name": "amount-text",
             "rule-target": "column", "rule-action": "change-data-type",
             "data-type": {"type": "string", "length": 20},
             "object-locator": {"schema-name": "sales", "table-name": "Orders", "column-name": "amount"}},
            {"rule-type": "table-settings", "rule-id": "30", "rule-name": "ranges",
             "object-locator": {"schema-name": "sales", "table-name": "Orders"},
             "parallel-load": {"type": "ranges", "columns": ["id"],
                               "boundaries": [["300"], ["600"]]}}
          ]}
          """);

      CliRun run = migrate(source.uri(), target.uri(), mappings);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(row(target, "SELECT count(*), min(id), max(id) FROM dw.orders"))
          .isEqualTo(row(source, "SELECT count(*), min(id), max(id) FROM sales.\"Orders\""
              + " WHERE region IN ('EU', 'UK') AND id BETWEEN 1 AND 800"
              + " AND created >= '2024-01-05'"));
      assertThat(row(target, "SELECT area, amount, label, op, note FROM dw.orders WHERE id = 100"))
          .containsExactly("EU", "150.00", "eu#100", "IL", null);
      assertThat(row(target, "SELECT string_agg(column_name || ':' || data_type, ','"
          + " ORDER BY ordinal_position) FROM information_schema.columns"
          + " WHERE table_schema = 'dw' AND table_name = 'orders'"))
          .containsExactly("id:integer,area:character varying,amount:character varying,"
              + "created:timestamp without time zone,note:text,label:character varying,"
              + "op:character varying");
      assertThat(row(target, "SELECT count(*), sum(id) FROM dw.events"))
          .isEqualTo(row(source, "SELECT count(*), sum(id) FROM sales.events WHERE kind = 'a'"));
      assertThat(row(target, "SELECT count(*) FROM information_schema.tables"
          + " WHERE table_schema = 'dw'")).containsExactly("2");
      assertThat(run.out() + run.err())
          .contains("sales.Orders -> dw.orders: 3 partition(s), decoded rows")
          .containsPattern("sales.events -> dw.events: \\d+ partition\\(s\\), (?!decoded)");
    }
  }

  @Test
  void theRemainingNameRulesColumnSelectionAndKeyDefinition() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_names_src");
        TestingPostgres target = TestingPostgres.create("map_names_dst")) {
      source.execute(
          "CREATE SCHEMA app_core",
          "CREATE TABLE app_core.tbl_events_raw (event_id int, ts timestamp, kind_code text,"
              + " payload text, legacy_flag boolean)",
          "INSERT INTO app_core.tbl_events_raw SELECT g, timestamp '2024-01-01' + g * interval"
              + " '1 minute', CASE WHEN g % 7 = 0 THEN NULL ELSE 'k' || (g % 3) END, 'p' || g,"
              + " g % 2 = 0 FROM generate_series(1, 600) g");
      Path mappings = file("names.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "events",
             "rule-action": "include",
             "object-locator": {"schema-name": "app[_]%", "table-name": "tbl%"},
             "filters": [
               {"filter-type": "source", "column-name": "kind_code",
                "filter-conditions": [{"filter-operator": "notnull"}]},
               {"filter-type": "source", "column-name": "event_id",
                "filter-conditions": [{"filter-operator": "lte", "value": "500"}]}]},
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "remove-prefix", "value": "app_",
             "object-locator": {"schema-name": "%"}},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "table",
             "rule-target": "table", "rule-action": "replace-prefix", "value": "t_",
             "old-value": "tbl_", "object-locator": {"schema-name": "%", "table-name": "%"}},
            {"rule-type": "transformation", "rule-id": "4", "rule-name": "table-suffix",
             "rule-target": "table", "rule-action": "remove-suffix", "value": "_raw",
             "object-locator": {"schema-name": "%", "table-name": "%"}},
            {"rule-type": "transformation", "rule-id": "5", "rule-name": "keep-id",
             "rule-target": "column", "rule-action": "include-column",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "event_id"}},
            {"rule-type": "transformation", "rule-id": "6", "rule-name": "keep-ts",
             "rule-target": "column", "rule-action": "include-column",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "ts"}},
            {"rule-type": "transformation", "rule-id": "7", "rule-name": "keep-kind",
             "rule-target": "column", "rule-action": "include-column",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "kind_code"}},
            {"rule-type": "transformation", "rule-id": "8", "rule-name": "kind",
             "rule-target": "column", "rule-action": "replace-suffix", "value": "_name",
             "old-value": "_code",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "kind_code"}},
            {"rule-type": "transformation", "rule-id": "9", "rule-name": "ts",
             "rule-target": "column", "rule-action": "add-suffix", "value": "_utc",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "ts"}},
            {"rule-type": "transformation", "rule-id": "10", "rule-name": "key",
             "rule-target": "table", "rule-action": "define-primary-key",
             "object-locator": {"schema-name": "app_core", "table-name": "tbl_events_raw"},
             "primary-key-def": {"name": "events_pk", "origin": "primary-key",
                                 "columns": ["event_id", "ts"]}},
            {"rule-type": "transformation", "rule-id": "11", "rule-name": "event",
             "rule-target": "column", "rule-action": "remove-suffix", "value": "_id",
             "object-locator": {"schema-name": "%", "table-name": "%", "column-name": "event_id"}},
            {"rule-type": "table-settings", "rule-id": "20", "rule-name": "one",
             "object-locator": {"schema-name": "app_core", "table-name": "tbl_events_raw"},
             "parallel-load": {"type": "none"}}
          ]}
          """);

      CliRun run = migrate(source.uri(), target.uri(), mappings);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      // rules 3 and 4 both rename the table: the lower rule-id wins, as in DMS
      assertThat(row(target, "SELECT count(*), max(event) FROM core.t_events_raw"))
          .isEqualTo(row(source, "SELECT count(*), max(event_id) FROM app_core.tbl_events_raw"
              + " WHERE kind_code IS NOT NULL AND event_id <= 500"));
      assertThat(row(target, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
          + " FROM information_schema.columns WHERE table_schema = 'core'"
          + " AND table_name = 't_events_raw'")).containsExactly("event,ts_utc,kind_name");
      assertThat(row(target, "SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM pg_index i"
          + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n)"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
          + " WHERE i.indrelid = 'core.t_events_raw'::regclass AND i.indisprimary"))
          .containsExactly("event,ts_utc");
      assertThat(run.out() + run.err()).contains("app_core.tbl_events_raw -> core.t_events_raw: 1"
          + " partition(s)");
    }
  }

  @Test
  void mysqlToPostgresFiltersAndComputesColumns() throws Exception {
    try (TestingMariaDb source = TestingMariaDb.create("map_my_src");
        TestingPostgres target = TestingPostgres.create("map_my_dst")) {
      source.execute(
          "CREATE TABLE items (id int PRIMARY KEY, sku varchar(20), qty int, price decimal(8,2),"
              + " added date)",
          "INSERT INTO items SELECT seq, CONCAT('sku-', seq), seq % 10, seq * 0.25,"
              + " DATE_ADD('2024-01-01', INTERVAL seq DAY) FROM seq_1_to_500");
      Path mappings = file("my.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "items",
             "rule-action": "include",
             "object-locator": {"schema-name": "%s", "table-name": "items"},
             "filters": [
               {"filter-type": "source", "column-name": "qty", "filter-conditions": [
                 {"filter-operator": "gte", "value": "5"}]},
               {"filter-type": "source", "column-name": "added", "filter-conditions": [
                 {"filter-operator": "notbetween", "start-value": "2024-03-01",
                  "end-value": "2024-12-31"}]}]},
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "rename", "value": "shop",
             "object-locator": {"schema-name": "%%"}},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "code",
             "rule-target": "column", "rule-action": "rename", "value": "code",
             "object-locator": {"schema-name": "%%", "table-name": "items", "column-name": "sku"}},
            {"rule-type": "transformation", "rule-id": "4", "rule-name": "total",
             "rule-target": "column", "rule-action": "add-column", "value": "total",
             "expression": "$qty * $price",
             "data-type": {"type": "numeric", "precision": 12, "scale": 2},
             "object-locator": {"schema-name": "%%", "table-name": "items"}},
            {"rule-type": "transformation", "rule-id": "5", "rule-name": "upper",
             "rule-target": "column", "rule-action": "convert-uppercase",
             "object-locator": {"schema-name": "%%", "table-name": "items", "column-name": "added"}}
          ]}
          """.formatted(source.database()));

      CliRun run = migrate(source.uri(), target.uri(), mappings);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(row(target, "SELECT count(*), sum(total)::text FROM shop.items"))
          .isEqualTo(source.rows("SELECT COUNT(*), SUM(qty * price) FROM items WHERE qty >= 5"
              + " AND added NOT BETWEEN '2024-03-01' AND '2024-12-31'").get(0));
      assertThat(row(target, "SELECT code, total, \"ADDED\" FROM shop.items WHERE id = 7"))
          .containsExactly("sku-7", "12.25", "2024-01-08");
    }
  }

  @Test
  void postgresToMysqlRenamesAndAddsColumns() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_pg_my_src");
        TestingMariaDb target = TestingMariaDb.create("map_pg_my_dst")) {
      source.execute(
          "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, city text)",
          "INSERT INTO people SELECT g, 'person ' || g, CASE WHEN g % 5 = 0 THEN NULL"
              + " WHEN g % 5 = 1 THEN 'X' ELSE 'Paris' END FROM generate_series(1, 200) g");
      Path mappings = file("pgmy.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "people",
             "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "people"},
             "filters": [{"filter-type": "source", "column-name": "city", "filter-conditions": [
                 {"filter-operator": "noteq", "value": "X"}, {"filter-operator": "null"}]}]},
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "table",
             "rule-target": "table", "rule-action": "rename", "value": "persons",
             "object-locator": {"schema-name": "public", "table-name": "people"}},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "prefix",
             "rule-target": "column", "rule-action": "add-prefix", "value": "p_",
             "object-locator": {"schema-name": "public", "table-name": "people", "column-name": "n%"}},
            {"rule-type": "transformation", "rule-id": "4", "rule-name": "greeting",
             "rule-target": "column", "rule-action": "add-column", "value": "greeting",
             "expression": "CASE WHEN $city IS NULL THEN 'hi ' || $name ELSE 'hi ' || $name || ' of ' || $city END",
             "data-type": {"type": "string", "length": 60},
             "object-locator": {"schema-name": "public", "table-name": "people"}},
            {"rule-type": "transformation", "rule-id": "5", "rule-name": "no-city",
             "rule-target": "column", "rule-action": "remove-column",
             "object-locator": {"schema-name": "public", "table-name": "people", "column-name": "city"}}
          ]}
          """);

      CliRun run = migrate(source.uri(), target.uri(), mappings);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(target.rows("SELECT COUNT(*), MAX(id) FROM persons").get(0))
          .isEqualTo(row(source, "SELECT count(*), max(id) FROM people"
              + " WHERE city <> 'X' OR city IS NULL"));
      assertThat(target.rows("SELECT p_name, greeting FROM persons WHERE id IN (5, 7) ORDER BY id"))
          .containsExactly(List.of("person 5", "hi person 5"),
              List.of("person 7", "hi person 7 of Paris"));
      assertThat(target.rows("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema"
          + " = DATABASE() AND table_name = 'persons' AND column_name = 'city'").get(0))
          .containsExactly("0");
    }
  }

  @Test
  void partitionedTablesLoadPartitionByPartition() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_part_src");
        TestingPostgres target = TestingPostgres.create("map_part_dst");
        TestingMariaDb mysql = TestingMariaDb.create("map_part_my")) {
      source.execute(
          "CREATE TABLE log (id int, day date, v text) PARTITION BY RANGE (day)",
          "CREATE TABLE log_2023 PARTITION OF log FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')",
          "CREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
          "CREATE TABLE log_later PARTITION OF log FOR VALUES FROM ('2025-01-01') TO (MAXVALUE)",
          "INSERT INTO log SELECT g, date '2023-01-01' + g, 'v' || g FROM generate_series(0, 999) g");
      mysql.execute(
          "CREATE TABLE events (id int, y int, PRIMARY KEY (id, y)) PARTITION BY RANGE (y)"
              + " (PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN (2022),"
              + " PARTITION p2 VALUES LESS THAN MAXVALUE)",
          "INSERT INTO events SELECT seq, 2017 + seq % 8 FROM seq_1_to_400");
      Path pgMappings = file("parts.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "log",
             "rule-action": "explicit", "object-locator": {"schema-name": "public", "table-name": "log"},
             "filters": [{"filter-type": "source", "column-name": "id",
               "filter-conditions": [{"filter-operator": "ste", "value": "899"}]}]},
            {"rule-type": "table-settings", "rule-id": "2", "rule-name": "parts",
             "object-locator": {"schema-name": "public", "table-name": "log"},
             "parallel-load": {"type": "partitions-list", "partitions": ["log_2024"]}},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "rename", "value": "pgcopy",
             "object-locator": {"schema-name": "public"}}
          ]}
          """);
      Path myMappings = file("myparts.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "events",
             "rule-action": "include", "object-locator": {"schema-name": "%s", "table-name": "events"}},
            {"rule-type": "table-settings", "rule-id": "2", "rule-name": "parts",
             "object-locator": {"schema-name": "%s", "table-name": "events"},
             "parallel-load": {"type": "partitions-auto"}}
          ]}
          """.formatted(mysql.database(), mysql.database()));

      CliRun pg = migrate(source.uri(), target.uri(), pgMappings);
      CliRun my = migrate(mysql.uri(), target.uri(), myMappings);

      assertThat(pg.exitCode()).as(pg.toString()).isZero();
      assertThat(pg.out() + pg.err()).contains("2 partition(s)");
      assertThat(row(target, "SELECT count(*), max(id), count(DISTINCT v) FROM pgcopy.log"))
          .containsExactly("900", "899", "900");
      assertThat(my.exitCode()).as(my.toString()).isZero();
      assertThat(my.out() + my.err()).contains("3 partition(s)");
      assertThat(row(target, "SELECT count(*), sum(y) FROM \"" + mysql.database() + "\".events"))
          .isEqualTo(mysql.rows("SELECT COUNT(*), SUM(y) FROM events").get(0));
    }
  }

  @Test
  void limitedLobSettingsTruncateAndCountLongValues() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_lob_src");
        TestingPostgres target = TestingPostgres.create("map_lob_dst")) {
      source.execute(
          "CREATE TABLE docs (id int PRIMARY KEY, body text, raw bytea)",
          "INSERT INTO docs SELECT g, repeat('ж', g * 300), decode(repeat('ab', g * 700), 'hex')"
              + " FROM generate_series(1, 4) g");
      Path mappings = file("lob.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "docs", "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "docs"}},
            {"rule-type": "transformation", "rule-id": "2", "rule-name": "schema",
             "rule-target": "schema", "rule-action": "rename", "value": "lob",
             "object-locator": {"schema-name": "public"}},
            {"rule-type": "table-settings", "rule-id": "3", "rule-name": "lob",
             "object-locator": {"schema-name": "public", "table-name": "docs"},
             "lob-settings": {"mode": "limited", "bulk-max-size": "1"}}
          ]}
          """);

      CliRun run = migrate(source.uri(), target.uri(), mappings);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(row(target, "SELECT string_agg(octet_length(body) || '/' || octet_length(raw),"
          + " ',' ORDER BY id) FROM lob.docs")).containsExactly("600/700,1024/1024,1024/1024,"
          + "1024/1024");
      assertThat(run.out() + run.err()).contains("6 LOB value(s) truncated");
    }
  }

  @Test
  void mappingErrorsNameTheRuleIdAndExitWithTwo() throws Exception {
    try (TestingPostgres source = TestingPostgres.create("map_err_src");
        TestingPostgres target = TestingPostgres.create("map_err_dst")) {
      source.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
      Path badDocument = file("bad.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "%"}},
            {"rule-type": "transformation", "rule-id": "7", "rule-name": "x",
             "rule-target": "column", "rule-action": "add-column", "value": "c",
             "expression": "upper($v", "data-type": {"type": "string"},
             "object-locator": {"schema-name": "public", "table-name": "t"}}
          ]}
          """);
      CliRun bad = migrate(source.uri(), target.uri(), badDocument);
      assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(bad.err()).contains("rule-id 7: expression at position 9");

      Path wrongColumn = file("wrong.json", """
          {"rules": [
            {"rule-type": "selection", "rule-id": "3", "rule-name": "1", "rule-action": "include",
             "object-locator": {"schema-name": "public", "table-name": "t"},
             "filters": [{"filter-type": "source", "column-name": "id",
               "filter-conditions": [{"filter-operator": "ste", "value": "many"}]}]}
          ]}
          """);
      CliRun wrong = migrate(source.uri(), target.uri(), wrongColumn);
      assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(wrong.err()).contains("rule-id 3: filters[0].filter-conditions[0].value 'many'"
          + " is not a INT4");
    }
  }

  private CliRun migrate(String source, String target, Path mappings) {
    return CliRun.of("migrate", "--source", source, "--target", target,
        "--migration-type", "full-load", "--data-dir", dataDir.toString(),
        "--table-mappings", mappings.toString());
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dataDir.resolve(name), content);
  }

  static List<String> row(TestingPostgres database, String sql) throws SQLException {
    return CrossEngineMigrateIT.pg(database, sql);
  }
}
