package io.opendms.engine.endpoint;

import io.opendms.engine.endpoint.EndpointScheme.Layout;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses one endpoint URI (grammar in {@link EndpointUri}), collecting every problem before
 * reporting. Messages never quote the password. One instance per URI; not thread-safe.
 */
final class EndpointUriParser {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String SSL_MODE = "sslmode";
  /** libpq's name for the file of the CA certificates that verify-ca and verify-full trust. */
  private static final String SSL_ROOT_CERT = "sslrootcert";

  private final String uri;
  private final List<String> problems = new ArrayList<>();

  EndpointUriParser(String uri) {
    this.uri = uri;
  }

  EndpointConfig parse() {
    if (uri == null || uri.isBlank()) {
      throw EndpointUri.error(ErrorCode.INVALID_PARAMETER, String.valueOf(uri), "it is empty");
    }
    EndpointScheme scheme = scheme();
    int start = EndpointUri.authorityStart(uri);
    int at = EndpointUri.userInfoEnd(uri, start);
    String user = "";
    String password = "";
    if (at >= 0) {
      String userInfo = uri.substring(start, at);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1), "password");
      start = at + 1;
    }
    String rest = uri.substring(start);
    int query = rest.indexOf('?');
    String hierarchy = query < 0 ? rest : rest.substring(0, query);
    int slash = hierarchy.indexOf('/');
    // Query problems are listed after those of the host and path, in the order of the URI.
    var queryProblems = new ArrayList<String>();
    var parts =
        new Parts(
            slash < 0 ? hierarchy : hierarchy.substring(0, slash),
            slash < 0 ? "" : hierarchy.substring(slash + 1),
            new QueryParameters(query < 0 ? "" : rest.substring(query + 1), queryProblems));
    EndpointConfig config = build(scheme, parts, user, password);
    problems.addAll(queryProblems);
    if (!problems.isEmpty() || config == null) {
      throw EndpointUri.error(ErrorCode.INVALID_PARAMETER, uri, String.join("; ", problems));
    }
    return config;
  }

  /** The authority, the path after its first '/', and the query of the URI. */
  private record Parts(String authority, String path, QueryParameters query) {}

  private EndpointScheme scheme() {
    int separator = uri.indexOf("://");
    if (separator <= 0) {
      throw EndpointUri.error(ErrorCode.INVALID_PARAMETER, uri,
          "expected scheme://..., for example postgresql://user:password@host:5432/db");
    }
    String name = uri.substring(0, separator);
    return EndpointScheme.of(name)
        .orElseThrow(() -> EndpointUri.error(ErrorCode.UNKNOWN_ENGINE, uri,
            "unknown scheme '" + name + "'; known: " + String.join(", ", EndpointScheme.names())));
  }

  private EndpointConfig build(EndpointScheme scheme, Parts parts, String user, String password) {
    Map<String, String> settings = new LinkedHashMap<>(parts.query().values());
    Optional<String> sslText = QueryParameters.removeIgnoringCase(settings, SSL_MODE);
    SslMode sslMode = sslText.map(this::sslMode).orElse(scheme.defaultSslMode());
    String database = "";
    HostPort server;
    Layout layout = scheme.layout();
    if (layout.isAwsService()) {
      sslText.ifPresent(text -> problems.add(SSL_MODE + " does not apply to " + scheme.scheme()
          + " URIs; the scheme of ?endpoint= decides (http or https)"));
      Optional<String> endpoint = awsEndpoint(settings);
      server = endpoint.map(url -> HostPort.ofUrl(url, problems)).orElse(new HostPort("", 443));
      boolean plainHttp = endpoint.filter(url -> url.regionMatches(true, 0, "http:", 0, 5))
          .isPresent();
      sslMode = plainHttp ? SslMode.DISABLE : SslMode.REQUIRE;
      awsResource(scheme, parts, settings);
    } else if (layout == Layout.BROKERS) {
      server = brokers(parts.authority(), scheme.defaultPort(), settings);
      requireNoPath(scheme, parts.path());
    } else {
      server = HostPort.parse(parts.authority(), scheme.defaultPort(), problems);
      if (layout == Layout.HOST) {
        requireNoPath(scheme, parts.path());
      } else {
        database = database(scheme, parts.path());
      }
    }
    if (server == null) {
      return null;
    }
    String certificate = certificate(settings);
    if (!certificate.isEmpty()
        && (scheme.layout() != Layout.DATABASE || scheme.engine().equals("redis"))) {
      problems.add("CertificateArn and sslrootcert apply to PostgreSQL and MySQL endpoints; "
          + scheme.scheme() + " takes its CA from the settings' SslCaCertificateArn");
    }
    return new EndpointConfig(scheme.engine(), server.host(), server.port(), database, user,
        password, sslMode, settings, certificate);
  }

  /**
   * The endpoint-level {@code CertificateArn}: {@code ?CertificateArn=file:/path}, or libpq's
   * {@code ?sslrootcert=/path}; not both.
   */
  private String certificate(Map<String, String> settings) {
    Optional<String> arn = QueryParameters.removeIgnoringCase(settings,
        CertificateReferences.CERTIFICATE_ARN);
    Optional<String> rootCert = QueryParameters.removeIgnoringCase(settings, SSL_ROOT_CERT);
    if (arn.isPresent() && rootCert.isPresent()) {
      problems.add("give either CertificateArn=file:/path or " + SSL_ROOT_CERT + "=/path, not both");
    }
    return arn.orElse(rootCert.map(path -> path.isBlank() ? ""
        : CertificateReferences.FILE_PREFIX + path).orElse(""));
  }

  private SslMode sslMode(String text) {
    try {
      return SslMode.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(SSL_MODE + ": " + e.getMessage());
      return SslMode.DISABLE;
    }
  }

  private String database(EndpointScheme scheme, String path) {
    if (path.contains("/")) {
      problems.add("database '" + path + "' contains '/'; write it as %2F");
      return "";
    }
    String database = decode(path, "database");
    if (scheme.engine().equals("redis") && !database.isEmpty()
        && !DIGITS.matcher(database).matches()) {
      problems.add("redis database '" + database + "' is not a number");
    }
    return database;
  }

  private HostPort brokers(String authority, int defaultPort, Map<String, String> settings) {
    List<String> brokers = new ArrayList<>();
    HostPort first = null;
    for (String broker : authority.split(",", -1)) {
      HostPort server = HostPort.parse(broker, defaultPort, problems);
      if (server != null) {
        first = first == null ? server : first;
        brokers.add(server.toString());
      }
    }
    putOnce(settings, "Broker", String.join(",", brokers), "the brokers in the URI");
    return first;
  }

  private static Optional<String> awsEndpoint(Map<String, String> settings) {
    return settings.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("endpoint"))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private void awsResource(EndpointScheme scheme, Parts parts, Map<String, String> settings) {
    String name = decode(parts.authority(), scheme == EndpointScheme.S3 ? "bucket" : "stream");
    switch (scheme.layout()) {
      case BUCKET -> {
        if (name.isEmpty()) {
          problems.add("bucket is missing (s3://bucket/folder)");
        }
        putOnce(settings, "BucketName", name, "the bucket in the URI");
        if (!parts.path().isEmpty()) {
          putOnce(settings, "BucketFolder", decode(parts.path(), "folder"), "the URI's path");
        }
      }
      case STREAM -> {
        if (name.isEmpty()) {
          problems.add("stream is missing (kinesis://stream)");
        }
        putOnce(settings, "StreamName", name, "the stream in the URI");
        requireNoPath(scheme, parts.path());
      }
      default -> {
        if (!parts.authority().isEmpty()) {
          problems.add(scheme.scheme() + " URIs have no host ('" + parts.authority()
              + "'); give ?endpoint=http://host:port for a local service");
        }
        requireNoPath(scheme, parts.path());
      }
    }
  }

  private void putOnce(Map<String, String> settings, String key, String value, String origin) {
    if (settings.containsKey(key)) {
      problems.add("query parameter " + key + " repeats " + origin);
    } else {
      settings.put(key, value);
    }
  }

  private void requireNoPath(EndpointScheme scheme, String path) {
    if (!path.isEmpty()) {
      problems.add(scheme.scheme() + " URIs take no path, got '/" + path + "'");
    }
  }

  /** The message names the part, never quotes it: it may be the password. */
  private String decode(String text, String part) {
    try {
      return PercentDecoding.decode(text);
    } catch (IllegalArgumentException e) {
      problems.add(part + " has an invalid percent-encoding (write '%' as %25)");
      return "";
    }
  }
}
