package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our Parquet files as DuckDB reads them: its reader is C++ and shares no code with parquet-java,
 * which wrote them, so the logical types (decimal on INT32, INT64 and 16 bytes, timestamps with
 * and without UTC adjustment, dates, times, unsigned integers) and the values must mean to it
 * what they meant to the source. Every layout DMS's settings allow: v1 and v2 pages, dictionary
 * or plain, gzip.
 */
class ParquetDuckDbReadTest {
  private static final List<Column> COLUMNS = List.of(
      new Column("i2", DataType.of(DmsType.INT2), true, "smallint"),
      new Column("i4", DataType.of(DmsType.INT4), true, "integer"),
      new Column("i8", DataType.of(DmsType.INT8), false, "bigint"),
      new Column("u8", DataType.of(DmsType.UINT8), true, "bigint unsigned"),
      new Column("d9", DataType.numeric(9, 3), true, "numeric(9,3)"),
      new Column("d18", DataType.numeric(18, 4), true, "numeric(18,4)"),
      new Column("d38", DataType.numeric(38, 10), true, "numeric(38,10)"),
      new Column("f4", DataType.of(DmsType.REAL4), true, "real"),
      new Column("f8", DataType.of(DmsType.REAL8), true, "double precision"),
      new Column("b", DataType.of(DmsType.BOOLEAN), true, "boolean"),
      new Column("s", DataType.of(DmsType.WSTRING), true, "text"),
      new Column("bin", DataType.of(DmsType.BYTES), true, "bytea"),
      new Column("day", DataType.of(DmsType.DATE), true, "date"),
      new Column("t", DataType.of(DmsType.TIME), true, "time without time zone"),
      new Column("tz", DataType.datetime(6), true, "timestamp with time zone"),
      new Column("ts", DataType.datetime(6), true, "timestamp without time zone"),
      new Column("id", DataType.of(DmsType.UUID), true, "uuid"));

