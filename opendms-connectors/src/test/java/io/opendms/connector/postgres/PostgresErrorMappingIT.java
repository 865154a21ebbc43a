package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SnapshotReader;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetTable;
import io.opendms.testkit.TestingPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresErrorMappingIT {

  private static final String PASSWORD = "top-secret-pw";
  private static final String ROLE = "opendms_it_" + UUID.randomUUID().toString().substring(0, 8);

  private static TestingPostgres database;

  @BeforeAll
  static void createTableAndRole() {
    database = TestingPostgres.create("errors");
    database.execute(
        "CREATE TABLE public.secret (id int PRIMARY KEY)",
        "INSERT INTO public.secret VALUES (1)",
        "CREATE ROLE " + ROLE + " LOGIN");
  }

  @AfterAll
  static void drop() {
    database.execute("DROP ROLE IF EXISTS " + ROLE);
    database.close();
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, EndpointConfig endpoint) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OpenDmsException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(endpoint.describe())
        .hasMessageNotContaining(PASSWORD)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingDatabaseIsDatabaseNotFound() {
    EndpointConfig endpoint = TestEndpoints.of("no_such_database_" + ROLE, PASSWORD);
    assertFails(
        () -> new PostgresSourceConnectorFactory().open(endpoint),
        ErrorCode.DATABASE_NOT_FOUND,
        endpoint);
    assertFails(
        () -> new PostgresTargetConnectorFactory().open(endpoint),
        ErrorCode.DATABASE_NOT_FOUND,
        endpoint);
  }

  @Test
  void aClosedPortIsConnectionFailed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: nothing listens there
    }
    EndpointConfig endpoint =
        new EndpointConfig(
            "postgres",
            "127.0.0.1",
            port,
            database.database(),
            "postgres",
            PASSWORD,
            SslMode.DISABLE,
            Map.of());
    assertFails(
        () -> new PostgresSourceConnectorFactory().open(endpoint),
        ErrorCode.CONNECTION_FAILED,
        endpoint);
    assertFails(
        () -> new PostgresTargetConnectorFactory().open(endpoint),
        ErrorCode.CONNECTION_FAILED,
        endpoint);
  }

  @Test
  void readingATableWithoutPrivilegeIsPermissionDenied() {
    EndpointConfig endpoint =
        new EndpointConfig(
            "postgres",
            TestingPostgres.HOST,
            TestingPostgres.PORT,
            database.database(),
            ROLE,
            PASSWORD,
            SslMode.DISABLE,
            Map.of());
    try (SourceConnector source = new PostgresSourceConnectorFactory().open(endpoint);
        SnapshotSession snapshot = source.openSnapshot();
        SnapshotReader reader = snapshot.openReader()) {
      TableDefinition secret = source.discover(new TableId("public", "secret")::equals).get(0);
      assertFails(
          () -> reader.read(snapshot.partition(secret, 1).get(0), secret.columns(), row -> {}),
          ErrorCode.PERMISSION_DENIED,
          endpoint);
      assertThatThrownBy(
              () -> reader.read(snapshot.partition(secret, 1).get(0), secret.columns(), row -> {}))
          .hasMessageContaining("table public.secret")
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void creatingATableWithoutPrivilegeIsPermissionDenied() {
    EndpointConfig endpoint =
        new EndpointConfig(
            "postgres",
            TestingPostgres.HOST,
            TestingPostgres.PORT,
            database.database(),
            ROLE,
            PASSWORD,
            SslMode.DISABLE,
            Map.of());
    try (SourceConnector source =
            new PostgresSourceConnectorFactory().open(TestEndpoints.of(database));
        TargetConnector target = new PostgresTargetConnectorFactory().open(endpoint)) {
      TableDefinition secret = source.discover(new TableId("public", "secret")::equals).get(0);
      TargetTable copy =
          new TargetTable(
              new TableId("public", "copy"), "postgres", secret.columns(), secret.primaryKey());
      assertFails(
          () -> target.prepare(copy, new TablePreparation(PrepMode.DROP_AND_CREATE, false)),
          ErrorCode.PERMISSION_DENIED,
          endpoint);
    }
  }
}
