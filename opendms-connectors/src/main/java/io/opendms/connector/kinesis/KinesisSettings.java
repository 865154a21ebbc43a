package io.opendms.connector.kinesis;

import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.stream.EnvelopeSettings;
import io.opendms.spi.stream.StreamEnvelope;
import java.util.List;

/**
 * DMS's {@code KinesisSettings}, each field declared once, plus what a Kinesis-compatible service
 * needs that DMS takes from its role ({@code endpoint}, {@code Region}, the access key).
 */
record KinesisSettings(String stream, StreamEnvelope.Options envelope, String endpoint,
    String region, String accessKeyId, String secretAccessKey) {

  static final Setting<String> STREAM_ARN = Setting.of("StreamArn", text(), null,
      "ARN of the stream (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME); its region is used.");
  static final Setting<String> STREAM_NAME = Setting.of("StreamName", text(), null,
      "Not in DMS: the stream's name, as kinesis://NAME gives it, instead of StreamArn.");
  static final Setting<String> SERVICE_ACCESS_ROLE_ARN = Setting.of("ServiceAccessRoleArn", text(),
      "", "Accepted and ignored: credentials come from AccessKeyId or the SDK's default chain.");
  static final Setting<String> ENDPOINT = Setting.of("endpoint", text(), "",
      "Not in DMS: the URL of a Kinesis-compatible service.");
  static final Setting<String> REGION = Setting.of("Region", text(), null,
      "Not in DMS: the region when StreamArn does not give one (default us-east-1).");
  static final Setting<String> ACCESS_KEY_ID = Setting.of("AccessKeyId", text(), "",
      "Not in DMS: access key; empty uses the SDK's default credential chain.");
  static final Setting<String> SECRET_ACCESS_KEY = Setting.secret("SecretAccessKey", text(),
      "Not in DMS: secret key with AccessKeyId.");

  static final SettingGroup GROUP = new SettingGroup("KinesisSettings", settings());

  private static List<Setting<?>> settings() {
    var settings = new java.util.ArrayList<Setting<?>>(List.of(STREAM_ARN, STREAM_NAME));
    settings.addAll(EnvelopeSettings.ALL);
    settings.addAll(List.of(SERVICE_ACCESS_ROLE_ARN, ENDPOINT, REGION, ACCESS_KEY_ID,
        SECRET_ACCESS_KEY));
    return settings;
  }

  /** Reads the endpoint's settings; throws naming every bad field. */
  static KinesisSettings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String arn = values.get(STREAM_ARN);
    String stream = values.get(STREAM_NAME);
    String region = values.get(REGION);
    if (arn != null && !arn.isBlank()) {
      String[] parts = arn.split(":", 6);
      if (parts.length != 6 || !parts[0].equals("arn") || !parts[5].startsWith("stream/")) {
        throw invalid(endpoint, "KinesisSettings.StreamArn must look like"
            + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, got " + arn);
      }
      stream = parts[5].substring("stream/".length());
      if (region == null && !parts[3].isEmpty()) {
        region = parts[3];
      }
    }
    if (stream == null || stream.isBlank()) {
      throw invalid(endpoint, "KinesisSettings.StreamArn is required");
    }
    String accessKeyId = values.get(ACCESS_KEY_ID).isEmpty() ? endpoint.username()
        : values.get(ACCESS_KEY_ID);
    String secret = values.get(SECRET_ACCESS_KEY) == null ? endpoint.password()
        : values.get(SECRET_ACCESS_KEY);
    if (accessKeyId.isEmpty() != secret.isEmpty()) {
      throw invalid(endpoint, "KinesisSettings.AccessKeyId and SecretAccessKey go together");
    }
    String url = values.get(ENDPOINT);
    if (url.isEmpty() && !endpoint.host().isEmpty()) {
      url = (endpoint.sslMode() == SslMode.DISABLE ? "http" : "https") + "://" + endpoint.host()
          + ":" + endpoint.port();
    }
    return new KinesisSettings(stream, EnvelopeSettings.options(values), url, region == null ? "us-east-1" : region,
        accessKeyId, secret);
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid KinesisSettings for " + endpoint.describe() + ": " + problems);
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "KinesisSettings[stream=" + stream + ", endpoint=" + endpoint + ", region=" + region
        + "]";
  }
}
