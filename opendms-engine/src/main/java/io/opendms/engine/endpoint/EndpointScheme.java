package io.opendms.engine.endpoint;

import io.opendms.spi.endpoint.SslMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The URI schemes the command line takes, and what each one's parts mean. */
enum EndpointScheme {
  POSTGRESQL("postgresql", "postgres", 5432, Layout.DATABASE, SslMode.PREFER),
  POSTGRES("postgres", "postgres", 5432, Layout.DATABASE, SslMode.PREFER),
  MYSQL("mysql", "mysql", 3306, Layout.DATABASE, SslMode.PREFER),
  MARIADB("mariadb", "mariadb", 3306, Layout.DATABASE, SslMode.PREFER),
  REDIS("redis", "redis", 6379, Layout.DATABASE, SslMode.DISABLE),
  /** The redis-cli convention for TLS. */
  REDISS("rediss", "redis", 6379, Layout.DATABASE, SslMode.REQUIRE),
  OPENSEARCH("opensearch", "opensearch", 9200, Layout.HOST, SslMode.DISABLE),
  KAFKA("kafka", "kafka", 9092, Layout.BROKERS, SslMode.DISABLE),
  S3("s3", "s3", 443, Layout.BUCKET, SslMode.REQUIRE),
  KINESIS("kinesis", "kinesis", 443, Layout.STREAM, SslMode.REQUIRE),
  DYNAMODB("dynamodb", "dynamodb", 443, Layout.SERVICE, SslMode.REQUIRE);

  /** What the authority and the path of a URI of this scheme hold. */
  enum Layout {
    /** host:port and /database. */
    DATABASE,
    /** host:port, no path. */
    HOST,
    /** host:port[,host:port...], no path; the list also becomes the {@code Broker} setting. */
    BROKERS,
    /** An AWS service: bucket name and /folder prefix; host and port come from ?endpoint=. */
    BUCKET,
    /** An AWS service: stream name; host and port come from ?endpoint=. */
    STREAM,
    /** An AWS service: empty authority; host and port come from ?endpoint=. */
    SERVICE;

    boolean isAwsService() {
      return this == BUCKET || this == STREAM || this == SERVICE;
    }
  }

  private final String scheme;
  private final String engine;
  private final int defaultPort;
  private final Layout layout;
  private final SslMode defaultSslMode;

  EndpointScheme(
      String scheme, String engine, int defaultPort, Layout layout, SslMode defaultSslMode) {
    this.scheme = scheme;
    this.engine = engine;
    this.defaultPort = defaultPort;
    this.layout = layout;
    this.defaultSslMode = defaultSslMode;
  }

  /** Scheme names are case-insensitive (RFC 3986). */
  static Optional<EndpointScheme> of(String scheme) {
    String wanted = scheme.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.scheme.equals(wanted)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(s -> s.scheme).toList();
  }

  String scheme() {
    return scheme;
  }

  String engine() {
    return engine;
  }

  int defaultPort() {
    return defaultPort;
  }

  Layout layout() {
    return layout;
  }

  SslMode defaultSslMode() {
    return defaultSslMode;
  }
}
