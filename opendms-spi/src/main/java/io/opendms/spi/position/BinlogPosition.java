package io.opendms.spi.position;

import java.util.Objects;

/**
 * A MySQL/MariaDB binary log position: a file name and a byte offset within it, optionally with
 * the server's GTID set (MySQL {@code gtid_executed}) or GTID position (MariaDB {@code
 * gtid_binlog_pos}) at that point. Ordered by file name, then offset: binlog file names carry a
 * zero-padded sequence number, so their text order is their creation order.
 *
 * @param file the binlog file name, e.g. {@code mysql-bin-changelog.000024}
 * @param offset the byte offset of the next event, at least 4 (the file's magic number)
 * @param gtid the GTID set at this point, or empty when the server does not use GTIDs; not part of
 *     {@link #format()}, which is DMS's {@code CdcStartPosition} form
 */
public record BinlogPosition(String file, long offset, String gtid)
    implements SourcePosition, Comparable<BinlogPosition> {

  public BinlogPosition {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(gtid, "gtid");
    if (file.isEmpty() || file.contains(":")) {
      throw new IllegalArgumentException("not a binlog file name: '" + file + "'");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("binlog offset must be >= 0, got " + offset);
    }
  }

  public BinlogPosition(String file, long offset) {
    this(file, offset, "");
  }

  /** Parses {@code file:offset}, the form DMS's {@code CdcStartPosition} takes for MySQL. */
  public static BinlogPosition parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("not a binlog position (expected file:offset): " + text);
    }
    try {
      return new BinlogPosition(
          text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a binlog position (expected file:offset): " + text, e);
    }
  }

  @Override
  public String format() {
    return file + ":" + offset;
  }

  @Override
  public int compareTo(BinlogPosition other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Long.compare(offset, other.offset);
  }

  @Override
  public String toString() {
    return gtid.isEmpty() ? format() : format() + " (gtid " + gtid + ")";
  }
}
