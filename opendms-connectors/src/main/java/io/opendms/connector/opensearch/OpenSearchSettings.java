package io.opendms.connector.opensearch;

import static io.opendms.spi.settings.ValueTypes.bool;
import static io.opendms.spi.settings.ValueTypes.integer;
import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * DMS's {@code ElasticsearchSettings}, each field declared once, plus the user and password of
 * the endpoint (HTTP basic authentication, for a cluster with the security plugin).
 *
 * @param endpoint the cluster's base URL
 * @param username the basic-auth user; empty for none
 * @param password the basic-auth password; never printed
 * @param fullLoadErrorPercentage the share of a table's rows that may fail in a full load
 * @param errorRetryDuration how long refused or unanswered requests are sent again
 */
record OpenSearchSettings(URI endpoint, String username, String password,
    int fullLoadErrorPercentage, Duration errorRetryDuration) {

  static final Setting<String> ENDPOINT_URI = Setting.of("EndpointUri", text(), null,
      "The cluster's URL; https:// is assumed when it has no scheme. When not given, the"
          + " endpoint's ServerName and Port (http when SslMode is none).");
  static final Setting<Integer> FULL_LOAD_ERROR_PERCENTAGE = Setting.of("FullLoadErrorPercentage",
      integer(0, 100), 10,
      "Stop a table's full load when more than this percentage of its rows were refused,"
          + " counted once 1,000 rows were sent.");
  static final Setting<Integer> ERROR_RETRY_DURATION = Setting.of("ErrorRetryDuration",
      integer(0, Integer.MAX_VALUE), 300,
      "Seconds during which requests the cluster did not answer or refused as overloaded (429,"
          + " 5xx) are sent again before the task fails.");
  static final Setting<Boolean> USE_NEW_MAPPING_TYPE = Setting.of("UseNewMappingType", bool(),
      false, "Accepted: OpenSearch has no mapping types, every document is a _doc.");
  static final Setting<String> SERVICE_ACCESS_ROLE_ARN = Setting.of("ServiceAccessRoleArn", text(),
      "", "Accepted and ignored: requests are signed with the endpoint's user and password, if any.");

  static final SettingGroup GROUP = new SettingGroup("ElasticsearchSettings", List.of(
      SERVICE_ACCESS_ROLE_ARN, ENDPOINT_URI, FULL_LOAD_ERROR_PERCENTAGE, ERROR_RETRY_DURATION,
      USE_NEW_MAPPING_TYPE));

  OpenSearchSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(errorRetryDuration, "errorRetryDuration");
  }

  /** Reads the endpoint's settings; throws naming every bad field. */
  static OpenSearchSettings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String uri = values.get(ENDPOINT_URI);
    if (uri == null || uri.isBlank()) {
      if (endpoint.host().isBlank()) {
        throw invalid(endpoint, "ElasticsearchSettings.EndpointUri is required");
      }
      uri = (endpoint.sslMode() == SslMode.DISABLE ? "http" : "https") + "://" + endpoint.host()
          + ":" + endpoint.port();
    }
    return new OpenSearchSettings(endpointUri(endpoint, uri.trim()), endpoint.username(),
        endpoint.password(), values.get(FULL_LOAD_ERROR_PERCENTAGE),
        Duration.ofSeconds(values.get(ERROR_RETRY_DURATION)));
  }

  private static URI endpointUri(EndpointConfig endpoint, String text) {
    // DMS assumes https when the scheme is missing
    String withScheme = text.contains("://") ? text : "https://" + text;
    URI uri;
    try {
      uri = new URI(withScheme.endsWith("/") ? withScheme : withScheme + "/");
    } catch (URISyntaxException e) {
      throw invalid(endpoint, "ElasticsearchSettings.EndpointUri is not a URL: " + e.getMessage());
    }
    if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
      throw invalid(endpoint, "ElasticsearchSettings.EndpointUri must be http:// or https://, got "
          + uri.getScheme() + "://");
    }
    if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null) {
      throw invalid(endpoint, "ElasticsearchSettings.EndpointUri must be scheme://host[:port][/path]"
          + " without user or query, got " + uri.getScheme() + "://" + uri.getRawAuthority());
    }
    return uri;
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid ElasticsearchSettings for " + endpoint.describe() + ": " + problems);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "OpenSearchSettings[" + endpoint + ", user=" + username + ", fullLoadErrorPercentage="
        + fullLoadErrorPercentage + ", errorRetryDuration=" + errorRetryDuration + "]";
  }
}
