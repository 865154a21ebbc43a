package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.connector.postgres.FullLoadHarness.Loaded;
import io.opendms.connector.postgres.FullLoadHarness.Path;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.testkit.TestingPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mapped type, loaded from a PostgreSQL source into fresh PostgreSQL targets along each path,
 * then compared value by value through PostgreSQL's own text output on both sides.
 */
class PostgresTypeRoundTripIT {

  private static final TableId ALL_TYPES = new TableId("src", "all_types");
  private static final TableId ENUM_ARRAYS = new TableId("src", "enum_arrays");
  private static final TablePreparation DROP_AND_CREATE =
      new TablePreparation(PrepMode.DROP_AND_CREATE, false);

  private static TestingPostgres source;

  @BeforeAll
  static void createSource() {
    source = TestingPostgres.create("rt_source");
    AllTypesFixture.create(source);
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void sourceReallyHoldsTheEdgeValues() {
    List<String> conditions =
        List.of(
            "c_int8 = 9223372036854775807",
            "c_int8 = -9223372036854775808",
            "length(c_numeric::text) > 60",
            "scale(c_numeric) > 900",
            "c_numeric = 'NaN'",
            "c_numeric = 'Infinity'",
            "c_numeric = '-Infinity'",
            "c_numeric::text = '0.000'",
            "c_real = 'NaN'",
            "c_real = '-Infinity'",
            "c_real::text = '-0'",
            "c_real::text = '1e-45'",
            "c_double = 4.9e-324",
            "c_double::text = '-0'",
            "c_money = '-92233720368547758.08'::money",
            "c_money = '92233720368547758.07'::money",
            "c_text = ''",
            "c_text IS NULL",
            "c_varchar = ''",
            "c_varchar LIKE '%😀%'",
            "strpos(c_text, chr(9)) > 0 AND strpos(c_text, chr(10)) > 0"
                + " AND strpos(c_text, chr(92)) > 0 AND strpos(c_text, chr(11)) > 0",
            "octet_length(c_bytea) = 256",
            "octet_length(c_bytea) = 0",
            "c_date = 'infinity'",
            "c_date = '-infinity'",
            "c_date < '0001-01-01'",
            "extract(year FROM c_date) = 10000",
            "c_timestamp = 'infinity'",
            "c_timestamptz = '-infinity'",
            "c_timestamptz < '0001-01-01 00:00:00+00'",
            "c_time = '24:00:00'",
            "c_timetz::text LIKE '%+15:59'",
            "c_timetz::text LIKE '%+05:30:15'",
            "c_interval::text LIKE '%mons%days%.789012'",
            "c_json::text LIKE '%\"a\": 1, \"a\": 2%'",
            "array_position(c_int_array, NULL) = 2",
            "array_ndims(c_int_matrix) = 2",
            "c_inet::text LIKE '%:%'",
            "c_cidr::text = '10.0.0.0/8'",
            "c_mood = 'ünï😀'",
            "c_bit = B'10101010'",
            "c_varbit = B''",
            "c_int4range = 'empty'");
    for (String condition : conditions) {
      assertThat(
              TestEndpoints.value(
                  source, "SELECT EXISTS (SELECT 1 FROM src.all_types WHERE " + condition + ")"))
          .as(condition)
          .isEqualTo("t");
    }
    assertThat(TestEndpoints.value(source, "SELECT count(*) FROM src.all_types")).isEqualTo("8");
  }

  @Test
  void nativePathUsesBinaryCopyWhereItCanAndKeepsEveryValue() {
    Map<TableId, Loaded> loaded =
        loadInto(
            "rt_binary",
            Path.NATIVE,
            target -> {
              assertThat(target.get(ALL_TYPES).format()).isEqualTo(PostgresEngine.COPY_BINARY);
              // binary arrays of an enum carry the source database's type OID: text only
              assertThat(target.get(ENUM_ARRAYS).format()).isEqualTo(PostgresEngine.COPY_TEXT);
            });
    assertThat(loaded.get(ALL_TYPES).rows()).isEqualTo(8);
  }

  @Test
  void nativeTextPathKeepsEveryValue() {
    loadInto("rt_text", Path.NATIVE_TEXT, loaded -> {});
  }

  @Test
  void decodedRowPathKeepsEveryValue() {
    Map<TableId, Loaded> loaded = loadInto("rt_rows", Path.ROWS, target -> {});
    assertThat(loaded.get(ALL_TYPES).format()).isNull();
    assertThat(loaded.get(ENUM_ARRAYS).rows()).isEqualTo(4);
  }

  private interface LoadCheck {
    void check(Map<TableId, Loaded> loaded);
  }

  /** Loads both tables into a new database, checks, and compares every value with the source. */
  private static Map<TableId, Loaded> loadInto(String prefix, Path path, LoadCheck check) {
    try (TestingPostgres target = TestingPostgres.create(prefix)) {
      // the connector creates schemas, enum types and tables, not extensions
      target.execute("CREATE EXTENSION citext WITH SCHEMA public");
      Map<TableId, Loaded> loaded;
      try (SourceConnector sourceConnector =
              new PostgresSourceConnectorFactory().open(TestEndpoints.of(source));
          TargetConnector targetConnector =
              new PostgresTargetConnectorFactory().open(TestEndpoints.of(target))) {
        loaded =
            FullLoadHarness.run(
                sourceConnector,
                targetConnector,
                id -> id.schema().equals("src"),
                path,
                DROP_AND_CREATE);
      }
      check.check(loaded);
      assertSameValues(target, AllTypesFixture.TABLE, 8);
      assertSameValues(target, AllTypesFixture.ENUM_TABLE, 4);
      assertThat(TestEndpoints.value(target, "SELECT enum_range(NULL::src.mood)::text"))
          .isEqualTo(TestEndpoints.value(source, "SELECT enum_range(NULL::src.mood)::text"));
      assertThat(columnTypes(target, AllTypesFixture.TABLE))
          .isEqualTo(columnTypes(source, AllTypesFixture.TABLE).replace("src.posint", "integer"));
      return loaded;
    }
  }

  /** Compares the text form of every column of every row, ordered by key. */
  private static void assertSameValues(TestingPostgres target, String table, int expectedRows) {
    List<String> columns =
        TestEndpoints.rows(
                source,
                "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '"
                    + table
                    + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")
            .stream()
            .map(row -> row.get(0))
            .toList();
    String select =
        "SELECT "
            + String.join(", ", columns.stream().map(c -> c + "::text").toList())
            + " FROM "
            + table
            + " ORDER BY id";
    List<List<String>> expected = TestEndpoints.rows(source, select);
    List<List<String>> actual = TestEndpoints.rows(target, select);
    assertThat(expected).hasSize(expectedRows);
    assertThat(actual).hasSameSizeAs(expected);
    for (int row = 0; row < expected.size(); row++) {
      for (int column = 0; column < columns.size(); column++) {
        assertThat(actual.get(row).get(column))
            .as("%s row %s column %s", table, expected.get(row).get(0), columns.get(column))
            .isEqualTo(expected.get(row).get(column));
      }
    }
  }

  private static String columnTypes(TestingPostgres database, String table) {
    return TestEndpoints.value(
        database,
        "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY"
            + " attnum) FROM pg_attribute WHERE attrelid = '"
            + table
            + "'::regclass AND attnum > 0 AND NOT attisdropped");
  }
}
