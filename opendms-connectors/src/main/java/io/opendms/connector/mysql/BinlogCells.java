package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Reads the cells of binlog row images whose library decoding loses information: dates and
 * datetimes (the library turns them into {@code java.util.Date} in the JVM's zone and zero dates
 * into null) become {@link LocalDate}/{@link LocalDateTime}, or where they have a zero part the
 * text MySQL prints, which {@link MySqlTemporalText} then parses exactly as the snapshot reader
 * does; times become their text; TIMESTAMP becomes an {@link Instant} (UTC, as stored) or, for the zero
 * timestamp, its text; BIT becomes its raw big-endian bytes, as JDBC returns them. The cells of
 * every table are read this way, also of tables outside the task, so nothing here throws on a
 * valid value: refusing what canonical types cannot hold is the {@link BinlogRowDecoder}'s job.
 * Stateless.
 */
final class BinlogCells {

  private BinlogCells() {}

  /** The cell's value, or {@code null} when the library's own decoding serves. */
  static Serializable read(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
    return switch (type) {
      case DATE -> date(in.readInteger(3));
      case DATETIME_V2 -> datetime(meta, in);
      case TIMESTAMP_V2 -> timestamp(meta, in);
      case TIME_V2 -> time(meta, in);
      case BIT -> in.read(((meta >> 8) * 8 + (meta & 0xFF) + 7) / 8);
      default -> null;
    };
  }

  private static Serializable date(int value) {
    int day = value & 31;
    int month = (value >>> 5) & 15;
    int year = value >>> 9;
    if (year > 0 && month > 0 && day > 0) { // a zero part (0000-01-01 too) is a ZeroDate
      try {
        return LocalDate.of(year, month, day);
      } catch (DateTimeException invalid) {
        // February 30th and the like (ALLOW_INVALID_DATES): the text, which the decoder refuses
      }
    }
    return ymd(new StringBuilder(26), year, month, day).toString();
  }

  /** 1 bit sign, 17 bits year*13+month, 5 day, 5 hour, 6 minute, 6 second; then the fraction. */
  private static Serializable datetime(int meta, ByteArrayInputStream in) throws IOException {
    long packed = bigEndian(in.read(5)) & 0x7FFFFFFFFFL;
    int micros = fraction(meta, in);
    long yearMonth = packed >>> 22;
    int year = (int) (yearMonth / 13);
    int month = (int) (yearMonth % 13);
    int day = (int) ((packed >>> 17) & 31);
    int hour = (int) ((packed >>> 12) & 31);
    int minute = (int) ((packed >>> 6) & 63);
    int second = (int) (packed & 63);
    if (year > 0 && month > 0 && day > 0) {
      // the common case, without a round trip through text
      try {
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
      } catch (DateTimeException invalid) {
        // an invalid date: the text, which the decoder refuses
      }
    }
    StringBuilder text = ymd(new StringBuilder(26), year, month, day);
    text.append(' ');
    hms(text, hour, minute, second);
    return withFraction(text, meta, micros);
  }

  private static Serializable timestamp(int meta, ByteArrayInputStream in) throws IOException {
    long seconds = bigEndian(in.read(4));
    int micros = fraction(meta, in);
    if (seconds == 0 && micros == 0) {
      return withFraction(new StringBuilder("0000-00-00 00:00:00"), meta, 0);
    }
    return Instant.ofEpochSecond(seconds, micros * 1000L);
  }

  /** 1 bit sign (1 = non-negative), 1 unused, 10 bits hour, 6 minute, 6 second; the fraction. */
  private static String time(int meta, ByteArrayInputStream in) throws IOException {
    int bytes = (meta + 1) / 2;
    long packed = bigEndian(in.read(3 + bytes));
    // the whole value is an offset-binary number: subtract the zero point for the magnitude
    long zero = 0x800000L << (bytes * 8);
    long value = packed - zero;
    StringBuilder text = new StringBuilder(16);
    if (value < 0) {
      text.append('-');
      value = -value;
    }
    long fractionUnits = value & ((1L << (bytes * 8)) - 1);
    long whole = value >>> (bytes * 8);
    int hour = (int) ((whole >>> 12) & 1023);
    if (hour < 10) {
      text.append('0');
    }
    text.append(hour).append(':');
    two(text, (int) ((whole >>> 6) & 63)).append(':');
    two(text, (int) (whole & 63));
    int micros = (int) (fractionUnits * (bytes == 1 ? 10_000 : bytes == 2 ? 100 : 1));
    return withFraction(text, meta, micros);
  }

  private static int fraction(int meta, ByteArrayInputStream in) throws IOException {
    int bytes = (meta + 1) / 2;
    if (bytes == 0) {
      return 0;
    }
    int units = (int) bigEndian(in.read(bytes));
    return units * (bytes == 1 ? 10_000 : bytes == 2 ? 100 : 1);
  }

  private static String withFraction(StringBuilder text, int digits, int micros) {
    if (digits > 0) {
      String six = Integer.toString(1_000_000 + micros).substring(1);
      text.append('.').append(six, 0, digits);
    }
    return text.toString();
  }

  private static StringBuilder ymd(StringBuilder text, int year, int month, int day) {
    String y = Integer.toString(10_000 + year);
    text.append(y, y.length() - 4, y.length()).append('-');
    two(text, month).append('-');
    return two(text, day);
  }

  private static void hms(StringBuilder text, int hour, int minute, int second) {
    two(text, hour).append(':');
    two(text, minute).append(':');
    two(text, second);
  }

  private static StringBuilder two(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static long bigEndian(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  /** Row deserializers that read cells with {@link BinlogCells} first. */
  static final class Write extends WriteRowsEventDataDeserializer {
    Write(Map<Long, TableMapEventData> tables) {
      super(tables);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable value = read(type, meta, in);
      return value != null ? value : super.deserializeCell(type, meta, length, in);
    }
  }

  /** See {@link Write}. */
  static final class Update extends UpdateRowsEventDataDeserializer {
    Update(Map<Long, TableMapEventData> tables) {
      super(tables);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable value = read(type, meta, in);
      return value != null ? value : super.deserializeCell(type, meta, length, in);
    }
  }

  /** See {@link Write}. */
  static final class Delete extends DeleteRowsEventDataDeserializer {
    Delete(Map<Long, TableMapEventData> tables) {
      super(tables);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable value = read(type, meta, in);
      return value != null ? value : super.deserializeCell(type, meta, length, in);
    }
  }
}
