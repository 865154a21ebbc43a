package io.opendms.connector.s3;

import java.io.IOException;

/**
 * Writes one data file of one table into a stream (the object's upload), row by row: the optional {@code
 * Op} column first, the table's columns, the optional timestamp column last. Confined to one
 * thread.
 */
interface TableFileWriter {

  /**
   * Adds a row.
   *
   * @param op {@code I}, {@code U} or {@code D}; null when the file has no Op column
   * @param values canonical values in the table's column order
   * @param timestamp the timestamp column's text; null when the file has none
   */
  void write(String op, Object[] values, String timestamp) throws IOException;

  /** Bytes written so far (compressed, as they will be uploaded; approximate for Parquet). */
  long bytes();

  /** Rows written so far. */
  long rows();

  /** Completes the file (footer, compression trailer) and closes it. */
  void finish() throws IOException;

  /** Releases what the writer holds after its upload was aborted. Never throws. */
  void abandon();
}
