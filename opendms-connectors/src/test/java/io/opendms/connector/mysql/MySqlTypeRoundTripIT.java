package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.connector.mysql.MySqlTypesFixture.Rendering;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetConnector;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MySQL type torture table loaded into MySQL and into PostgreSQL along the decoded path, then
 * compared value by value: MySQL to MySQL by the values and the column declarations, MySQL to
 * PostgreSQL by meaning (each side's rendering of the same value must print the same text).
 */
class MySqlTypeRoundTripIT {

  private static TestingMariaDb source;

  @BeforeAll
  static void createSource() {
    source = TestingMariaDb.create("mysql_rt_source");
    MySqlTypesFixture.create(source);
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void mysqlToMysqlKeepsEveryValueAndDeclaration() {
    try (TestingMariaDb target = TestingMariaDb.create("mysql_rt_target")) {
      load(MySqlTestEndpoints.of(target), "all_types", "zero_dates");
      for (String table : List.of("all_types", "zero_dates")) {
        String columns = table.equals("all_types")
            ? RENDERINGS_MYSQL()
            : "id, d, dt, ts";
        String query = "SELECT " + columns + " FROM " + table + " ORDER BY id";
        assertThat(target.rows(query)).as(table).isEqualTo(source.rows(query));
        String declarations = "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
            + " AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION";
        assertThat(target.rows(declarations)).as(table).isEqualTo(source.rows(declarations));
      }
      assertThat(target.rows("SELECT d, dt FROM zero_dates WHERE id = 1"))
          .containsExactly(List.of("0000-00-00", "0000-00-00 00:00:00.000000"));
    }
  }

  @Test
  void mysqlToPostgresKeepsTheMeaningOfEveryValue() throws SQLException {
    try (TestingPostgres target = TestingPostgres.create("mysql_rt_pg")) {
      load(MySqlTestEndpoints.postgres(target), "all_types");
      String schema = source.database();
      for (Rendering column : MySqlTypesFixture.RENDERINGS) {
        List<String> expected = column(source.rows(
            "SELECT " + column.mysql() + " FROM all_types ORDER BY id"));
        List<String> actual = column(postgresRows(target,
            "SELECT " + column.postgres() + " FROM \"" + schema + "\".all_types ORDER BY id"));
        if (column.name().equals("c_float") || column.name().equals("c_double")) {
          expected = numbers(expected);
          actual = numbers(actual);
        }
        assertThat(actual).as(column.name()).isEqualTo(expected);
      }
      assertThat(postgresRows(target, "SELECT data_type FROM information_schema.columns"
          + " WHERE table_name = 'all_types' AND column_name IN ('c_ts', 'c_ubig', 'c_json')"
          + " ORDER BY column_name"))
          .containsExactly(List.of("jsonb"), List.of("timestamp with time zone"),
              List.of("numeric"));
    }
  }

  @Test
  void zeroDateFailsOnPostgresWithTableColumnRowAndReason() {
    try (TestingPostgres target = TestingPostgres.create("mysql_rt_zero")) {
      assertThatThrownBy(() -> load(MySqlTestEndpoints.postgres(target), "zero_dates"))
          .isInstanceOf(OpenDmsException.class)
          .hasMessageContaining("zero_dates")
          .hasMessageContaining("column d of row 1")
          .hasMessageContaining("PostgreSQL has no zero date; the MySQL value 0000-00-00")
          .satisfies(e -> assertThat(((OpenDmsException) e).code())
              .isEqualTo(ErrorCode.TARGET_WRITE_FAILED));
    }
  }

  private static String RENDERINGS_MYSQL() {
    return "id, " + MySqlTypesFixture.RENDERINGS.stream().map(Rendering::mysql)
        .collect(Collectors.joining(", "));
  }

  private static void load(io.opendms.spi.endpoint.EndpointConfig targetEndpoint, String... tables) {
    List<String> wanted = List.of(tables);
    try (SourceConnector from = new MySqlSourceConnectorFactory().open(MySqlTestEndpoints.of(source));
        TargetConnector to = Connectors.target(targetEndpoint)) {
      Map<TableId, Long> loaded = CrossEngineHarness.run(from, to,
          id -> wanted.contains(id.name()), id -> id, 4);
      assertThat(loaded).hasSize(tables.length);
    }
  }

  private static List<String> column(List<List<String>> rows) {
    return rows.stream().map(row -> row.get(0)).collect(Collectors.toCollection(ArrayList::new));
  }

  private static List<String> numbers(List<String> texts) {
    return texts.stream().map(t -> t == null ? null : Double.toString(Double.parseDouble(t)))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  static List<List<String>> postgresRows(TestingPostgres database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<List<String>> result = new ArrayList<>();
      int count = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    }
  }
}
