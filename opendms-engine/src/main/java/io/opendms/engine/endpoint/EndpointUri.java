package io.opendms.engine.endpoint;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint URIs of the command line ({@code opendms migrate --source URI --target URI}), turned
 * into the same {@link EndpointConfig} the API would create.
 *
 * <ul>
 *   <li>{@code postgresql://} or {@code postgres://}, {@code mysql://}, {@code mariadb://}:
 *       {@code user:password@host:port/database}; ports default to 5432 and 3306; a missing
 *       database stays empty and the connector picks its default.
 *   <li>{@code redis://} ({@code rediss://} for TLS): {@code host:port/dbIndex}, port 6379.
 *   <li>{@code opensearch://host:port}, port 9200.
 *   <li>{@code kafka://host:port[,host:port...]}, port 9092 for each broker; host and port are
 *       the first broker's, and the whole list is the {@code Broker} setting.
 *   <li>{@code s3://bucket/folder}: {@code BucketName} and {@code BucketFolder} settings; {@code
 *       kinesis://stream}: {@code StreamName} setting; {@code dynamodb://}. These AWS services
 *       take host and port from {@code ?endpoint=http(s)://host:port} (and TLS from its scheme);
 *       without it the host is empty, meaning "the AWS SDK's regional endpoint", port 443.
 * </ul>
 *
 * <p>User and password are percent-decoded (write {@code @} as {@code %40}, {@code /} as
 * {@code %2F}; a raw {@code @} in the password is tolerated, a raw {@code ?} only when no
 * query parameter follows it). {@code ?sslmode=} takes libpq's names; every other query
 * parameter is copied into {@link EndpointConfig#settings()} with its key as written, for the
 * engine's DMS settings object ({@code ?MessageFormat=json-unformatted}). A {@code +} is kept
 * as is, not read as a space. IPv6 hosts go in brackets and come out without them.
 *
 * <p>Settings that name a certificate or key by ARN in DMS ({@code SslCaCertificateArn}, ...)
 * take {@code file:/path/to/file.pem} here and are replaced by the file's PEM text ({@link
 * CertificateReferences}).
 *
 * <p>Error messages quote the URI {@linkplain #redact redacted}: never the password.
 */
public final class EndpointUri {
  private static final String MASK = "****";

  private EndpointUri() {}

  /**
   * Parses an endpoint URI.
   *
   * @throws OpenDmsException {@link ErrorCode#UNKNOWN_ENGINE} for an unknown scheme, {@link
   *     ErrorCode#INVALID_PARAMETER} listing every other problem, or for a certificate file that
   *     cannot be read
   */
  public static EndpointConfig parse(String uri) {
    return CertificateReferences.resolve(new EndpointUriParser(uri).parse(),
        CertificateReferences::fromFile);
  }

  /**
   * The URI with the password and the values of secret-looking query parameters ({@code
   * SaslPassword}, {@code AuthPassword}, ...) replaced by {@code ****}; safe for logs and
   * messages, also when the URI is malformed.
   */
  public static String redact(String uri) {
    if (uri == null) {
      return "null";
    }
    int start = authorityStart(uri);
    int at = userInfoEnd(uri, start);
    var out = new StringBuilder();
    int rest = 0;
    if (at >= 0) {
      int colon = uri.indexOf(':', start);
      if (colon >= 0 && colon < at) {
        out.append(uri, 0, colon + 1).append(MASK).append('@');
      } else {
        out.append(uri, 0, at + 1);
      }
      rest = at + 1;
    }
    int query = uri.indexOf('?', rest);
    if (query < 0) {
      return out.append(uri.substring(rest)).toString();
    }
    out.append(uri, rest, query + 1);
    List<String> parameters = new ArrayList<>();
    for (String parameter : uri.substring(query + 1).split("&", -1)) {
      int equals = parameter.indexOf('=');
      String key = equals < 0 ? parameter : parameter.substring(0, equals);
      parameters.add(equals >= 0 && isSecret(key) ? key + "=" + MASK : parameter);
    }
    return out.append(String.join("&", parameters)).toString();
  }

  /** The schemes {@link #parse} knows, in the order they are listed in messages. */
  public static List<String> schemes() {
    return EndpointScheme.names();
  }

  static boolean isSecret(String key) {
    return EndpointConfig.isSecretSetting(key);
  }

  static int authorityStart(String uri) {
    int separator = uri.indexOf("://");
    return separator < 0 ? 0 : separator + 3;
  }

  /**
   * Where the user info ends: the last {@code @} before the query. When there is none there, an
   * {@code @} after a {@code ?} that is not inside a {@code key=value} means the password holds
   * a raw {@code ?}; the parser and {@link #redact} agree on this so a password never leaks.
   *
   * @return the index of the {@code @}, or -1 when there is no user info
   */
  static int userInfoEnd(String uri, int start) {
    int query = uri.indexOf('?', start);
    int limit = query < 0 ? uri.length() : query;
    int at = uri.lastIndexOf('@', limit - 1);
    if (at >= start) {
      return at;
    }
    if (query >= 0) {
      int later = uri.indexOf('@', query);
      if (later >= 0 && uri.substring(query, later).indexOf('=') < 0) {
        return later;
      }
    }
    return -1;
  }

  static OpenDmsException error(ErrorCode code, String uri, String detail) {
    return new OpenDmsException(code, "endpoint URI '" + redact(uri) + "': " + detail);
  }
}
