package io.opendms.connector.postgres;

import io.opendms.spi.data.ByteSink;

/**
 * Passes COPY TO messages to a {@link ByteSink} and tells it, now and then, how many rows they
 * completed. PostgreSQL sends one CopyData message per row, except that binary COPY sends its
 * header inside the first row's message and its trailer as a last message of its own; so every
 * message but the newest is known to hold a row, and the exact total comes from the server's row
 * count at the end. Confined to the reader's thread; one instance per export.
 */
final class ExportProgress {

  /** Often enough for a progress bar, rare enough to cost nothing per row. */
  private static final long REPORT_EVERY_ROWS = 1024;

  private final ByteSink sink;
  private long messages;
  private long reported;

  ExportProgress(ByteSink sink) {
    this.sink = sink;
  }

  void write(byte[] message) {
    sink.write(message, 0, message.length);
    messages++;
    long knownRows = messages - 1; // the newest message may be the binary trailer
    if (knownRows - reported >= REPORT_EVERY_ROWS) {
      sink.rowsCompleted(knownRows - reported);
      reported = knownRows;
    }
  }

  /** Reports the rows not yet reported, given the server's total. */
  void finish(long totalRows) {
    if (totalRows > reported) {
      sink.rowsCompleted(totalRows - reported);
      reported = totalRows;
    }
  }
}
