package io.opendms.connector.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ParquetRowWriter} against parquet-java's own record writer ({@code ParquetWriter} with
 * its example object model): the same rows with the same properties must give the same file,
 * byte for byte, over several row groups and pages, with nulls, dictionaries, both page versions
 * and gzip.
 */
class ParquetRowWriterTest {
  private static final int ROWS = 12_345;
  private static final MessageType SCHEMA = new MessageType("schema", List.of(
      Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Op"),
      Types.optional(PrimitiveTypeName.INT64).named("id"),
      Types.optional(PrimitiveTypeName.INT32).named("n"),
      Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("kind"),
      Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("note"),
      Types.optional(PrimitiveTypeName.BOOLEAN).named("flag"),
      Types.optional(PrimitiveTypeName.DOUBLE).named("ratio"),
      Types.optional(PrimitiveTypeName.FLOAT).named("small"),
      Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).named("wide")));

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "PARQUET_1_0, true, UNCOMPRESSED, 1000",
      "PARQUET_2_0, true, GZIP, 5000",
      "PARQUET_1_0, false, GZIP, 100000",
      "PARQUET_2_0, false, UNCOMPRESSED, 3000"})
  void writesTheSameFileAsParquetJavasRecordWriter(WriterVersion version, boolean dictionary,
      CompressionCodecName codec, int rowGroupRows) throws IOException {
    ParquetProperties properties = ParquetProperties.builder()
        .withAllocator(new HeapByteBufferAllocator())
        .withWriterVersion(version)
        .withDictionaryEncoding(dictionary)
        .withDictionaryEncoding("id", false)
        .withRowGroupRowCountLimit(rowGroupRows)
        .withPageSize(8 * 1024)
        .withDictionaryPageSize(4 * 1024)
        .withPageWriteChecksumEnabled(false)
        .build();
    Path direct = dir.resolve("direct.parquet");
    var writer = new ParquetRowWriter(new LocalOutputFile(direct), SCHEMA, properties,
        new GzipCodecs().getCompressor(codec));
    for (int row = 0; row < ROWS; row++) {
      Object[] values = row(row);
      writer.requiredBinary(0, (Binary) values[0]);
      for (int field = 1; field < values.length; field++) {
        if (values[field] == null) {
          writer.nullValue(field);
        } else {
          write(writer, field, values[field]);
        }
      }
      writer.endRow();
    }
    writer.finish();

    Path reference = dir.resolve("reference.parquet");
    var factory = new SimpleGroupFactory(SCHEMA);
    try (var parquetJava = new ReferenceBuilder(new LocalOutputFile(reference))
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(Mode.OVERWRITE)
        .withCodecFactory(new GzipCodecs())
        .withCompressionCodec(codec)
        .withWriterVersion(version)
        .withDictionaryEncoding(dictionary)
        .withDictionaryEncoding("id", false)
        .withRowGroupRowCountLimit(rowGroupRows)
        .withPageSize(8 * 1024)
        .withDictionaryPageSize(4 * 1024)
        .withPageWriteChecksumEnabled(false)
        .build()) {
      for (int row = 0; row < ROWS; row++) {
        Group group = factory.newGroup();
        Object[] values = row(row);
        for (int field = 0; field < values.length; field++) {
          if (values[field] != null) {
            add(group, field, values[field]);
          }
        }
        parquetJava.write(group);
      }
    }

    assertThat(Files.readAllBytes(direct)).isEqualTo(Files.readAllBytes(reference));
  }

  /** Values of every type and nulls, repeated enough for dictionaries and several pages. */
  private static Object[] row(int row) {
    byte[] wide = new byte[16];
    wide[15] = (byte) row;
    wide[3] = (byte) (row >> 8);
    return new Object[] {
        Binary.fromString(row % 3 == 0 ? "U" : "I"),
        (long) row * 7_919,
        row % 5 == 0 ? null : row % 1000 - 500,
        Binary.fromString("kind-" + row % 7),
        row % 11 == 0 ? null
            : Binary.fromString("note " + Integer.toHexString(row * 31).repeat(row % 4)),
        row % 13 == 0 ? null : row % 2 == 0,
        row % 17 == 0 ? null : row / 3.0,
        (float) (row % 100) / 8,
        row % 19 == 0 ? null : Binary.fromConstantByteArray(wide)};
  }

  private static void write(ParquetRowWriter writer, int field, Object value) {
    var column = writer.column(field);
    int present = ParquetRowWriter.PRESENT;
    if (value instanceof Long v) {
      column.write(v, 0, present);
    } else if (value instanceof Integer v) {
      column.write(v, 0, present);
    } else if (value instanceof Boolean v) {
      column.write(v, 0, present);
    } else if (value instanceof Double v) {
      column.write(v, 0, present);
    } else if (value instanceof Float v) {
      column.write(v, 0, present);
    } else {
      writer.binary(field, (Binary) value);
    }
  }

  private static void add(Group group, int field, Object value) {
    if (value instanceof Long v) {
      group.add(field, v);
    } else if (value instanceof Integer v) {
      group.add(field, v);
    } else if (value instanceof Boolean v) {
      group.add(field, v);
    } else if (value instanceof Double v) {
      group.add(field, v);
    } else if (value instanceof Float v) {
      group.add(field, v);
    } else {
      group.add(field, (Binary) value);
    }
  }

  /**
   * parquet-java's example object model, without its model name in the footer (which {@link
   * ParquetRowWriter} does not write either).
   */
  private static final class ReferenceBuilder
      extends ParquetWriter.Builder<Group, ReferenceBuilder> {
    ReferenceBuilder(OutputFile file) {
      super(file);
    }

    @Override
    protected ReferenceBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(ParquetConfiguration conf) {
      return new UnnamedGroupWriteSupport();
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new UnnamedGroupWriteSupport();
    }
  }

  private static final class UnnamedGroupWriteSupport extends WriteSupport<Group> {
    private GroupWriter groups;

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      groups = new GroupWriter(recordConsumer, SCHEMA);
    }

    @Override
    public void write(Group record) {
      groups.write(record);
    }
  }
}
