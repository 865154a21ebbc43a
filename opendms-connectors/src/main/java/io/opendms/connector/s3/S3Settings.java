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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
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
    String secretAccessKey, boolean preserveTransactions, String cdcPath, boolean rfc4180,
    String noSupValue, ParquetTuning parquetTuning) {

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
  static final Setting<Boolean> PRESERVE_TRANSACTIONS = Setting.of("PreserveTransactions",
      bool(), false, "Write the changes of all tables into one stream of CSV files under CdcPath,"
          + " in source commit order, never splitting a transaction across files.");
  static final Setting<String> CDC_PATH = Setting.of("CdcPath", text(), "",
      "Folder of the CDC files under BucketFolder; required with PreserveTransactions. Without"
          + " it, CDC files go to BucketFolder/CdcPath/schema/table/.");
  static final Setting<Boolean> RFC_4180 = Setting.of("Rfc4180", bool(), true,
      "Quote CSV values holding a delimiter, quote or line break (RFC 4180); false writes them"
          + " as they are.");
  static final Setting<String> DATE_PARTITION_TIMEZONE = Setting.of("DatePartitionTimezone",
      text(), "", "Time zone (Area/Location) of the date folders; empty: UTC.");
  static final Setting<Boolean> USE_CSV_NO_SUP_VALUE = Setting.of("UseCsvNoSupValue", bool(),
      false, "Write CsvNoSupValue, not NULL, for columns whose value the source did not send"
          + " (PostgreSQL TOAST values an update left unchanged).");
  static final Setting<String> CSV_NO_SUP_VALUE = Setting.of("CsvNoSupValue", text(), null,
      "With UseCsvNoSupValue, the text of values the source did not send.");
  static final Setting<String> ENCRYPTION_MODE = Setting.of("EncryptionMode", text(), "sse-s3",
      "sse-s3: objects as the bucket encrypts them (S3 encrypts every new object with SSE-S3);"
          + " sse-kms is not supported yet.");
  static final Setting<String> SERVER_SIDE_ENCRYPTION_KMS_KEY_ID = Setting.of(
      "ServerSideEncryptionKmsKeyId", text(), "", "The KMS key of sse-kms (not supported yet).");
  static final Setting<Integer> ROW_GROUP_LENGTH = Setting.of("RowGroupLength",
      integer(1, Integer.MAX_VALUE), 10_000, "Rows per Parquet row group.");
  static final Setting<Integer> DATA_PAGE_SIZE = Setting.of("DataPageSize",
      integer(1, Integer.MAX_VALUE), 1_048_576, "Bytes per Parquet data page.");
  static final Setting<Integer> DICT_PAGE_SIZE_LIMIT = Setting.of("DictPageSizeLimit",
      integer(1, Integer.MAX_VALUE), 1_048_576,
      "Bytes of a Parquet dictionary page before a column falls back to plain encoding.");
  static final Setting<String> PARQUET_VERSION = Setting.of("ParquetVersion", text(),
      "parquet-1-0", "parquet-1-0 or parquet-2-0.");
  static final Setting<String> ENCODING_TYPE = Setting.of("EncodingType", text(),
      "rle-dictionary", "plain, plain-dictionary or rle-dictionary (Parquet).");
  static final Setting<Boolean> ENABLE_STATISTICS = Setting.of("EnableStatistics", bool(), true,
      "Write column statistics into Parquet files.");
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
      PRESERVE_TRANSACTIONS, CDC_PATH, RFC_4180, DATE_PARTITION_TIMEZONE, USE_CSV_NO_SUP_VALUE,
      CSV_NO_SUP_VALUE, ENCRYPTION_MODE, SERVER_SIDE_ENCRYPTION_KMS_KEY_ID, ROW_GROUP_LENGTH,
      DATA_PAGE_SIZE, DICT_PAGE_SIZE_LIMIT, PARQUET_VERSION, ENCODING_TYPE, ENABLE_STATISTICS,
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
    String cdcPath = values.get(CDC_PATH).replaceAll("^/+|/+$", "");
    if (values.get(PRESERVE_TRANSACTIONS) && cdcPath.isEmpty()) {
      throw invalid(endpoint, "S3Settings.CdcPath is required when PreserveTransactions is true");
    }
    // the API spells these lower case with hyphens, extra connection attributes upper case
    String encryption = enumValue(values.get(ENCRYPTION_MODE));
    if (encryption.equals("sse-kms")) {
      throw invalid(endpoint, "S3Settings.EncryptionMode sse-kms is not supported yet (sse-s3 is)");
    } else if (!encryption.equals("sse-s3")) {
      throw invalid(endpoint, "S3Settings.EncryptionMode must be sse-s3 or sse-kms, not "
          + values.get(ENCRYPTION_MODE));
    }
    ZoneId zone = ZoneOffset.UTC;
    if (!values.get(DATE_PARTITION_TIMEZONE).isBlank()) {
      try {
        zone = ZoneId.of(values.get(DATE_PARTITION_TIMEZONE).trim());
      } catch (java.time.DateTimeException e) {
        throw invalid(endpoint, "S3Settings.DatePartitionTimezone: " + e.getMessage());
      }
    }
    ParquetTuning tuning = parquetTuning(endpoint, values);
    String noSup = values.get(USE_CSV_NO_SUP_VALUE) ? values.get(CSV_NO_SUP_VALUE) : null;
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
            values.get(DATE_PARTITION_SEQUENCE), values.get(DATE_PARTITION_DELIMITER), zone) : null,
        Duration.ofSeconds(values.get(CDC_MAX_BATCH_INTERVAL)),
        values.get(CDC_MIN_FILE_SIZE) * 1024L, values.get(MAX_FILE_SIZE) * 1024L,
        url, values.get(REGION), accessKeyId, secret, values.get(PRESERVE_TRANSACTIONS), cdcPath,
        values.get(RFC_4180), noSup, tuning);
  }

  /**
   * DMS: with {@code IncludeOpForFullLoad} false, CDC files of an inserts-only or
   * inserts-and-updates task leave the Op column out too.
   */
  boolean cdcOpColumn() {
    return includeOpForFullLoad || !(insertsOnly || insertsAndUpdates);
  }

  private static ParquetTuning parquetTuning(EndpointConfig endpoint, SettingValues values) {
    String version = enumValue(values.get(PARQUET_VERSION));
    String encoding = enumValue(values.get(ENCODING_TYPE));
    if (!version.equals("parquet-1-0") && !version.equals("parquet-2-0")) {
      throw invalid(endpoint, "S3Settings.ParquetVersion must be parquet-1-0 or parquet-2-0, not "
          + values.get(PARQUET_VERSION));
    }
    if (!List.of("plain", "plain-dictionary", "rle-dictionary").contains(encoding)) {
      throw invalid(endpoint, "S3Settings.EncodingType must be plain, plain-dictionary or"
          + " rle-dictionary, not " + values.get(ENCODING_TYPE));
    }
    return new ParquetTuning(values.get(ROW_GROUP_LENGTH), values.get(DATA_PAGE_SIZE),
        values.get(DICT_PAGE_SIZE_LIMIT), version.equals("parquet-2-0")
            ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0,
        !encoding.equals("plain"), values.get(ENABLE_STATISTICS));
  }

  /** {@code SSE_KMS}, {@code sse-kms} and {@code PARQUET_2_0} as the API spells them. */
  private static String enumValue(String given) {
    return given.trim().toLowerCase(Locale.ROOT).replace('_', '-');
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
