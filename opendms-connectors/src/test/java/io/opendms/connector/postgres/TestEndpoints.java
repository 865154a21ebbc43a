package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Endpoints of, and plain queries against, test databases. */
final class TestEndpoints {

  private TestEndpoints() {}

  static EndpointConfig of(TestingPostgres database) {
    return of(database.database(), "");
  }

  static EndpointConfig of(String database, String password) {
    return new EndpointConfig(
        "postgres",
        TestingPostgres.HOST,
        TestingPostgres.PORT,
        database,
        TestingPostgres.USER,
        password,
        SslMode.DISABLE,
        Map.of());
  }

  /** Every row of a query, each value as the text JDBC returns (null for NULL). */
  static List<List<String>> rows(TestingPostgres database, String sql) {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<List<String>> result = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The single value of a one-row, one-column query. */
  static String value(TestingPostgres database, String sql) {
    return rows(database, sql).get(0).get(0);
  }
}
