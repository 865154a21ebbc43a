package io.opendms.connector.s3;

import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file of flat rows written straight into parquet-java's column writers, one per
 * field, row group after row group, as parquet-java's own {@code ParquetWriter} lays them out
 * (the same bytes for the same rows and properties; {@code ParquetRowWriterTest} compares them).
 * parquet-java's writer takes a row through a {@code RecordConsumer}, which tracks nesting and the
 * fields written (a BitSet per row) to find the missing ones: a sixth of the Parquet thread's time
 * in a full load, for a schema without nesting where every field's place is known. Here a row's
 * values go to the column writers in schema order, a null as the column's null. Confined to one
 * thread.
 */
final class ParquetRowWriter {
  /** A present value of an optional top-level field: definition level 1, repetition 0. */
  static final int PRESENT = 1;
  private static final int NULL = 0;
  private static final int TOP_LEVEL = 0;

  private final ParquetFileWriter file;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final BytesInputCompressor compressor;
  private final ColumnDescriptor[] descriptors;
  /** As parquet-java's default: a row group is closed before it buffers this many bytes. */
  private final long rowGroupBytes = ParquetWriter.DEFAULT_BLOCK_SIZE;
  private long nextRowGroupBytes = rowGroupBytes;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ColumnWriter[] writers;
  private long groupRows;
  private long nextSizeCheck;
  /** Where the current row group starts in the file (the first: after the leading magic). */
  private long groupStart;

  ParquetRowWriter(OutputFile out, MessageType schema, ParquetProperties properties,
      BytesInputCompressor compressor) throws IOException {
    this.schema = schema;
    this.properties = properties;
    this.compressor = compressor;
    this.descriptors = schema.getColumns().toArray(ColumnDescriptor[]::new);
    this.file = new ParquetFileWriter(out, schema, Mode.OVERWRITE, rowGroupBytes, 0, null,
        properties);
    file.start();
    startRowGroup();
    nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
  }

  /** The writer of field {@code index} (in schema order) for the row being written. */
  ColumnWriter column(int index) {
    return writers[index];
  }

  /** Writes a present value of an optional field. */
  void binary(int index, Binary value) {
    writers[index].write(value, TOP_LEVEL, PRESENT);
  }

  /** Writes a value of a required field (which has no definition level). */
  void requiredBinary(int index, Binary value) {
    writers[index].write(value, TOP_LEVEL, NULL);
  }

  /** Writes the null of an optional field. */
  void nullValue(int index) {
    writers[index].writeNull(TOP_LEVEL, NULL);
  }

  /** Ends the row whose every field was written; may close the row group. */
  void endRow() throws IOException {
    columns.endRecord();
    groupRows++;
    if (groupRows >= properties.getRowGroupRowCountLimit()) {
      nextRowGroup();
    } else if (groupRows >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  /**
   * parquet-java's rule: measuring the buffered bytes adds up every column's buffers, so it is
   * done at rows chosen from the mean row size so far, halfway to where the group would be full;
   * the group closes within two rows of its limit.
   */
  private void checkRowGroupSize() throws IOException {
    long buffered = columns.getBufferedSize();
    long rowBytes = Math.max(1, buffered / groupRows);
    if (buffered > nextRowGroupBytes - 2 * rowBytes) {
      nextRowGroup();
    } else {
      nextSizeCheck = Math.min(
          Math.max(properties.getMinRowCountForPageSizeCheck(),
              (groupRows + (long) (nextRowGroupBytes / (float) rowBytes)) / 2),
          groupRows + properties.getMaxRowCountForPageSizeCheck());
    }
  }

  private void nextRowGroup() throws IOException {
    long rows = groupRows;
    flushRowGroup();
    startRowGroup();
    nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(), rows / 2),
        properties.getMaxRowCountForPageSizeCheck());
  }

  private void startRowGroup() throws IOException {
    pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
        properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
    columns = properties.newColumnWriteStore(schema, pages, pages);
    writers = new ColumnWriter[descriptors.length];
    for (int i = 0; i < descriptors.length; i++) {
      writers[i] = columns.getColumnWriter(descriptors[i]);
    }
    groupRows = 0;
    groupStart = file.getPos();
  }

  private void flushRowGroup() throws IOException {
    try {
      if (groupRows > 0) {
        file.startBlock(groupRows);
        columns.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
      }
    } finally {
      releaseRowGroup();
    }
  }

  private void releaseRowGroup() {
    if (columns != null) {
      columns.close();
      pages.close();
      columns = null;
      pages = null;
    }
  }

  /**
   * The file's size so far: the row groups written and what the current one buffers (encoded,
   * before compression of the pages not yet written).
   */
  long dataSize() {
    return groupStart + (columns == null ? 0 : columns.getBufferedSize());
  }

  /** Writes the last row group and the footer, and closes the stream. */
  void finish() throws IOException {
    try {
      flushRowGroup();
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      file.abort();
      throw e;
    }
  }

  /** Releases the buffers without completing the file (its upload was aborted). */
  void abandon() {
    releaseRowGroup();
    file.abort();
  }
}
