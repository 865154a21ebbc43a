package io.opendms.connector.s3;

import static io.opendms.spi.settings.ValueTypes.bool;
import static io.opendms.spi.settings.ValueTypes.choice;
import static io.opendms.spi.settings.ValueTypes.integer;
import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * DMS's {@code S3Settings} for a target, each field declared once, plus the few this service
 * needs to reach an S3-compatible store ({@code endpoint}, {@code Region}, {@code AccessKeyId},
 * {@code SecretAccessKey}; without keys the AWS SDK's default credential chain applies). Through
 * the DMS API, whose clients accept only DMS's fields, the endpoint's {@code ServerName}/{@code
 * Port} (http when {@code SslMode} is none) and {@code Username}/{@code Password} say the same.
 */
record S3Settings(
    String bucket, String folder, boolean parquet, boolean gzip, String delimiter,
    String rowDelimiter, String nullValue, boolean addColumnName, String timestampColumn,
    boolean includeOpForFullLoad, boolean insertsOnly, boolean insertsAndUpdates,
    DatePartitioning datePartitioning, Duration cdcMaxBatchInterval, long cdcMinFileBytes,
    long maxFileBytes, String endpoint, String region, String accessKeyId,
    String secretAccessKey) {

  static final Setting<String> BUCKET_NAME = Setting.of("BucketName", text(), null,
      "The bucket written to.");
  static final Setting<String> BUCKET_FOLDER = Setting.of("BucketFolder", text(), "",
      "Key prefix; tables go under BucketFolder/schema/table/.");
  static final Setting<String> DATA_FORMAT = Setting.of("DataFormat", choice("csv", "parquet"),
      "csv", "csv or parquet.");
  static final Setting<String> COMPRESSION_TYPE = Setting.of("CompressionType",
      choice("none", "gzip"), "none", "gzip compresses CSV files (.csv.gz) and Parquet pages.");
  static final Setting<String> CSV_DELIMITER = Setting.of("CsvDelimiter", text(), ",",
      "Column delimiter of CSV files.");
  static final Setting<String> CSV_ROW_DELIMITER = Setting.of("CsvRowDelimiter", text(), "\n",
      "Row delimiter of CSV files.");
  static final Setting<String> CSV_NULL_VALUE = Setting.of("CsvNullValue", text(), "",
      "Text written for NULL in CSV files.");
  static final Setting<Boolean> ADD_COLUMN_NAME = Setting.of("AddColumnName", bool(), false,
      "Write a header row of column names into every CSV file.");
  static final Setting<String> TIMESTAMP_COLUMN_NAME = Setting.of("TimestampColumnName", text(),
      "", "Adds a column of this name: load time for the full load, commit time for CDC.");
  static final Setting<Boolean> INCLUDE_OP_FOR_FULL_LOAD = Setting.of("IncludeOpForFullLoad",
      bool(), false, "Write the Op column (I) in full-load files too.");
  static final Setting<Boolean> CDC_INSERTS_ONLY = Setting.of("CdcInsertsOnly", bool(), false,
      "Write only inserts to CDC files.");
  static final Setting<Boolean> CDC_INSERTS_AND_UPDATES = Setting.of("CdcInsertsAndUpdates",
      bool(), false, "Write only inserts and updates to CDC files.");
  static final Setting<Boolean> DATE_PARTITION_ENABLED = Setting.of("DatePartitionEnabled",
      bool(), false, "Put CDC files in date folders after the table folder.");
  static final Setting<String> DATE_PARTITION_SEQUENCE = Setting.of("DatePartitionSequence",
      choice("YYYYMMDD", "YYYYMMDDHH", "YYYYMM", "MMYYYYDD", "DDMMYYYY"), "YYYYMMDD",
      "Order of the date folders.");
  static final Setting<String> DATE_PARTITION_DELIMITER = Setting.of("DatePartitionDelimiter",
      choice("SLASH", "UNDERSCORE", "DASH", "NONE"), "SLASH", "Separator of the date folders.");
  static final Setting<Integer> CDC_MAX_BATCH_INTERVAL = Setting.of("CdcMaxBatchInterval",
      integer(1, 86_400), 60, "Seconds changes are gathered before a CDC file is written.");
  static final Setting<Integer> CDC_MIN_FILE_SIZE = Setting.of("CdcMinFileSize",
      integer(1, 1_048_576), 32_000, "KB a CDC file reaches before it is written early.");
  static final Setting<Integer> MAX_FILE_SIZE = Setting.of("MaxFileSize",
      integer(1, 1_048_576), 1_048_576, "KB at which a full-load file is closed and the next begun.");
  static final Setting<String> SERVICE_ACCESS_ROLE_ARN = Setting.of("ServiceAccessRoleArn", text(),
      "", "Accepted and ignored: credentials come from AccessKeyId or the SDK's default chain.");
  static final Setting<String> ENDPOINT = Setting.of("endpoint", text(), "",
      "Not in DMS: the URL of an S3-compatible store (path-style requests).");
  static final Setting<String> REGION = Setting.of("Region", text(), "us-east-1",
      "Not in DMS: the region the bucket lives in.");
  static final Setting<String> ACCESS_KEY_ID = Setting.of("AccessKeyId", text(), "",
      "Not in DMS: access key; empty uses the SDK's default credential chain.");
  static final Setting<String> SECRET_ACCESS_KEY = Setting.secret("SecretAccessKey", text(),
      "Not in DMS: secret key with AccessKeyId.");

  static final SettingGroup GROUP = new SettingGroup("S3Settings", List.of(BUCKET_NAME,
      BUCKET_FOLDER, DATA_FORMAT, COMPRESSION_TYPE, CSV_DELIMITER, CSV_ROW_DELIMITER,
      CSV_NULL_VALUE, ADD_COLUMN_NAME, TIMESTAMP_COLUMN_NAME, INCLUDE_OP_FOR_FULL_LOAD,
      CDC_INSERTS_ONLY, CDC_INSERTS_AND_UPDATES, DATE_PARTITION_ENABLED, DATE_PARTITION_SEQUENCE,
      DATE_PARTITION_DELIMITER, CDC_MAX_BATCH_INTERVAL, CDC_MIN_FILE_SIZE, MAX_FILE_SIZE,
      SERVICE_ACCESS_ROLE_ARN, ENDPOINT, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY));

  /** Reads the endpoint's settings; throws naming every bad field. */
  static S3Settings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String bucket = values.get(BUCKET_NAME);
    if (bucket == null || bucket.isBlank()) {
      throw invalid(endpoint, "S3Settings.BucketName is required");
    }
    if (values.get(CDC_INSERTS_ONLY) && values.get(CDC_INSERTS_AND_UPDATES)) {
      throw invalid(endpoint, "S3Settings.CdcInsertsOnly and CdcInsertsAndUpdates exclude each other");
    }
    // The API's endpoint members serve an S3-compatible store too: ServerName and Port name it,
    // Username and Password are the access key, as the URI's user info is.
    String accessKeyId = values.get(ACCESS_KEY_ID).isEmpty() ? endpoint.username()
        : values.get(ACCESS_KEY_ID);
    String secret = values.get(SECRET_ACCESS_KEY) == null ? endpoint.password()
        : values.get(SECRET_ACCESS_KEY);
    if (accessKeyId.isEmpty() != secret.isEmpty()) {
      throw invalid(endpoint, "S3Settings.AccessKeyId and SecretAccessKey go together");
    }
    String url = values.get(ENDPOINT);
    if (url.isEmpty() && !endpoint.host().isEmpty()) {
      url = (endpoint.sslMode() == io.opendms.spi.endpoint.SslMode.DISABLE ? "http" : "https")
          + "://" + endpoint.host() + ":" + endpoint.port();
    }
    String folder = values.get(BUCKET_FOLDER).replaceAll("^/+|/+$", "");
    return new S3Settings(bucket, folder, values.get(DATA_FORMAT).equals("parquet"),
        values.get(COMPRESSION_TYPE).equals("gzip"), values.get(CSV_DELIMITER),
        values.get(CSV_ROW_DELIMITER), values.get(CSV_NULL_VALUE), values.get(ADD_COLUMN_NAME),
        values.get(TIMESTAMP_COLUMN_NAME), values.get(INCLUDE_OP_FOR_FULL_LOAD),
        values.get(CDC_INSERTS_ONLY), values.get(CDC_INSERTS_AND_UPDATES),
        values.get(DATE_PARTITION_ENABLED) ? new DatePartitioning(
            values.get(DATE_PARTITION_SEQUENCE), values.get(DATE_PARTITION_DELIMITER)) : null,
        Duration.ofSeconds(values.get(CDC_MAX_BATCH_INTERVAL)),
        values.get(CDC_MIN_FILE_SIZE) * 1024L, values.get(MAX_FILE_SIZE) * 1024L,
        url, values.get(REGION), accessKeyId, secret);
  }

  /**
   * DMS: with {@code IncludeOpForFullLoad} false, CDC files of an inserts-only or
   * inserts-and-updates task leave the Op column out too.
   */
  boolean cdcOpColumn() {
    return includeOpForFullLoad || !(insertsOnly || insertsAndUpdates);
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid S3Settings for " + endpoint.describe() + ": " + problems);
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "S3Settings[bucket=" + bucket + ", folder=" + folder + ", parquet=" + parquet + "]";
  }
}
