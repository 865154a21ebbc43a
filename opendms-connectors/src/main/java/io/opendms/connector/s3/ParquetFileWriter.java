package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file written through parquet-java's {@link OutputFile} API ({@link
 * StreamOutputFile}: straight into the object's upload) and {@link
 * PlainParquetConfiguration}, so that no Hadoop class is loaded at run time. Rows of {@link
 * ParquetSchema}'s types; gzip ({@link GzipCodecs}) as the page codec when {@code
 * CompressionType} is gzip.
 */
final class ParquetFileWriter implements TableFileWriter {

  /** Rows of a file's start that decide the dictionaries, at most; see {@link #open}. */
  static final int SAMPLE_ROWS = 10_000;
  /** Bytes of those rows held (by {@link #estimate}), at most. */
  private static final long SAMPLE_BYTES = 16 << 20;

  private final OutputStream sink;
  private final S3Settings settings;
  private final List<Column> columns;
  private final MessageType schema;
  /** The rows held until the writer is opened; null once it is. */
  private List<Row> sample;
  private final int sampleRows;
  private long sampleBytes;
  private ParquetWriter<Row> writer;
  private long rows;

  /** A row handed to the write support. */
  private record Row(String op, Object[] values, String timestamp) {}

  ParquetFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn) throws IOException {
    this.sink = sink;
    this.settings = settings;
    this.columns = columns;
    this.schema = ParquetSchema.of(columns, opColumn,
        timestampColumn ? settings.timestampColumn() : null);
    this.sampleRows = Math.min(SAMPLE_ROWS, settings.parquetTuning().rowGroupLength());
    if (settings.parquetTuning().dictionary()) {
      sample = new ArrayList<>();
    } else {
      open(Set.of());
    }
  }

  /**
   * Opens the file's writer with a dictionary for every column but {@code plain} ones. A column
   * whose values in the sample (the first row group, or its start) are all different gets none:
   * parquet-java would build that dictionary row by row and then drop it, re-encoding the values
   * plain, because a dictionary of distinct values is as large as the values themselves; that
   * hashing and re-encoding was the better part of the time spent in this class. Its later row
   * groups are written plain too, which is what the dictionary would give them as long as the
   * column stays unique, like a key.
   */
  private void open(Set<String> plain) throws IOException {
    Builder builder = new Builder(new StreamOutputFile(sink), new RowWriteSupport(schema, columns))
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(Mode.OVERWRITE)
        .withCodecFactory(new GzipCodecs())
        .withCompressionCodec(settings.gzip() ? CompressionCodecName.GZIP
            : CompressionCodecName.UNCOMPRESSED)
        .withDictionaryEncoding(settings.parquetTuning().dictionary())
        .withRowGroupRowCountLimit(settings.parquetTuning().rowGroupLength())
        .withPageSize(settings.parquetTuning().dataPageSize())
        .withDictionaryPageSize(settings.parquetTuning().dictionaryPageSize())
        .withWriterVersion(settings.parquetTuning().version())
        .withStatisticsEnabled(settings.parquetTuning().statistics());
    plain.forEach(column -> builder.withDictionaryEncoding(column, false));
    this.writer = builder.build();
  }

  /** Opens the writer as the sample says and writes the sampled rows. */
  private void openSampled() throws IOException {
    List<Row> held = sample;
    sample = null;
    open(DistinctColumns.unique(columns, held.stream().map(Row::values).toList()));
    for (Row row : held) {
      writer.write(row);
    }
  }

  @Override
  public void write(String op, Object[] values, String timestamp) throws IOException {
    Row row = new Row(op, values, timestamp);
    if (sample == null) {
      writer.write(row);
    } else {
      sample.add(row);
      sampleBytes += DistinctColumns.estimate(values);
      if (sample.size() >= sampleRows || sampleBytes >= SAMPLE_BYTES) {
        openSampled();
      }
    }
    rows++;
  }

  @Override
  public long bytes() {
    return sample != null ? sampleBytes : writer.getDataSize();
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    if (sample != null) {
      openSampled();
    }
    writer.close();
  }

  @Override
  public void abandon() {
    try {
      if (writer != null) {
        writer.close();
      }
    } catch (IOException | RuntimeException e) {
      // the file is deleted next
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    /** Only called when a Hadoop configuration is given, which this class never does. */
    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return support;
    }
  }

  /** Writes a {@link Row} field by field. */
  private static final class RowWriteSupport extends WriteSupport<Row> {
    private final MessageType schema;
    private final List<Column> columns;
    private RecordConsumer out;

    RowWriteSupport(MessageType schema, List<Column> columns) {
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
      out.startMessage();
      int index = 0;
      if (row.op() != null) {
        field(index++, "Op", utf8(row.op()));
      }
      for (int i = 0; i < columns.size(); i++, index++) {
        Object value = row.values()[i];
        if (value != null) {
          out.startField(columns.get(i).name(), index);
          value(columns.get(i), value);
          out.endField(columns.get(i).name(), index);
        }
      }
      if (row.timestamp() != null) {
        String name = schema.getFieldName(index);
        field(index, name, utf8(row.timestamp()));
      }
      out.endMessage();
    }

    private void field(int index, String name, Binary value) {
      out.startField(name, index);
      out.addBinary(value);
      out.endField(name, index);
    }

    private void value(Column column, Object value) {
      DataType type = column.type();
      switch (type.kind()) {
        case BOOLEAN -> out.addBoolean((Boolean) value);
        case INT1, INT2, UINT1 -> out.addInteger(((Short) value).intValue());
        case INT4, UINT2 -> out.addInteger((Integer) value);
        case INT8, UINT4 -> out.addLong((Long) value);
        case UINT8 -> out.addLong(((BigInteger) value).longValue());
        case NUMERIC -> {
          if (ParquetSchema.decimal(type) && value instanceof BigDecimal decimal) {
            out.addBinary(decimal16(decimal.setScale(type.scale(), RoundingMode.UNNECESSARY)));
          } else if (ParquetSchema.decimal(type)) {
            throw new IllegalArgumentException("column " + column.name() + ": " + value
                + " does not fit DECIMAL(" + type.precision() + "," + type.scale() + ")");
          } else {
            out.addBinary(utf8(CsvFileWriter.text(value)));
          }
        }
        case REAL4 -> out.addFloat((Float) value);
        case REAL8 -> out.addDouble((Double) value);
        case BYTES, BLOB -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
        case DATE -> out.addInteger(Math.toIntExact(((LocalDate) date(column, value)).toEpochDay()));
        case TIME -> out.addLong(timeMicros(value));
        case DATETIME -> out.addLong(timestampMicros(column, value));
        default -> out.addBinary(utf8(CsvFileWriter.text(value)));
      }
    }

    private static Object date(Column column, Object value) {
      if (!(value instanceof LocalDate date) || date.equals(LocalDate.MAX) || date.equals(LocalDate.MIN)) {
        throw new IllegalArgumentException("column " + column.name() + ": " + value
            + " has no Parquet DATE (infinite or zero date)");
      }
      return date;
    }

    private static long timeMicros(Object value) {
      LocalTime time = value instanceof OffsetTime offset ? offset.toLocalTime() : (LocalTime) value;
      return time.toNanoOfDay() / 1000;
    }

    private static long timestampMicros(Column column, Object value) {
      Instant instant;
      if (value instanceof Instant given && !given.equals(Instant.MAX) && !given.equals(Instant.MIN)) {
        instant = given;
      } else if (value instanceof LocalDateTime local && !local.equals(LocalDateTime.MAX)
          && !local.equals(LocalDateTime.MIN)) {
        instant = local.toInstant(ZoneOffset.UTC);
      } else {
        throw new IllegalArgumentException("column " + column.name() + ": " + value
            + " has no Parquet TIMESTAMP (infinite or zero timestamp)");
      }
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /**
     * Text as UTF-8: the same bytes as {@code Binary.fromString}, whose charset encoder per value
     * costs more than {@code String.getBytes}.
     */
    private static Binary utf8(String text) {
      return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The unscaled value as 16 big-endian two's-complement bytes (FIXED_LEN_BYTE_ARRAY(16)). */
    private static Binary decimal16(BigDecimal decimal) {
      byte[] unscaled = decimal.unscaledValue().toByteArray();
      byte[] fixed = new byte[16];
      byte fill = (byte) (decimal.signum() < 0 ? 0xFF : 0);
      int pad = 16 - unscaled.length;
      for (int i = 0; i < 16; i++) {
        fixed[i] = i < pad ? fill : unscaled[i - pad];
      }
      return Binary.fromConstantByteArray(fixed);
    }
  }
}
