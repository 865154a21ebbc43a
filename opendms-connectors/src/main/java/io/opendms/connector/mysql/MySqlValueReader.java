package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Decodes one row of a {@link MySqlSelect} result into canonical values. Each column gets a field
 * reader chosen once from its type, so the per-row work is a getter and a parse. Confined to one
 * thread.
 */
final class MySqlValueReader {

  @FunctionalInterface
  private interface FieldReader {
    Object read(ResultSet row, int index) throws SQLException;
  }

  private final FieldReader[] readers;

  MySqlValueReader(List<Column> columns) {
    readers = columns.stream().map(MySqlValueReader::readerFor).toArray(FieldReader[]::new);
  }

  /**
   * The current row's values.
   *
   * @throws ColumnException naming the column whose value cannot be decoded
   */
  Object[] read(ResultSet row) throws SQLException {
    Object[] values = new Object[readers.length];
    for (int i = 0; i < readers.length; i++) {
      try {
        values[i] = readers[i].read(row, i + 1);
      } catch (RuntimeException e) {
        throw new ColumnException(i, e.getMessage(), e);
      }
    }
    return values;
  }

  /** A value that has no canonical form, with the 0-based column it is in. */
  static final class ColumnException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int column;

    ColumnException(int column, String message, Throwable cause) {
      super(message, cause);
      this.column = column;
    }

    int column() {
      return column;
    }
  }

  private static FieldReader readerFor(Column column) {
    String nativeType = column.nativeType().toLowerCase(Locale.ROOT);
    DmsType kind = column.type().kind();
    return switch (kind) {
      case BOOLEAN -> (row, i) -> {
        byte[] bits = row.getBytes(i); // BIT(1) arrives as one raw byte
        return bits == null ? null : bits[bits.length - 1] != 0;
      };
      case INT1, INT2, UINT1 -> (row, i) -> {
        short value = row.getShort(i);
        return row.wasNull() ? null : value;
      };
      case INT4, UINT2 -> (row, i) -> {
        int value = row.getInt(i);
        return row.wasNull() ? null : value;
      };
      case INT8, UINT4 -> (row, i) -> {
        long value = row.getLong(i);
        return row.wasNull() ? null : value;
      };
      case UINT8 -> (row, i) -> text(row, i, BigInteger::new);
      case NUMERIC -> (row, i) -> text(row, i, BigDecimal::new);
      // selected as a double (see MySqlSelect): exact, where FLOAT's own text has 6 digits
      case REAL4 -> (row, i) -> text(row, i, t -> (float) Double.parseDouble(t));
      case REAL8 -> (row, i) -> text(row, i, Double::parseDouble);
      case BYTES, BLOB -> (row, i) -> row.getBytes(i);
      case DATE -> (row, i) -> text(row, i, MySqlTemporalText::parseDate);
      case TIME -> (row, i) -> text(row, i, MySqlTemporalText::parseTime);
      case DATETIME -> nativeType.startsWith("timestamp")
          ? (row, i) -> text(row, i, MySqlTemporalText::parseTimestamp)
          : (row, i) -> text(row, i, MySqlTemporalText::parseDateTime);
      default -> (row, i) -> row.getString(i); // strings, text, JSON, enum, set
    };
  }

  private static Object text(ResultSet row, int index, java.util.function.Function<String, ?> parse)
      throws SQLException {
    String text = row.getString(index);
    return text == null ? null : parse.apply(text);
  }
}
