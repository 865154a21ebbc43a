package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parquet file written through parquet-java's {@link OutputFile} API ({@link
 * StreamOutputFile}: straight into the object's upload), without any Hadoop class at run time,
 * by a {@link ParquetRowWriter}. Rows of {@link ParquetSchema}'s types; gzip ({@link
 * GzipCodecs}) as the page codec when {@code CompressionType} is gzip.
 */
final class ParquetFileWriter implements TableFileWriter {
  private static final Logger log = LoggerFactory.getLogger(ParquetFileWriter.class);

  /** Rows of a file's start that decide the dictionaries, at most; see {@link #open}. */
  static final int SAMPLE_ROWS = 10_000;
  /** Bytes of those rows held (by {@link #estimate}), at most. */
  private static final long SAMPLE_BYTES = 16 << 20;
  private static final long MIN_RECYCLED_BYTES = 2 << 20;
  private static final long MAX_RECYCLED_BYTES = 16 << 20;
  /** See {@link #bytes()}. */
  private static final int MEASURE_ALWAYS = 1_000;
  private static final int MEASURE_EVERY = 64;

  private final OutputStream sink;
  private final S3Settings settings;
  private final List<Column> columns;
  private final MessageType schema;
  /** The rows held until the writer is opened; null once it is. */
  private List<Row> sample;
  private final int sampleRows;
  private long sampleBytes;
  private final ByteBufferAllocator allocator;
  private final boolean opColumn;
  private final boolean timestampColumn;
  private final ParquetValues.FieldWriter[] fieldWriters;
  private final Map<String, Binary> ops = new HashMap<>();
  private String lastTimestamp;
  private Binary lastTimestampBytes;
  private ParquetRowWriter writer;
  private long rows;
  /** {@link #bytes()} as last measured, and the row count then. */
  private long measuredBytes;
  private long measuredAt;

  /** A row as it was given, held in the sample. */
  private record Row(String op, Object[] values, String timestamp) {}

  ParquetFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn) throws IOException {
    this(sink, settings, columns, opColumn, timestampColumn,
        new RecyclingAllocator(recycledBytes(settings, columns)));
  }

  /** With parquet-java's buffers from {@code allocator} (tests compare it with the default). */
  ParquetFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn, ByteBufferAllocator allocator) throws IOException {
    this.sink = sink;
    this.allocator = allocator;
    this.settings = settings;
    this.columns = columns;
    this.opColumn = opColumn;
    this.timestampColumn = timestampColumn;
    this.fieldWriters = columns.stream().map(ParquetValues::of)
        .toArray(ParquetValues.FieldWriter[]::new);
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
   * Writes a one-row file of common types to nowhere, so that parquet-java's classes are loaded
   * and initialized before a table's rows arrive, on a thread that is otherwise idle while the
   * task starts. Else the first file pays for them on the load's critical path: its footer's
   * {@code ParquetMetadata} builds a Jackson ObjectMapper in its static initializer, about 0.15
   * CPU-s of a load's last, single-threaded step (bench/README.md). A failure only means no
   * warm-up: the real files report their own.
   */
  static void warmUp(S3Settings settings) {
    List<Column> columns = List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
        new Column("note", DataType.of(DmsType.WSTRING), true, "text"),
        new Column("amount", DataType.numeric(12, 2), true, "numeric(12,2)"),
        new Column("at", DataType.datetime(6), true, "timestamp with time zone"));
    try {
      var file = new ParquetFileWriter(OutputStream.nullOutputStream(), settings, columns, true, false);
      file.write("I", new Object[] {1L, "warm-up", new BigDecimal("1.00"), Instant.EPOCH}, null);
      file.finish();
    } catch (IOException | RuntimeException e) {
      log.debug("Parquet warm-up failed: {}", e.toString());
    }
  }

  /**
   * Bytes of released buffers kept for reuse: a page per column (about what a row group's
   * column writers ask for again), within 2-16 MB, so that a file open in each of several
   * parallel loads holds little more than its writer would anyway.
   */
  static long recycledBytes(S3Settings settings, List<Column> columns) {
    long pages = (long) settings.parquetTuning().dataPageSize() * (columns.size() + 2);
    return Math.max(MIN_RECYCLED_BYTES, Math.min(MAX_RECYCLED_BYTES, pages));
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
    ParquetTuning tuning = settings.parquetTuning();
    ParquetProperties.Builder properties = ParquetProperties.builder()
        .withAllocator(allocator)
        .withDictionaryEncoding(tuning.dictionary())
        .withRowGroupRowCountLimit(tuning.rowGroupLength())
        .withPageSize(tuning.dataPageSize())
        .withDictionaryPageSize(tuning.dictionaryPageSize())
        .withWriterVersion(tuning.version())
        .withStatisticsEnabled(tuning.statistics())
        .withValuesWriterFactory(new ReadableValuesWriters())
        // parquet-java copies every page to compute its optional CRC; the upload is already
        // checked end to end (signed payload or TLS, and the store's own checksum)
        .withPageWriteChecksumEnabled(false);
    plain.forEach(column -> properties.withDictionaryEncoding(column, false));
    this.writer = new ParquetRowWriter(new StreamOutputFile(sink), schema, properties.build(),
        new GzipCodecs().getCompressor(settings.gzip() ? CompressionCodecName.GZIP
            : CompressionCodecName.UNCOMPRESSED));
  }

  /** Opens the writer as the sample says and writes the sampled rows. */
  private void openSampled() throws IOException {
    List<Row> held = sample;
    sample = null;
    open(DistinctColumns.unique(columns, held.stream().map(Row::values).toList()));
    for (Row row : held) {
      writeRow(row);
    }
  }

  @Override
  public void write(String op, Object[] values, String timestamp) throws IOException {
    Row row = new Row(op, values, timestamp);
    if (sample == null) {
      writeRow(row);
    } else {
      sample.add(row);
      sampleBytes += DistinctColumns.estimate(values);
      if (sample.size() >= sampleRows || sampleBytes >= SAMPLE_BYTES) {
        openSampled();
      }
    }
    rows++;
  }

  /**
   * The size so far, measured again every {@value #MEASURE_EVERY} rows once the file has more
   * than {@value #MEASURE_ALWAYS} (before, at every call): parquet-java adds up every column's
   * buffers for it, a few percent of a row's cost when asked after every row; a file that
   * reaches MaxFileSize runs over it by at most that many rows more.
   */
  @Override
  public long bytes() {
    if (sample != null) {
      return sampleBytes;
    }
    if (rows <= MEASURE_ALWAYS || rows - measuredAt >= MEASURE_EVERY) {
      measuredBytes = writer.dataSize();
      measuredAt = rows;
    }
    return measuredBytes;
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
    writer.finish();
  }

  @Override
  public void abandon() {
    if (writer != null) {
      writer.abandon();
    }
  }

  /**
   * Writes a row field by field, each column's values through its {@link
   * ParquetValues.FieldWriter}. The Op column's values (I, U, D) and the timestamp column's last
   * value (a full load's one load time) are encoded once, not for every row.
   */
  private void writeRow(Row row) throws IOException {
    int field = 0;
    if (opColumn) {
      writer.requiredBinary(field++, ops.computeIfAbsent(row.op(), ParquetValues::utf8));
    }
    Object[] values = row.values();
    for (int i = 0; i < fieldWriters.length; i++, field++) {
      Object value = values[i];
      if (value == null) {
        writer.nullValue(field);
      } else {
        fieldWriters[i].add(writer.column(field), value);
      }
    }
    if (timestampColumn) {
      if (row.timestamp() == null) {
        writer.nullValue(field);
      } else {
        writer.binary(field, timestamp(row.timestamp()));
      }
    }
    writer.endRow();
  }

  private Binary timestamp(String text) {
    if (!text.equals(lastTimestamp)) {
      lastTimestamp = text;
      lastTimestampBytes = ParquetValues.utf8(text);
    }
    return lastTimestampBytes;
  }
}
