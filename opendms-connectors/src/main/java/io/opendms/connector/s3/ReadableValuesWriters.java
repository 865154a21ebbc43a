package io.opendms.connector.s3;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainFixedLenArrayDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.FixedLenByteArrayPlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's value encodings, except for FIXED_LEN_BYTE_ARRAY columns (decimals of more than
 * 18 digits) in version 2 files: there parquet-java falls back from the dictionary to
 * DELTA_BYTE_ARRAY, which the format allows but widely used readers do not read (DuckDB 1.4:
 * "Delta Byte Array encoding is only supported for string/blob data"; ParquetDuckDbReadTest).
 * Those columns fall back to PLAIN instead, as in version 1 files; their dictionary, when
 * enabled, is the one parquet-java writes in version 2 files.
 */
final class ReadableValuesWriters implements ValuesWriterFactory {
  private final ValuesWriterFactory defaults = new DefaultValuesWriterFactory();
  private ParquetProperties properties;

  @Override
  public void initialize(ParquetProperties properties) {
    this.properties = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    if (properties.getWriterVersion() != WriterVersion.PARQUET_2_0
        || column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      return defaults.newValuesWriter(column);
    }
    var plain = new FixedLenByteArrayPlainValuesWriter(column.getTypeLength(),
        properties.getInitialSlabSize(), properties.getPageSizeThreshold(), properties.getAllocator());
    if (!properties.isDictionaryEnabled(column)) {
      return plain;
    }
    var dictionary = new PlainFixedLenArrayDictionaryValuesWriter(properties.getDictionaryPageSizeThreshold(),
        column.getTypeLength(), Encoding.RLE_DICTIONARY, Encoding.PLAIN, properties.getAllocator());
    return FallbackValuesWriter.of(dictionary, plain);
  }
}
