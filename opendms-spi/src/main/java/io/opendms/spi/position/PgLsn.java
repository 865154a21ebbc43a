package io.opendms.spi.position;

/**
 * A PostgreSQL write-ahead log position.
 *
 * @param value the 64-bit LSN, compared unsigned
 */
public record PgLsn(long value) implements SourcePosition, Comparable<PgLsn> {

  /** Parses {@code XXX/XXXXXXXX}, the form {@code pg_current_wal_lsn()} prints. */
  public static PgLsn parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
      throw new IllegalArgumentException("not a PostgreSQL LSN (expected X/X in hex): " + text);
    }
    try {
      long high = Long.parseLong(text.substring(0, slash), 16);
      long low = Long.parseLong(text.substring(slash + 1), 16);
      return new PgLsn((high << 32) | low);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a PostgreSQL LSN (expected X/X in hex): " + text, e);
    }
  }

  @Override
  public String format() {
    return Long.toHexString(value >>> 32).toUpperCase() + "/"
        + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
  }

  @Override
  public int compareTo(PgLsn other) {
    return Long.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return format();
  }
}
