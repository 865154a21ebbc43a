package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
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

  private final ParquetWriter<Row> writer;
  private long rows;

  /** A row handed to the write support. */
  private record Row(String op, Object[] values, String timestamp) {}

  ParquetFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn) throws IOException {
    String timestampName = timestampColumn ? settings.timestampColumn() : null;
    MessageType schema = ParquetSchema.of(columns, opColumn, timestampName);
    this.writer = new Builder(new StreamOutputFile(sink), new RowWriteSupport(schema, columns))
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
        .withStatisticsEnabled(settings.parquetTuning().statistics())
        .build();
  }

  @Override
  public void write(String op, Object[] values, String timestamp) throws IOException {
    writer.write(new Row(op, values, timestamp));
    rows++;
  }

  @Override
  public long bytes() {
    return writer.getDataSize();
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    writer.close();
  }

  @Override
  public void abandon() {
    try {
      writer.close();
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
        field(index++, "Op", Binary.fromString(row.op()));
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
        field(index, name, Binary.fromString(row.timestamp()));
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
            out.addBinary(Binary.fromString(CsvFileWriter.text(value)));
          }
        }
        case REAL4 -> out.addFloat((Float) value);
        case REAL8 -> out.addDouble((Double) value);
        case BYTES, BLOB -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
        case DATE -> out.addInteger(Math.toIntExact(((LocalDate) date(column, value)).toEpochDay()));
        case TIME -> out.addLong(timeMicros(value));
        case DATETIME -> out.addLong(timestampMicros(column, value));
        default -> out.addBinary(Binary.fromString(CsvFileWriter.text(value)));
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
