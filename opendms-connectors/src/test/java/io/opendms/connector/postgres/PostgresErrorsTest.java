package io.opendms.connector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class PostgresErrorsTest {

  private static final EndpointConfig ENDPOINT =
      new EndpointConfig(
          "postgres", "db.example", 5433, "sales", "app", "pa55word", SslMode.REQUIRE, Map.of());

  private static ErrorCode classify(String sqlState) {
    return PostgresErrors.classify(new SQLException("x", sqlState), ErrorCode.SOURCE_READ_FAILED);
  }

  @Test
  void mapsSqlStatesToErrorCodes() {
    assertThat(classify("08001")).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(classify("08006")).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(classify("57P03")).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(classify("28P01")).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(classify("28000")).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(classify("3D000")).isEqualTo(ErrorCode.DATABASE_NOT_FOUND);
    assertThat(classify("42501")).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(classify("22P02")).isEqualTo(ErrorCode.SOURCE_READ_FAILED);
    assertThat(
            PostgresErrors.classify(new SQLException("x", "23505"), ErrorCode.TARGET_WRITE_FAILED))
        .isEqualTo(ErrorCode.TARGET_WRITE_FAILED);
  }

  @Test
  void treatsANetworkCauseWithoutSqlStateAsConnectionFailure() {
    SQLException refused = new SQLException("boom", (String) null, new ConnectException("refused"));
    assertThat(PostgresErrors.classify(refused, ErrorCode.TARGET_WRITE_FAILED))
        .isEqualTo(ErrorCode.CONNECTION_FAILED);
  }

  @Test
  void writesOneLineWithWhatWhereTableAndTheServerMessage() {
    ServerErrorMessage server =
        new ServerErrorMessage(
            "SERROR\0C22P02\0Minvalid input syntax for type integer: \"x\"\0"
                + "WCOPY t, line 3, column a: \"x\"\0");
    OpenDmsException error =
        PostgresErrors.forTarget(ENDPOINT)
            .translate(new PSQLException(server), "cannot load rows", new TableId("s", "t"));
    assertThat(error.code()).isEqualTo(ErrorCode.TARGET_WRITE_FAILED);
    assertThat(error.getMessage())
        .isEqualTo(
            "cannot load rows on postgres://app@db.example:5433/sales, table s.t: invalid input"
                + " syntax for type integer: \"x\"; context: COPY t, line 3, column a: \"x\""
                + " [SQLState 22P02]");
  }

  @Test
  void neverCarriesThePassword() {
    SQLException leaky = new SQLException("auth failed for pa55word\nsecond line", "28P01");
    OpenDmsException error =
        PostgresErrors.forSource(ENDPOINT).translate(leaky, "cannot connect", null);
    assertThat(error.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(error.getMessage()).doesNotContain("pa55word").doesNotContain("\n").contains("***");
  }
}
