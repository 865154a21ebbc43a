package io.opendms.connector.dynamodb;

import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;

/**
 * DMS's {@code DynamoDbSettings} (only {@code ServiceAccessRoleArn}: the layout comes from
 * object-mapping rules), plus what a DynamoDB-compatible service needs that DMS takes from its
 * role ({@code endpoint}, {@code Region}, the access key). Without {@code endpoint}, the
 * endpoint's ServerName and Port name the service (as the API's create-endpoint gives them).
 */
record DynamoDbSettings(String endpoint, String region, String accessKeyId,
    String secretAccessKey) {

  static final Setting<String> SERVICE_ACCESS_ROLE_ARN = Setting.of("ServiceAccessRoleArn", text(),
      "", "Accepted and ignored: credentials come from AccessKeyId or the SDK's default chain.");
  static final Setting<String> ENDPOINT = Setting.of("endpoint", text(), "",
      "Not in DMS: the URL of a DynamoDB-compatible service (dynalite, DynamoDB Local).");
  static final Setting<String> REGION = Setting.of("Region", text(), "us-east-1",
      "Not in DMS: the region of the tables.");
  static final Setting<String> ACCESS_KEY_ID = Setting.of("AccessKeyId", text(), "",
      "Not in DMS: access key; empty uses the endpoint's Username or the SDK's default chain.");
  static final Setting<String> SECRET_ACCESS_KEY = Setting.secret("SecretAccessKey", text(),
      "Not in DMS: secret key with AccessKeyId.");

  static final SettingGroup GROUP = new SettingGroup("DynamoDbSettings", List.of(
      SERVICE_ACCESS_ROLE_ARN, ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY));

  /** Reads the endpoint's settings; throws naming every bad field. */
  static DynamoDbSettings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String accessKeyId = values.get(ACCESS_KEY_ID).isEmpty() ? endpoint.username()
        : values.get(ACCESS_KEY_ID);
    String secret = values.get(SECRET_ACCESS_KEY) == null ? endpoint.password()
        : values.get(SECRET_ACCESS_KEY);
    if (accessKeyId.isEmpty() != secret.isEmpty()) {
      throw invalid(endpoint, "DynamoDbSettings.AccessKeyId and SecretAccessKey go together");
    }
    String url = values.get(ENDPOINT);
    if (url.isEmpty() && !endpoint.host().isEmpty()) {
      url = (endpoint.sslMode() == SslMode.DISABLE ? "http" : "https") + "://" + endpoint.host()
          + ":" + endpoint.port();
    }
    return new DynamoDbSettings(url, values.get(REGION), accessKeyId, secret);
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid DynamoDbSettings for " + endpoint.describe() + ": " + problems);
  }

  /** Where the tables are, for messages. */
  String where() {
    return endpoint.isEmpty() ? "DynamoDB in AWS region " + region : "DynamoDB at " + endpoint;
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "DynamoDbSettings[endpoint=" + endpoint + ", region=" + region + "]";
  }
}
