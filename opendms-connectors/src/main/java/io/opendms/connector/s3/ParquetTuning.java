package io.opendms.connector.s3;

import org.apache.parquet.column.ParquetProperties.WriterVersion;

/**
 * DMS's Parquet settings of {@code S3Settings}: how the files are laid out inside, as
 * parquet-java writes them.
 *
 * @param rowGroupLength rows per row group (RowGroupLength)
 * @param dataPageSize bytes per data page (DataPageSize)
 * @param dictionaryPageSize bytes of a column chunk's dictionary page before it falls back to
 *     plain encoding (DictPageSizeLimit)
 * @param version the format version (ParquetVersion): 1.0 pages, or 2.0 pages with RLE
 *     dictionaries
 * @param dictionary dictionary encoding (EncodingType plain-dictionary or rle-dictionary), else
 *     plain
 * @param statistics column statistics in the footer (EnableStatistics)
 */
record ParquetTuning(
    int rowGroupLength, int dataPageSize, int dictionaryPageSize, WriterVersion version,
    boolean dictionary, boolean statistics) {}
