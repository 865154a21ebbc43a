package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.target.TargetConnector;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's types loaded into MySQL along the decoded path and compared by meaning; values
 * MySQL cannot hold (numeric NaN, infinite dates, float NaN, more decimals than DECIMAL(65,30))
 * fail the load with table, column, row and reason rather than change.
 */
class PostgresToMySqlIT {

  private static final String[][] RENDERINGS = {
    {"c_bool", "c_bool::int::text", "c_bool"},
    {"c_i2", "c_i2::text", "c_i2"},
    {"c_i4", "c_i4::text", "c_i4"},
    {"c_i8", "c_i8::text", "c_i8"},
    {"c_num", "c_num::text", "c_num"},
    {"c_real", "c_real::float8::text", "c_real * 1e0"},
    {"c_double", "c_double::text", "c_double"},
    {"c_text", "c_text", "c_text"},
    {"c_varchar", "c_varchar", "c_varchar"},
    {"c_char", "c_char", "c_char"},
    {"c_bytea", "upper(encode(c_bytea, 'hex'))", "HEX(c_bytea)"},
    {"c_date", "c_date::text", "c_date"},
    {"c_ts", "to_char(c_ts, 'YYYY-MM-DD HH24:MI:SS.US')", "DATE_FORMAT(c_ts, '%Y-%m-%d %H:%i:%s.%f')"},
    {"c_tstz", "to_char(c_tstz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        "DATE_FORMAT(c_tstz, '%Y-%m-%d %H:%i:%s.%f')"},
    {"c_time", "to_char(c_time, 'HH24:MI:SS.US')", "DATE_FORMAT(c_time, '%H:%i:%s.%f')"},
    {"c_uuid", "c_uuid::text", "c_uuid"},
    {"c_jsonb", "c_jsonb::text", "c_jsonb"},
    {"c_arr", "c_arr::text", "c_arr"},
    {"c_interval", "c_interval::text", "c_interval"},
    {"c_inet", "c_inet", "c_inet"},
  };

  private static TestingPostgres source;

  @BeforeAll
  static void createSource() {
    source = TestingPostgres.create("pg_to_mysql");
    source.execute(
        "CREATE TABLE pg_types (id int PRIMARY KEY, c_bool boolean, c_i2 int2, c_i4 int4,"
            + " c_i8 int8, c_num numeric(20,5), c_free numeric, c_real real, c_double float8,"
            + " c_text text, c_varchar varchar(20), c_char char(5), c_bytea bytea, c_date date,"
            + " c_ts timestamp(6), c_tstz timestamptz, c_time time, c_timetz timetz, c_uuid uuid,"
            + " c_jsonb jsonb, c_arr int[], c_interval interval, c_inet inet)",
        "INSERT INTO pg_types VALUES (1, true, 32767, 2147483647, 9223372036854775807,"
            + " 123456789012345.12345, 1.5, 3.4028235e38, 1.7976931348623157e308,"
            + " E'emoji 😀 tab\\t nl\\n back\\\\slash', 'ünïcödé 𝄞', 'ab', '\\x00ff0a5c',"
            + " '9999-12-31', '2024-02-29 23:59:59.999999', '2024-06-01 12:00:00.5+02',"
            + " '23:59:59.999999', '12:00:00+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '{\"a\": [1, \"😀\"]}', '{1,2,3}', '1 year 2 mons 3 days 04:05:06', '10.0.0.1/8')",
        "INSERT INTO pg_types VALUES (2, false, -32768, -2147483648, -9223372036854775808,"
            + " -0.00001, -123456789012345678901234567890.123456789, 1e-45, -4.9e-324, '', '',"
            + " '', '\\x', '0001-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:00+00',"
            + " '00:00:00', '00:00:00-05:30', '00000000-0000-0000-0000-000000000000', '[]', '{}',"
            + " '-1 days', '::1')",
        "INSERT INTO pg_types (id) VALUES (3)",
        "CREATE TABLE nan_numeric (id int PRIMARY KEY, n numeric)",
        "INSERT INTO nan_numeric VALUES (1, 1), (2, 'NaN')",
        "CREATE TABLE infinite_date (id int PRIMARY KEY, d date)",
        "INSERT INTO infinite_date VALUES (1, 'infinity')",
        "CREATE TABLE nan_real (id int PRIMARY KEY, r real)",
        "INSERT INTO nan_real VALUES (1, 'NaN')",
        "CREATE TABLE long_scale (id int PRIMARY KEY, n numeric)",
        "INSERT INTO long_scale VALUES (1, 0.1234567890123456789012345678901)");
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void everyPostgresTypeKeepsItsMeaningInMySql() throws SQLException {
    try (TestingMariaDb target = TestingMariaDb.create("pg_to_mysql_t")) {
      load(target, "pg_types");
      for (String[] column : RENDERINGS) {
        var expected = MySqlTypeRoundTripIT.postgresRows(source,
            "SELECT " + column[1] + " FROM pg_types ORDER BY id");
        var actual = target.rows("SELECT " + column[2] + " FROM pg_types ORDER BY id");
        if (column[0].equals("c_real") || column[0].equals("c_double")) {
          expected = doubles(expected);
          actual = doubles(actual);
        }
        assertThat(actual).as(column[0]).isEqualTo(expected);
      }
      assertThat(target.rows("SELECT c_free, c_timetz FROM pg_types ORDER BY id"))
          .extracting(row -> row.get(0) == null ? null : new BigDecimal(row.get(0)).stripTrailingZeros())
          .containsExactly(new BigDecimal("1.5"),
              new BigDecimal("-123456789012345678901234567890.123456789"), null);
      assertThat(target.rows("SELECT c_timetz FROM pg_types ORDER BY id"))
          .containsExactly(List.of("12:00:00+02:00"), List.of("00:00:00-05:30"),
              java.util.Collections.singletonList(null));
    }
  }

  @Test
  void numericNanFailsWithColumnRowAndReason() {
    assertLoadFails("nan_numeric", "column n of row 2", "MySQL DECIMAL cannot hold numeric NaN");
  }

  @Test
  void infiniteDateFailsWithColumnRowAndReason() {
    assertLoadFails("infinite_date", "column d of row 1", "MySQL has no infinite date (infinity)");
  }

  @Test
  void floatNanFailsWithColumnRowAndReason() {
    assertLoadFails("nan_real", "column r of row 1", "MySQL FLOAT cannot hold NaN");
  }

  @Test
  void moreDecimalsThanDecimal65Of30FailInsteadOfRounding() {
    assertLoadFails("long_scale", "rows 1-1", "Data truncated for column 'n' at row 1");
  }

  private static void assertLoadFails(String table, String where, String reason) {
    try (TestingMariaDb target = TestingMariaDb.create("pg_to_mysql_f")) {
      assertThatThrownBy(() -> load(target, table))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("table " + target.database() + "." + table)
          .hasMessageContaining(where)
          .hasMessageContaining(reason);
      assertThat(target.rows("SELECT COUNT(*) FROM " + table)).containsExactly(List.of("0"));
    }
  }

  private static void load(TestingMariaDb target, String table) {
    try (SourceConnector from = Connectors.source(MySqlTestEndpoints.postgres(source));
        TargetConnector to = new MySqlTargetConnectorFactory().open(MySqlTestEndpoints.of(target))) {
      CrossEngineHarness.run(from, to, id -> id.name().equals(table), id -> id, 1);
    }
  }

  private static List<List<String>> doubles(List<List<String>> rows) {
    return rows.stream().map(row -> row.get(0) == null
        ? java.util.Collections.<String>singletonList(null)
        : List.of(Double.toString(Double.parseDouble(row.get(0))))).toList();
  }
}
