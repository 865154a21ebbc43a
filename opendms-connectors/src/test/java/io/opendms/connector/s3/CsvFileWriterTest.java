package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileWriterTest {
  @TempDir Path dir;

  private static S3Settings settings(Map<String, String> given) {
    var all = new java.util.HashMap<>(given);
    all.put("BucketName", "b");
    return S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "", SslMode.REQUIRE, all));
  }

  @Test
  void writesDmsCsvWithOpHeaderQuotingNullsAndTimestamps() throws Exception {
    S3Settings settings = settings(Map.of("AddColumnName", "true", "CsvNullValue", "NULL",
        "TimestampColumnName", "ts"));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("note", DataType.of(DmsType.WSTRING), true, "text"),
        new Column("amount", DataType.numeric(10, 2), true, "numeric(10,2)"),
        new Column("at", DataType.datetime(6), true, "timestamptz"),
        new Column("raw", DataType.of(DmsType.BYTES), true, "bytea"));
    Path file = dir.resolve("f.csv");
    var writer = new CsvFileWriter(Files.newOutputStream(file), settings, columns, true, true);

    writer.write("U", new Object[] {1, "a, \"b\"\nc", new BigDecimal("1.50"),
        Instant.parse("2026-01-02T03:04:05.000007Z"), new byte[] {0x0A}}, "2026-01-02 03:04:05");
    writer.write("D", new Object[] {2, null, null, LocalDateTime.parse("2026-01-02T03:04:05"), null}, "x");
    writer.finish();

    assertThat(Files.readString(file)).isEqualTo("Op,id,note,amount,at,raw,ts\n"
        + "U,1,\"a, \"\"b\"\"\nc\",1.50,2026-01-02 03:04:05.000007,0A,2026-01-02 03:04:05\n"
        + "D,2,NULL,NULL,2026-01-02 03:04:05,NULL,x\n");
    assertThat(writer.rows()).isEqualTo(2);
    assertThat(writer.bytes()).isEqualTo(Files.size(file));
  }

  @Test
  void withoutRfc4180ValuesAreNotQuotedAndUnsentValuesTakeCsvNoSupValue() throws Exception {
    S3Settings settings = settings(Map.of("Rfc4180", "false", "UseCsvNoSupValue", "true",
        "CsvNoSupValue", "-unchanged-"));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT4), false, "integer"),
        new Column("note", DataType.of(DmsType.WSTRING), true, "text"),
        new Column("doc", DataType.of(DmsType.NCLOB), true, "text"));
    Path file = dir.resolve("g.csv");
    var writer = new CsvFileWriter(Files.newOutputStream(file), settings, columns, true, false);
    writer.write("U", new Object[] {1, "say \"hi\"", CsvFileWriter.NOT_SENT}, null);
    writer.finish();

    assertThat(Files.readString(file)).isEqualTo("U,1,say \"hi\",-unchanged-\n");
  }
}
