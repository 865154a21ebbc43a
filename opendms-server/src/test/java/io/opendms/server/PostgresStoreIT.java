package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The server on a PostgreSQL metadata store: resources survive a restart, secrets stay sealed. */
class PostgresStoreIT {
  @Test
  void keepsEndpointsInPostgresWithThePasswordSealed() throws Exception {
    try (TestingPostgres database = TestingPostgres.create("store_srv")) {
      String url = "postgresql://" + TestingPostgres.USER + "@" + TestingPostgres.HOST + ":"
          + TestingPostgres.PORT + "/" + database.database();
      TestServer server = TestServer.start(url, false);
      try {
        String arn = server.dms("create-endpoint", "--endpoint-identifier", "pg-store", "--endpoint-type",
            "target", "--engine-name", "postgres", "--password", "hunter2-in-pg").json()
            .at("/Endpoint/EndpointArn").asText();
        server.restart();
        assertThat(server.dms("describe-endpoints", "--filters", "Name=endpoint-arn,Values=" + arn).json()
            .get("Endpoints").findValuesAsText("EndpointIdentifier")).containsExactly("pg-store");
      } finally {
        server.close();
      }
      try (Connection c = database.connect(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT body, secret FROM resources")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("body")).doesNotContain("hunter2");
        assertThat(rows.getString("secret")).startsWith("v1:").doesNotContain("hunter2");
      }
    }
  }
}
