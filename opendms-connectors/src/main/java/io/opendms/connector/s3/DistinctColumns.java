package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of some rows hold only distinct values: for those a Parquet dictionary cannot
 * be smaller than the values ({@link ParquetFileWriter}). Stateless.
 */
final class DistinctColumns {

  private DistinctColumns() {}

  /**
   * The names of the columns whose non-null values in {@code rows} are all different (booleans,
   * which have no dictionary, and names with a dot, which parquet-java would read as a path, left
   * out).
   */
  static Set<String> unique(List<Column> columns, List<Object[]> rows) {
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (column.type().kind() != DmsType.BOOLEAN && !column.name().contains(".")
          && allDifferent(rows, i)) {
        unique.add(column.name());
      }
    }
    return unique;
  }

  private static boolean allDifferent(List<Object[]> rows, int index) {
    Set<Object> seen = new HashSet<>();
    for (Object[] row : rows) {
      Object value = row[index];
      if (value != null && !seen.add(key(value))) {
        return false;
      }
    }
    return true;
  }

  /** A value compared as Parquet stores it: bytes by content, decimals by their number. */
  private static Object key(Object value) {
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros();
    }
    return value;
  }

  /** About the bytes of a row held in memory, to bound what is held. */
  static long estimate(Object[] values) {
    long bytes = 16L + 8L * values.length;
    for (Object value : values) {
      if (value instanceof String text) {
        bytes += text.length();
      } else if (value instanceof byte[] raw) {
        bytes += raw.length;
      } else if (value != null) {
        bytes += 16;
      }
    }
    return bytes;
  }
}
