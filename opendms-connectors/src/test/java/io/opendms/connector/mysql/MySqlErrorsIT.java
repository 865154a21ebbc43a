package io.opendms.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.testkit.TestingMariaDb;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection failures carry the right code and a one-line message without the password. */
class MySqlErrorsIT {

  private static final String PASSWORD = "S3cret-Passw0rd-xyz";

  @Test
  void unknownDatabaseIsDatabaseNotFound() {
    OpenDmsException error = openSource(endpoint("no_such_db_opendms", TestingMariaDb.PORT, "root", ""));
    assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_NOT_FOUND);
    assertThat(error.getMessage()).contains("no_such_db_opendms").doesNotContain("\n");
  }

  @Test
  void closedPortIsConnectionFailedWithoutPassword() {
    OpenDmsException error = openSource(endpoint("x", 1, "root", PASSWORD));
    assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(error.getMessage()).contains("127.0.0.1:1").doesNotContain(PASSWORD);
  }

  @Test
  void wrongPasswordIsAuthenticationFailedWithoutPassword() {
    OpenDmsException error = openSource(endpoint("", TestingMariaDb.PORT, "root", PASSWORD));
    assertThat(error.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(error.getMessage()).contains("Access denied").doesNotContain(PASSWORD);
  }

  @Test
  void targetReportsTheSameWay() {
    OpenDmsException error = catchThrowableOfType(OpenDmsException.class,
        () -> new MySqlTargetConnectorFactory().open(endpoint("x", 1, "root", PASSWORD)));
    assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(error.getMessage()).startsWith("cannot connect to the target").doesNotContain(PASSWORD);
  }

  @Test
  void badSettingsAreAllReportedAtOnce() {
    EndpointConfig endpoint = new EndpointConfig("mysql", TestingMariaDb.HOST, TestingMariaDb.PORT,
        "", "root", "", SslMode.DISABLE,
        Map.of("ParallelLoadThreads", "many", "TargetDbType", "some", "ExecuteTimeout", "-1"));
    OpenDmsException error = openSource(endpoint);
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(error.getMessage())
        .contains("ParallelLoadThreads", "TargetDbType", "ExecuteTimeout");
  }

  private static OpenDmsException openSource(EndpointConfig endpoint) {
    return catchThrowableOfType(OpenDmsException.class,
        () -> new MySqlSourceConnectorFactory().open(endpoint).close());
  }

  private static EndpointConfig endpoint(String database, int port, String user, String password) {
    return new EndpointConfig("mysql", TestingMariaDb.HOST, port, database, user, password,
        SslMode.DISABLE, Map.of());
  }
}
