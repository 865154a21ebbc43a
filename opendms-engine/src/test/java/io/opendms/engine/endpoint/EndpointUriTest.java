package io.opendms.engine.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointUriTest {

  @Test
  void readsAFullPostgresqlUri() {
    EndpointConfig config =
        EndpointUri.parse(
            "postgresql://app:secret@db.example.com:5433/sales?sslmode=verify-full"
                + "&SlotName=dms_slot&heartbeatEnable=Y");

    assertThat(config)
        .isEqualTo(new EndpointConfig("postgres", "db.example.com", 5433, "sales", "app", "secret",
            SslMode.VERIFY_FULL, Map.of("SlotName", "dms_slot", "heartbeatEnable", "Y")));
  }

  @Test
  void fillsEngineDefaultsForMissingPortAndDatabase() {
    EndpointConfig postgres = EndpointUri.parse("postgres://u@localhost");
    EndpointConfig mysql = EndpointUri.parse("mysql://root@127.0.0.1/");
    EndpointConfig mariadb = EndpointUri.parse("MariaDB://h/shop");

    assertThat(postgres.engine()).isEqualTo("postgres");
    assertThat(postgres.port()).isEqualTo(5432);
    assertThat(postgres.database()).isEmpty();
    assertThat(postgres.password()).isEmpty();
    assertThat(postgres.sslMode()).isEqualTo(SslMode.PREFER);
    assertThat(mysql.engine()).isEqualTo("mysql");
    assertThat(mysql.port()).isEqualTo(3306);
    assertThat(mysql.database()).isEmpty();
    assertThat(mariadb.engine()).isEqualTo("mariadb");
    assertThat(mariadb.username()).isEmpty();
    assertThat(mariadb.database()).isEqualTo("shop");
  }

  @Test
  void readsIpv6HostsInBrackets() {
    assertThat(EndpointUri.parse("postgresql://u@[::1]:6543/db").host()).isEqualTo("::1");
    assertThat(EndpointUri.parse("postgresql://u@[::1]:6543/db").port()).isEqualTo(6543);
    assertThat(EndpointUri.parse("postgresql://[2001:db8::7]/db").port()).isEqualTo(5432);
    assertThat(invalid("postgresql://u@::1:5432/db").getMessage())
        .contains("looks like an IPv6 address; write it in brackets");
    assertThat(invalid("postgresql://u@[::1/db").getMessage()).contains("no closing ']'");
  }

  @Test
  void decodesPercentEncodedUserPasswordAndDatabase() {
    EndpointConfig config =
        EndpointUri.parse("postgresql://me%40corp:p%40ss%2Fw%3Ard%25@h/my%20db?x=a+b%2B");

    assertThat(config.username()).isEqualTo("me@corp");
    assertThat(config.password()).isEqualTo("p@ss/w:rd%");
    assertThat(config.database()).isEqualTo("my db");
    assertThat(config.settings()).containsEntry("x", "a+b+");
  }

  @Test
  void toleratesRawAtSignAndQuestionMarkInThePassword() {
    assertThat(EndpointUri.parse("postgresql://u:p@ss@h/db").password()).isEqualTo("p@ss");
    EndpointConfig config = EndpointUri.parse("postgresql://u:pa?ss@h/db?sslmode=disable");

    assertThat(config.password()).isEqualTo("pa?ss");
    assertThat(config.host()).isEqualTo("h");
    assertThat(config.sslMode()).isEqualTo(SslMode.DISABLE);
  }

  @Test
  void saysWhichPartIsWrong() {
    assertThat(invalid("postgresql://u@h:abc/db").getMessage())
        .isEqualTo("endpoint URI 'postgresql://u@h:abc/db': port 'abc' is not a number");
    assertThat(invalid("mysql://h:70000").getMessage())
        .endsWith("port 70000 is out of range 1-65535");
    assertThat(invalid("mysql://h:/db").getMessage()).endsWith("port is empty after ':'");
    assertThat(invalid("redis://h/cache").getMessage())
        .endsWith("redis database 'cache' is not a number");
    assertThat(invalid("postgresql:/h/db").getMessage()).contains("expected scheme://");
  }

  @Test
  void reportsEveryProblemTogether() {
    String message =
        invalid("postgresql://u@:5432/a/b?sslmode=sometimes&flag&A=1&a=2&=3").getMessage();

    assertThat(message)
        .contains("host is missing")
        .contains("database 'a/b' contains '/'")
        .contains("sslmode: unknown sslmode 'sometimes'")
        .contains("query parameter 'flag' has no value")
        .contains("query parameter 'a' is given twice")
        .contains("a query parameter has no name");
  }

  @Test
  void neverPutsThePasswordIntoAMessage() {
    String[] uris = {
      "postgresql://admin:Sup3rS3cret@h:abc/db",
      "postgresql://admin:Sup3rS3cret@h/db?sslmode=bogus",
      "postgresql://admin:Sup3rS3cret%zz@h/db",
      "postgresql://admin:Sup3rS3cret?@h:x/db",
      "kafka://k:1?SaslPassword=Sup3rS3cret&port=%G1",
      "nosuch://admin:Sup3rS3cret@h/db",
    };
    for (String uri : uris) {
      OpenDmsException error = catchThrowableOfType(OpenDmsException.class,
          () -> EndpointUri.parse(uri));
      assertThat(error).as(uri).isNotNull();
      assertThat(error.getMessage()).as(uri).doesNotContain("Sup3rS3cret").contains("****");
    }
  }

  @Test
  void redactsPasswordsAndSecretParameters() {
    assertThat(EndpointUri.redact("postgresql://u:p%40ss@h:5432/db?sslmode=require"))
        .isEqualTo("postgresql://u:****@h:5432/db?sslmode=require");
    assertThat(EndpointUri.redact("kafka://k1?SaslUsername=a@b&SaslPassword=x&AuthPassword="))
        .isEqualTo("kafka://k1?SaslUsername=a@b&SaslPassword=****&AuthPassword=****");
    assertThat(EndpointUri.redact("mysql://root@h/db")).isEqualTo("mysql://root@h/db");
    assertThat(EndpointUri.redact("u:pw@h")).isEqualTo("u:****@h");
    assertThat(EndpointUri.redact(null)).isEqualTo("null");
  }

  @Test
  void unknownSchemesListTheKnownOnes() {
    OpenDmsException error =
        catchThrowableOfType(OpenDmsException.class, () -> EndpointUri.parse("oracle://h/db"));

    assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_ENGINE);
    assertThat(error.getMessage())
        .contains("unknown scheme 'oracle'; known: postgresql, postgres, mysql, mariadb, redis,"
            + " rediss, opensearch, kafka, s3, kinesis, dynamodb");
  }

  @Test
  void kafkaTakesAListOfBrokers() {
    EndpointConfig config =
        EndpointUri.parse("kafka://k1:9093,[::1],k3?topic=orders&MessageFormat=json-unformatted");

    assertThat(config.engine()).isEqualTo("kafka");
    assertThat(config.host()).isEqualTo("k1");
    assertThat(config.port()).isEqualTo(9093);
    assertThat(config.sslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(config.settings())
        .containsEntry("Broker", "k1:9093,[::1]:9092,k3:9092")
        .containsEntry("topic", "orders")
        .containsEntry("MessageFormat", "json-unformatted");
    assertThat(invalid("kafka://k1,,k2").getMessage()).contains("host is missing");
    assertThat(invalid("kafka://k1?Broker=k2").getMessage())
        .contains("query parameter Broker repeats the brokers in the URI");
  }

  @Test
  void s3TakesBucketAndFolderAndAnOptionalEndpoint() {
    EndpointConfig local =
        EndpointUri.parse("s3://landing/raw/sales?endpoint=http://127.0.0.1:9000&DataFormat=csv");
    EndpointConfig aws = EndpointUri.parse("s3://landing");

    assertThat(local.engine()).isEqualTo("s3");
    assertThat(local.host()).isEqualTo("127.0.0.1");
    assertThat(local.port()).isEqualTo(9000);
    assertThat(local.sslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(local.settings())
        .containsEntry("BucketName", "landing")
        .containsEntry("BucketFolder", "raw/sales")
        .containsEntry("endpoint", "http://127.0.0.1:9000")
        .containsEntry("DataFormat", "csv");
    assertThat(aws.host()).isEmpty();
    assertThat(aws.port()).isEqualTo(443);
    assertThat(aws.sslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(aws.settings()).containsOnlyKeys("BucketName");
    assertThat(invalid("s3://b?sslmode=require").getMessage())
        .contains("sslmode does not apply to s3 URIs");
    assertThat(invalid("s3://b?endpoint=ftp://x").getMessage())
        .contains("endpoint 'ftp://x' is not an http:// or https:// URL");
  }

  @Test
  void otherAwsServicesAndHostOnlyEngines() {
    EndpointConfig kinesis = EndpointUri.parse("kinesis://events?endpoint=https://localhost:4566");
    EndpointConfig dynamodb = EndpointUri.parse("dynamodb://?endpoint=http://localhost:8000");
    EndpointConfig redis = EndpointUri.parse("rediss://:tok@cache:6380/2");
    EndpointConfig opensearch = EndpointUri.parse("opensearch://search");

    assertThat(kinesis.settings()).containsEntry("StreamName", "events");
    assertThat(kinesis.port()).isEqualTo(4566);
    assertThat(kinesis.sslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(dynamodb.host()).isEqualTo("localhost");
    assertThat(dynamodb.port()).isEqualTo(8000);
    assertThat(redis.engine()).isEqualTo("redis");
    assertThat(redis.password()).isEqualTo("tok");
    assertThat(redis.database()).isEqualTo("2");
    assertThat(redis.sslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(opensearch.port()).isEqualTo(9200);
    assertThat(invalid("dynamodb://somewhere").getMessage()).contains("dynamodb URIs have no host");
    assertThat(invalid("opensearch://search/index").getMessage())
        .contains("opensearch URIs take no path");
  }

  @Test
  void sslmodeIsReadWhateverItsCase() {
    assertThat(EndpointUri.parse("postgresql://h/db?SslMode=none").sslMode())
        .isEqualTo(SslMode.DISABLE);
    assertThat(EndpointUri.parse("postgresql://h/db?SslMode=none").settings()).isEmpty();
  }

  private static OpenDmsException invalid(String uri) {
    OpenDmsException error =
        catchThrowableOfType(OpenDmsException.class, () -> EndpointUri.parse(uri));
    assertThat(error).as(uri).isNotNull();
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    return error;
  }
}
