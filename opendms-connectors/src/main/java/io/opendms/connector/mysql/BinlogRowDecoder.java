package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.type.DmsType;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Turns one table's binlog row images into the canonical values the snapshot reader produces for
 * the same rows ({@link MySqlValueReader}): unsigned integers widened, YEAR as a number, ENUM and
 * SET indexes as their labels (the binlog carries only indexes; the labels come from discovery),
 * text decoded with the column's character set, BINARY padded back to its length, geometry as WKB
 * without the SRID, MySQL's binary JSON as text. Built when a table map names a captured table and
 * checked against it, so a table whose columns changed since discovery fails clearly. Confined to
 * the capture thread.
 */
final class BinlogRowDecoder {

  @FunctionalInterface
  private interface Cell {
    Object decode(Serializable raw);
  }

  private final TableDefinition table;
  private final Cell[] cells;

  /**
   * @param types the table map's column type codes
   * @param charsets each column's Java charset, null for non-text columns
   * @throws IllegalArgumentException when the table map does not match the discovered columns
   */
  BinlogRowDecoder(TableDefinition table, byte[] types, List<Charset> charsets) {
    this.table = table;
    List<Column> columns = table.columns();
    if (types.length != columns.size()) {
      throw new IllegalArgumentException("the binlog has " + types.length + " columns for "
          + table.id() + ", discovery found " + columns.size() + " (was the table altered after the"
          + " task started? restart it with --start reload-target)");
    }
    cells = new Cell[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cellFor(columns.get(i), ColumnType.byCode(types[i] & 0xFF), charsets.get(i));
    }
  }

  TableDefinition table() {
    return table;
  }

  /**
   * The canonical values of one row image (every column, as {@code binlog_row_image=FULL} logs).
   *
   * @throws IllegalArgumentException naming the column whose value has no canonical form
   */
  Object[] decode(Serializable[] raw) {
    if (raw.length != cells.length) {
      throw new IllegalArgumentException("a row image of " + table.id() + " has " + raw.length
          + " of its " + cells.length + " columns: the source must log full rows (binlog_row_image=FULL)");
    }
    Object[] values = new Object[raw.length];
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != null) {
        try {
          values[i] = cells[i].decode(raw[i]);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("column " + table.columns().get(i).name() + " of "
              + table.id() + ": " + e.getMessage(), e);
        }
      }
    }
    return values;
  }

  private static Cell cellFor(Column column, ColumnType type, Charset charset) {
    String nativeType = column.nativeType().toLowerCase(Locale.ROOT);
    String base = nativeType.split("[( ]", 2)[0];
    DmsType kind = column.type().kind();
    // the table map says STRING for both; the real type hides in the metadata
    if (base.equals("enum")) {
      List<String> labels = column.enumLabels().isEmpty()
          ? MySqlTypeMapper.enumLabels(column.nativeType()) : column.enumLabels();
      return raw -> enumLabel(labels, ((Number) raw).intValue());
    }
    if (base.equals("set")) {
      List<String> members = MySqlTypeMapper.enumLabels(column.nativeType());
      return raw -> setMembers(members, ((Number) raw).longValue());
    }
    if (type == ColumnType.YEAR) {
      // the library adds 1900; the stored 0 is the year 0000
      return raw -> (short) (((Number) raw).intValue() == 1900 ? 0 : ((Number) raw).intValue());
    }
    if (MySqlTypeMapper.isGeometry(base)) {
      // MySQL's internal form: a 4-byte SRID, then the WKB that ST_AsBinary returns
      return raw -> Arrays.copyOfRange((byte[]) raw, 4, ((byte[]) raw).length);
    }
    return switch (kind) {
      case BOOLEAN -> raw -> {
        byte[] bits = (byte[]) raw;
        return bits.length > 0 && bits[bits.length - 1] != 0;
      };
      case INT1, INT2 -> raw -> ((Number) raw).shortValue();
      case UINT1 -> raw -> (short) (((Number) raw).intValue() & 0xFF);
      case INT4 -> raw -> ((Number) raw).intValue();
      case UINT2 -> raw -> ((Number) raw).intValue() & 0xFFFF;
      case INT8 -> raw -> ((Number) raw).longValue();
      case UINT4 -> type == ColumnType.INT24
          ? raw -> ((Number) raw).longValue() & 0xFFFFFFL
          : raw -> ((Number) raw).longValue() & 0xFFFFFFFFL;
      case UINT8 -> raw -> {
        long value = ((Number) raw).longValue();
        return value >= 0 ? BigInteger.valueOf(value)
            : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
      };
      case NUMERIC -> raw -> raw; // BigDecimal with the column's scale, as the text form reads
      case REAL4 -> raw -> ((Number) raw).floatValue();
      case REAL8 -> raw -> ((Number) raw).doubleValue();
      case DATE -> raw -> raw instanceof String text ? MySqlTemporalText.parseDate(text) : raw;
      case TIME -> raw -> MySqlTemporalText.parseTime((String) raw);
      case DATETIME -> nativeType.startsWith("timestamp")
          ? raw -> raw instanceof String zero ? MySqlTemporalText.parseTimestamp(zero) : raw
          : raw -> raw instanceof String text ? MySqlTemporalText.parseDateTime(text) : raw;
      case BYTES, BLOB -> base.equals("binary") ? padded(column) : raw -> raw;
      case JSON -> type == ColumnType.JSON
          ? raw -> json((byte[]) raw)
          : raw -> text(raw, charset);
      case STRING, WSTRING, CLOB, NCLOB -> knownText(base)
          ? raw -> text(raw, charset)
          : raw -> {
            throw new IllegalArgumentException("binlog capture cannot decode the server type "
                + column.nativeType() + " (the full load reads its text form)");
          };
      default -> raw -> {
        throw new IllegalArgumentException("binlog capture has no decoding for " + kind);
      };
    };
  }

  /** BINARY(n) is logged without its trailing zero bytes; the column holds all n. */
  private static Cell padded(Column column) {
    int length = column.type().length();
    return raw -> {
      byte[] bytes = (byte[]) raw;
      return bytes.length >= length ? bytes : Arrays.copyOf(bytes, length);
    };
  }

  private static boolean knownText(String base) {
    return switch (base) {
      case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> true;
      default -> false;
    };
  }

  private static String text(Serializable raw, Charset charset) {
    return raw instanceof byte[] bytes ? new String(bytes, charset) : raw.toString();
  }

  private static String json(byte[] binary) {
    try {
      return binary.length == 0 ? "null" : JsonBinary.parseAsString(binary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MySQL binary JSON", e);
    }
  }

  /** ENUM index 1..n; 0 is the empty string MySQL stores for an invalid value. */
  private static String enumLabel(List<String> labels, int index) {
    if (index == 0) {
      return "";
    }
    if (index > labels.size()) {
      throw new IllegalArgumentException("ENUM index " + index + " beyond its " + labels.size()
          + " labels (was the column altered after the task started?)");
    }
    return labels.get(index - 1);
  }

  private static String setMembers(List<String> members, long bits) {
    StringJoiner text = new StringJoiner(",");
    for (int i = 0; i < members.size() && i < 64; i++) {
      if ((bits & (1L << i)) != 0) {
        text.add(members.get(i));
      }
    }
    return text.toString();
  }
}
