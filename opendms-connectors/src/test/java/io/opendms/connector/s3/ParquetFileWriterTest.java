package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFileWriterTest {
  @TempDir Path dir;

  @Test
  void gzipParquetWithLogicalTypesReadsBackWithParquetJava() throws Exception {
    S3Settings settings = S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "",
        SslMode.REQUIRE, Map.of("BucketName", "b", "DataFormat", "parquet", "CompressionType", "gzip")));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
        new Column("amount", DataType.numeric(12, 2), true, "numeric(12,2)"),
        new Column("at", DataType.datetime(6), true, "timestamp with time zone"),
        new Column("day", DataType.of(DmsType.DATE), true, "date"),
        new Column("note", DataType.of(DmsType.WSTRING), true, "text"));
    Path file = dir.resolve("f.parquet");
    var writer = new ParquetFileWriter(java.nio.file.Files.newOutputStream(file), settings, columns,
        true, false);
    writer.write("I", new Object[] {1L, new BigDecimal("-1234567890.05"),
        Instant.parse("2026-01-02T03:04:05.000007Z"), LocalDate.of(2026, 6, 1), "é"}, null);
    writer.write("D", new Object[] {2L, null, null, null, null}, null);
    writer.finish();

    var options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(new GzipCodecs()).build();
    try (var reader = new ParquetFileReader(new LocalInputFile(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(1).getCodec())
          .isEqualTo(CompressionCodecName.GZIP);
      assertThat(schema.getType("amount").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
      var pages = reader.readNextRowGroup();
      var records = new ColumnIOFactory().getColumnIO(schema)
          .getRecordReader(pages, new GroupRecordConverter(schema));
      List<Group> rows = new ArrayList<>();
      for (int i = 0; i < pages.getRowCount(); i++) {
        rows.add(records.read());
      }
      Group first = rows.get(0);
      assertThat(first.getString("Op", 0)).isEqualTo("I");
      assertThat(first.getLong("id", 0)).isEqualTo(1L);
      assertThat(schema.getType("amount").asPrimitiveType().getPrimitiveTypeName())
          .as("DECIMAL(12,2) on an INT64, as the format recommends").isEqualTo(PrimitiveTypeName.INT64);
      assertThat(BigDecimal.valueOf(first.getLong("amount", 0), 2)).isEqualByComparingTo("-1234567890.05");
      assertThat(first.getLong("at", 0)).isEqualTo(
          Instant.parse("2026-01-02T03:04:05.000007Z").toEpochMilli() * 1000 + 7);
      assertThat(first.getInteger("day", 0)).isEqualTo((int) LocalDate.of(2026, 6, 1).toEpochDay());
      assertThat(first.getString("note", 0)).isEqualTo("é");
      assertThat(rows.get(1).getFieldRepetitionCount("amount")).isZero();
    }
  }

  @Test
  void rowGroupLengthVersionEncodingAndStatisticsShapeTheFile() throws Exception {
    S3Settings settings = S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "",
        SslMode.REQUIRE, Map.of("BucketName", "b", "DataFormat", "parquet", "RowGroupLength", "2",
            "ParquetVersion", "PARQUET_2_0", "EncodingType", "plain", "EnableStatistics", "false")));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"));
    Path file = dir.resolve("g.parquet");
    var writer = new ParquetFileWriter(java.nio.file.Files.newOutputStream(file), settings, columns,
        false, false);
    for (long id = 1; id <= 5; id++) {
      writer.write(null, new Object[] {id}, null);
    }
    writer.finish();

    var options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (var reader = new ParquetFileReader(new LocalInputFile(file), options)) {
      var blocks = reader.getFooter().getBlocks();
      assertThat(blocks).extracting(b -> b.getRowCount()).containsExactly(2L, 2L, 1L);
      var chunk = blocks.get(0).getColumns().get(0);
      assertThat(chunk.getEncodings()).doesNotContain(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY,
          org.apache.parquet.column.Encoding.RLE_DICTIONARY);
      assertThat(chunk.getStatistics().isEmpty()).isTrue();
    }
  }

  @Test
  void aColumnOfDistinctValuesIsWrittenPlainAndARepetitiveOneWithADictionary() throws Exception {
    S3Settings settings = S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "",
        SslMode.REQUIRE, Map.of("BucketName", "b", "DataFormat", "parquet", "RowGroupLength", "100")));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
        new Column("kind", DataType.of(DmsType.STRING), true, "text"));
    Path file = dir.resolve("d.parquet");
    var writer = new ParquetFileWriter(java.nio.file.Files.newOutputStream(file), settings, columns,
        false, false);
    for (long id = 1; id <= 250; id++) {
      writer.write(null, new Object[] {id, id % 3 == 0 ? null : "kind-" + id % 2}, null);
    }
    writer.finish();

    var options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (var reader = new ParquetFileReader(new LocalInputFile(file), options)) {
      var blocks = reader.getFooter().getBlocks();
      assertThat(blocks).extracting(b -> b.getRowCount()).containsExactly(100L, 100L, 50L);
      for (var block : blocks) {
        assertThat(block.getColumns().get(0).getEncodings()).doesNotContain(
            org.apache.parquet.column.Encoding.PLAIN_DICTIONARY);
        assertThat(block.getColumns().get(1).getEncodings()).contains(
            org.apache.parquet.column.Encoding.PLAIN_DICTIONARY);
      }
      assertThat(reader.getRecordCount()).isEqualTo(250);
    }
  }

  @Test
  void recycledBuffersWriteTheSameBytesAsFreshOnes() throws Exception {
    S3Settings settings = S3Settings.of(new EndpointConfig("s3", "", 443, "", "", "",
        SslMode.REQUIRE, Map.of("BucketName", "b", "DataFormat", "parquet", "RowGroupLength", "700",
            "DataPageSize", "4096")));
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
        new Column("amount", DataType.numeric(12, 2), true, "numeric(12,2)"),
        new Column("at", DataType.datetime(6), true, "timestamp with time zone"),
        new Column("kind", DataType.of(DmsType.STRING), true, "text"),
        new Column("note", DataType.of(DmsType.WSTRING), true, "text"),
        new Column("flag", DataType.of(DmsType.BOOLEAN), true, "boolean"));
    Path fresh = dir.resolve("fresh.parquet");
    Path recycled = dir.resolve("recycled.parquet");
    var freshWriter = new ParquetFileWriter(java.nio.file.Files.newOutputStream(fresh), settings,
        columns, true, false, new org.apache.parquet.bytes.HeapByteBufferAllocator());
    var recycledWriter = new ParquetFileWriter(java.nio.file.Files.newOutputStream(recycled),
        settings, columns, true, false);
    Path tight = dir.resolve("tight.parquet"); // a pool too small for a row group: it evicts
    var tightWriter = new ParquetFileWriter(java.nio.file.Files.newOutputStream(tight), settings,
        columns, true, false, new RecyclingAllocator(16 * 1024));
    for (long id = 1; id <= 5_000; id++) {
      Object[] row = {id, id % 7 == 0 ? null : BigDecimal.valueOf(id * 37 - 90_000, 2),
          Instant.ofEpochSecond(1_700_000_000L + id, id * 1000), "kind-" + id % 5,
          id % 11 == 0 ? null : "note " + Long.toHexString(id * 2_654_435_761L).repeat((int) (id % 4)),
          id % 2 == 0};
      freshWriter.write(id % 3 == 0 ? "U" : "I", row, null);
      recycledWriter.write(id % 3 == 0 ? "U" : "I", row, null);
      tightWriter.write(id % 3 == 0 ? "U" : "I", row, null);
    }
    freshWriter.finish();
    recycledWriter.finish();
    tightWriter.finish();

    assertThat(java.nio.file.Files.readAllBytes(recycled))
        .isEqualTo(java.nio.file.Files.readAllBytes(fresh));
    assertThat(java.nio.file.Files.readAllBytes(tight))
        .isEqualTo(java.nio.file.Files.readAllBytes(fresh));
    var options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (var reader = new ParquetFileReader(new LocalInputFile(recycled), options)) {
      assertThat(reader.getRecordCount()).isEqualTo(5_000);
      assertThat(reader.getFooter().getBlocks()).hasSizeGreaterThan(5);
    }
  }
}
