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
