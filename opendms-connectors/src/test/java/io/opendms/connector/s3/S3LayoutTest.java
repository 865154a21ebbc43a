package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3LayoutTest {
  private static final TableId ORDERS = new TableId("sales", "orders");

  private static S3Settings settings(Map<String, String> given) {
    var all = new HashMap<>(given);
    all.putIfAbsent("BucketName", "landing");
    return S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "", SslMode.REQUIRE, all));
  }

  @Test
  void fullLoadFilesCountInUpperCaseHexUnderSchemaAndTable() {
    var layout = new S3Layout(settings(Map.of("BucketFolder", "/raw/")));

    assertThat(layout.loadKey(ORDERS, 1)).isEqualTo("raw/sales/orders/LOAD00000001.csv");
    assertThat(layout.loadKey(ORDERS, 10)).isEqualTo("raw/sales/orders/LOAD0000000A.csv");
    assertThat(S3Layout.loadNumber("raw/sales/orders/LOAD0000000A.csv")).isEqualTo(10);
    assertThat(S3Layout.loadNumber("raw/sales/orders/20261130-0644121230.csv")).isZero();
    assertThat(new S3Layout(settings(Map.of("CompressionType", "GZIP"))).loadKey(ORDERS, 2))
        .isEqualTo("sales/orders/LOAD00000002.csv.gz");
    assertThat(new S3Layout(settings(Map.of("DataFormat", "parquet"))).loadKey(ORDERS, 2))
        .isEqualTo("sales/orders/LOAD00000002.parquet");
  }

  @Test
  void cdcFilesAreNamedByWriteTimeUnderTheCommitDateFolders() {
    var layout = new S3Layout(settings(Map.of("DatePartitionEnabled", "true",
        "DatePartitionSequence", "DDMMYYYY", "DatePartitionDelimiter", "DASH")));

    assertThat(layout.cdcKey(ORDERS, Instant.parse("2026-11-30T06:44:12.123Z"),
        Instant.parse("2026-11-29T23:59:59Z"), 3))
        .isEqualTo("sales/orders/29-11-2026/20261130-0644121233.csv");
    assertThat(new DatePartitioning("YYYYMMDDHH", "SLASH").folder(Instant.parse("2026-01-02T03:00:00Z")))
        .isEqualTo("2026/01/02/03");
  }

  @Test
  void cdcPathHoldsTheCdcFilesAndPreserveTransactionsOneCsvStream() {
    Instant written = Instant.parse("2026-11-30T06:44:12.123Z");
    var perTable = new S3Layout(settings(Map.of("BucketFolder", "raw", "CdcPath", "/changes/")));
    assertThat(perTable.cdcKey(ORDERS, written, written, 0))
        .isEqualTo("raw/changes/sales/orders/20261130-0644121230.csv");
    assertThat(perTable.loadKey(ORDERS, 1)).isEqualTo("raw/sales/orders/LOAD00000001.csv");
    var stream = new S3Layout(settings(Map.of("PreserveTransactions", "true", "CdcPath", "changes",
        "DataFormat", "parquet", "CompressionType", "gzip")));
    assertThat(stream.transactionKey(written, written, 2))
        .isEqualTo("changes/20261130-0644121232.csv.gz");
    assertThat(S3Layout.sequence("changes/20261130-0644121232.csv.gz")).isEqualTo(2);
    assertThatThrownBy(() -> settings(Map.of("PreserveTransactions", "true")))
        .hasMessageContaining("S3Settings.CdcPath is required when PreserveTransactions is true");
  }

  @Test
  void dmsSettingsDocumentsWithEncryptionAndParquetFieldsAreTaken() {
    S3Settings taken = settings(Map.of("EncryptionMode", "SSE_S3", "ParquetVersion", "parquet-2-0",
        "EncodingType", "RLE_DICTIONARY", "DatePartitionEnabled", "true",
        "DatePartitionTimezone", "Asia/Tokyo"));
    assertThat(taken.parquetTuning().version())
        .isEqualTo(org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0);
    assertThat(new S3Layout(taken).cdcKey(ORDERS, Instant.parse("2026-11-30T16:00:00Z"),
        Instant.parse("2026-11-30T16:00:00Z"), 0))
        .as("the commit's date in Tokyo").startsWith("sales/orders/2026/12/01/");
    assertThatThrownBy(() -> settings(Map.of("EncryptionMode", "sse-kms")))
        .hasMessageContaining("S3Settings.EncryptionMode sse-kms is not supported yet");
    assertThatThrownBy(() -> settings(Map.of("DatePartitionTimezone", "Mars/Olympus")))
        .hasMessageContaining("S3Settings.DatePartitionTimezone");
    assertThatThrownBy(() -> settings(Map.of("ParquetVersion", "3")))
        .hasMessageContaining("S3Settings.ParquetVersion");
  }

  @Test
  void badSettingsAreNamedAndExclusiveOnesRefused() {
    assertThatThrownBy(() -> settings(Map.of("DataFormat", "orc", "CdcMaxBatchInterval", "0")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("S3Settings.DataFormat")
        .hasMessageContaining("S3Settings.CdcMaxBatchInterval");
    assertThatThrownBy(() -> settings(Map.of("CdcInsertsOnly", "true", "CdcInsertsAndUpdates", "true")))
        .hasMessageContaining("exclude each other");
    assertThat(settings(Map.of("CdcInsertsOnly", "Y")).cdcOpColumn()).isFalse();
    assertThat(settings(Map.of("CdcInsertsOnly", "Y", "IncludeOpForFullLoad", "true")).cdcOpColumn())
        .isTrue();
  }
}
