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

  @Test
  void valuesKeepTheirTextOnTheFastPathAndTheSlowOne() throws Exception {
    List<Column> columns = List.of(new Column("n", DataType.of(DmsType.INT8), true, "bigint"),
        new Column("s", DataType.of(DmsType.WSTRING), true, "text"),
        new Column("t", DataType.datetime(6), true, "timestamptz"),
        new Column("l", DataType.datetime(6), true, "timestamp"),
        new Column("b", DataType.of(DmsType.BOOLEAN), true, "boolean"));
    Object[] row = {Long.MIN_VALUE, "Grüße, \"x\"", Instant.parse("0000-01-01T00:00:00.000000500Z"),
        LocalDateTime.parse("9999-12-31T23:59:59.999999"), true};
    Object[] wide = {-42L, "plain", Instant.parse("+10000-01-01T00:00:00Z"),
        LocalDateTime.parse("-0044-03-15T12:00:00.5"), false};
    Object[] dots = {7L, "1.5", Instant.parse("2026-01-02T03:04:05Z"),
        LocalDateTime.parse("1969-12-31T23:59:59.123456"), null};

    assertThat(written(settings(Map.of()), columns, row, wide, dots)).isEqualTo(
        "-9223372036854775808,\"Grüße, \"\"x\"\"\",0000-01-01 00:00:00.000000,"
            + "9999-12-31 23:59:59.999999,true\n"
            + "-42,plain,+10000-01-01 00:00:00,-0044-03-15 12:00:00.500000,false\n"
            + "7,1.5,2026-01-02 03:04:05,1969-12-31 23:59:59.123456,\n");
    // a delimiter that numbers and timestamps may hold: quoted when they do
    assertThat(written(settings(Map.of("CsvDelimiter", ".", "CsvRowDelimiter", "|")), columns,
        dots)).isEqualTo("7.\"1.5\".2026-01-02 03:04:05.\"1969-12-31 23:59:59.123456\".|");
    assertThat(written(settings(Map.of("CsvDelimiter", "::")), columns, new Object[] {
        -1L, "a:b", null, null, true})).isEqualTo("-1::a:b::::::true\n");
  }

  private String written(S3Settings settings, List<Column> columns, Object[]... rows)
      throws Exception {
    Path file = Files.createTempFile(dir, "w", ".csv");
    var writer = new CsvFileWriter(Files.newOutputStream(file), settings, columns, false, false);
    for (Object[] row : rows) {
      writer.write(null, row, null);
    }
    writer.finish();
    assertThat(writer.bytes()).isEqualTo(Files.size(file));
    return Files.readString(file);
  }
}
