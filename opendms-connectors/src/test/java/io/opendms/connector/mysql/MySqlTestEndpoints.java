package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.util.Map;

/** Endpoints of test databases. */
final class MySqlTestEndpoints {

  private MySqlTestEndpoints() {}

  static EndpointConfig of(TestingMariaDb database) {
    return of(database.database(), Map.of());
  }

  static EndpointConfig of(String database, Map<String, String> settings) {
    return new EndpointConfig("mysql", TestingMariaDb.HOST, TestingMariaDb.PORT, database,
        TestingMariaDb.USER, "", SslMode.DISABLE, settings);
  }

  static EndpointConfig postgres(TestingPostgres database) {
    return new EndpointConfig("postgres", TestingPostgres.HOST, TestingPostgres.PORT,
        database.database(), TestingPostgres.USER, "", SslMode.DISABLE, Map.of());
  }
}