  /** The rows written, and what DuckDB must read: each value cast to VARCHAR, NULL as null. */
  private static final List<Object[]> ROWS = List.of(
      new Object[] {(short) -32768, Integer.MAX_VALUE, Long.MIN_VALUE, new BigInteger("18446744073709551615"),
          new BigDecimal("-123456.789"), new BigDecimal("12345678901234.5678"),
          new BigDecimal("-1234567890123456789012345678.0123456789"), 1.5f, -2.25e300, true, "é ✓ 𝄞",
          new byte[] {0, -1, 42}, LocalDate.of(1969, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
          Instant.parse("1960-06-30T12:00:00.000001Z"), LocalDateTime.of(2026, 12, 1, 4, 5, 6, 123_456_000),
          UUID.fromString("0b4f3c1e-7d2a-4c55-9e0f-1a2b3c4d5e6f")},
      new Object[] {null, null, 0L, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null},
      new Object[] {(short) 7, -1, 42L, BigInteger.ONE, new BigDecimal("0.5"), new BigDecimal("-0.0001"),
          new BigDecimal("99999999999999999999999999.9999999999"), -0.0f, Double.MAX_VALUE, false, "",
          new byte[0], LocalDate.of(2262, 4, 11), LocalTime.MIDNIGHT, Instant.parse("2026-12-01T00:00:00Z"),
          LocalDateTime.of(1900, 1, 1, 0, 0), UUID.fromString("00000000-0000-0000-0000-000000000000")});

  private static final List<Map<String, String>> EXPECTED = List.of(
      expected("-32768", "2147483647", "-9223372036854775808", "18446744073709551615", "-123456.789",
          "12345678901234.5678", "-1234567890123456789012345678.0123456789", "1.5", "-2.25e+300", "true",
          "é ✓ 𝄞", "\\x00\\xFF*", "1969-12-31", "23:59:59.999999", "-299937599999999",
          "2026-12-01 04:05:06.123456", "0b4f3c1e-7d2a-4c55-9e0f-1a2b3c4d5e6f"),
      expected(null, null, "0", null, null, null, null, null, null, null, null, null, null, null, null, null,
          null),
      expected("7", "-1", "42", "1", "0.500", "-0.0001", "99999999999999999999999999.9999999999", "-0.0",
          "1.7976931348623157e+308", "false", "", "", "2262-04-11", "00:00:00", "1796083200000000",
          "1900-01-01 00:00:00", "00000000-0000-0000-0000-000000000000"));

  /** The type DuckDB gives each column: Parquet's logical types as it understands them. */
  private static final List<String> DUCKDB_TYPES = List.of("SMALLINT", "INTEGER", "BIGINT", "UBIGINT",
      "DECIMAL(9,3)", "DECIMAL(18,4)", "DECIMAL(38,10)", "FLOAT", "DOUBLE", "BOOLEAN", "VARCHAR", "BLOB",
      "DATE", "TIME", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "VARCHAR");

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "parquet-1-0, rle-dictionary, none",
      "parquet-2-0, plain, none",
      "parquet-1-0, plain-dictionary, gzip",
      "parquet-2-0, rle-dictionary, gzip"})
  void duckDbReadsEveryTypeAsTheSourceMeantIt(String version, String encoding, String compression)
      throws Exception {
    S3Settings settings = S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "", SslMode.REQUIRE,
        Map.of("BucketName", "b", "DataFormat", "parquet", "ParquetVersion", version, "EncodingType", encoding,
            "CompressionType", compression)));
    Path file = dir.resolve("load.parquet");
    var writer = new ParquetFileWriter(Files.newOutputStream(file), settings, COLUMNS, true, false);
    // twice: no column is unique, so dictionary encodings keep their dictionaries
    for (int copy = 0; copy < 2; copy++) {
      for (Object[] row : ROWS) {
        writer.write("I", row, null);
      }
    }
    writer.finish();

    StringBuilder select = new StringBuilder("SELECT \"Op\"");
    StringBuilder types = new StringBuilder("SELECT ");
    for (Column column : COLUMNS) {
      String name = "\"" + column.name() + "\"";
      // an instant as microseconds since the epoch: its text would depend on DuckDB's time zone
      String value = column.name().equals("tz") ? "epoch_us(" + name + ")" : name;
      select.append(", CAST(").append(value).append(" AS VARCHAR) AS ").append(name);
      types.append(types.length() > 7 ? ", " : "").append("typeof(").append(name).append(")");
    }
    String from = " FROM read_parquet('" + file + "')";
    try (var duckDb = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duckDb.createStatement()) {
      List<Map<String, String>> read = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery(select + from)) {
        while (rows.next()) {
          assertThat(rows.getString("Op")).isEqualTo("I");
          Map<String, String> row = new HashMap<>();
          for (Column column : COLUMNS) {
            row.put(column.name(), rows.getString(column.name()));
          }
          read.add(row);
        }
      }
      List<Map<String, String>> twice = new ArrayList<>(EXPECTED);
      twice.addAll(EXPECTED);
      assertThat(read).containsExactlyElementsOf(twice);
      try (ResultSet row = statement.executeQuery(types + from + " LIMIT 1")) {
        row.next();
        List<String> typeNames = new ArrayList<>();
        for (int i = 1; i <= COLUMNS.size(); i++) {
          typeNames.add(row.getString(i));
        }
        assertThat(typeNames).containsExactlyElementsOf(DUCKDB_TYPES);
      }
      try (ResultSet wide = statement.executeQuery("SELECT encodings FROM parquet_metadata('" + file
          + "') WHERE path_in_schema = 'd38'")) {
        wide.next();
        // parquet-java writes fixed-length values PLAIN in version 1 files, dictionary or not
        boolean dictionary = version.equals("parquet-2-0") && !encoding.equals("plain");
        assertThat(wide.getString(1)).as("the 16-byte decimal's encodings")
            .doesNotContain("DELTA").contains(dictionary ? "DICTIONARY" : "PLAIN");
      }
    }
  }

  private static Map<String, String> expected(String... values) {
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(COLUMNS.get(i).name(), values[i]);
    }
    return row;
  }
}
