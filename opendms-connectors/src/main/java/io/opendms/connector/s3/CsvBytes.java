package io.opendms.connector.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The bytes of CSV rows on their way to a stream: values appended as UTF-8 straight into one
 * reused buffer, which goes to the stream whenever it fills. This replaces a {@code Writer}, whose
 * per-value charset encoding, and {@code String.format} for timestamps, cost more than reading
 * and decoding the rows did. Confined to one thread.
 */
final class CsvBytes {
  private static final int CAPACITY = 1 << 16;
  private static final long SECONDS_PER_DAY = 86_400;
  private static final int TIMESTAMP_BYTES = 26;
  private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay();

  private final OutputStream out;
  private byte[] buffer = new byte[CAPACITY];
  private int filled;

  CsvBytes(OutputStream out) {
    this.out = out;
  }

  /** Bytes appended and not yet passed to the stream. */
  int pending() {
    return filled;
  }

  void append(byte[] bytes) throws IOException {
    reserve(bytes.length);
    System.arraycopy(bytes, 0, buffer, filled, bytes.length);
    filled += bytes.length;
  }

  /** Any text as UTF-8. */
  void append(String text) throws IOException {
    if (!appendAscii(text, null)) {
      append(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Appends {@code text} when it is ASCII without any of the {@code stops} characters (null: none)
   * and returns true; else appends nothing and returns false. One pass, no copy of the text.
   */
  boolean appendAscii(String text, boolean[] stops) throws IOException {
    int length = text.length();
    reserve(length);
    byte[] into = buffer;
    int at = filled;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80 || (stops != null && stops[c])) {
        return false;
      }
      into[at++] = (byte) c;
    }
    filled = at;
    return true;
  }

  void append(long value) throws IOException {
    reserve(20);
    if (value == Long.MIN_VALUE) {
      append(Long.toString(value));
      return;
    }
    if (value < 0) {
      buffer[filled++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = filled + digits - 1; i >= filled; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    filled += digits;
  }

  /**
   * {@code yyyy-MM-dd HH:mm:ss}, and {@code .ffffff} when there is a fraction of a second (cut,
   * not rounded, to microseconds), of a UTC time given as seconds and nanoseconds since the
   * epoch; returns false, appending nothing, for a year outside 0-9999, which the caller prints
   * the slow way.
   */
  boolean appendTimestamp(long epochSecond, int nano) throws IOException {
    reserve(TIMESTAMP_BYTES);
    int end = timestamp(buffer, filled, epochSecond, nano);
    if (end < 0) {
      return false;
    }
    filled = end;
    return true;
  }

  /** The local time as {@link #appendTimestamp(long, int)} prints it. */
  boolean appendTimestamp(LocalDateTime time) throws IOException {
    return appendTimestamp(epochSecond(time), time.getNano());
  }

  /** {@link #appendTimestamp(LocalDateTime)} as a string; null for a year outside 0-9999. */
  static String timestamp(LocalDateTime time) {
    byte[] text = new byte[TIMESTAMP_BYTES];
    int end = timestamp(text, 0, epochSecond(time), time.getNano());
    return end < 0 ? null : new String(text, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static long epochSecond(LocalDateTime time) {
    return time.toLocalDate().toEpochDay() * SECONDS_PER_DAY + time.toLocalTime().toSecondOfDay();
  }

  /** Prints into {@code into} from {@code at}; returns the end, or -1 (nothing printed). */
  private static int timestamp(byte[] into, int at, long epochSecond, int nano) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    int second = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
    if (day < YEAR_0 || day >= YEAR_10000) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    at = twoDigits(into, at, year / 100);
    at = twoDigits(into, at, year % 100);
    into[at++] = '-';
    at = twoDigits(into, at, date.getMonthValue());
    into[at++] = '-';
    at = twoDigits(into, at, date.getDayOfMonth());
    into[at++] = ' ';
    at = twoDigits(into, at, second / 3600);
    into[at++] = ':';
    at = twoDigits(into, at, second / 60 % 60);
    into[at++] = ':';
    at = twoDigits(into, at, second % 60);
    if (nano != 0) {
      int micros = nano / 1000;
      into[at++] = '.';
      at = twoDigits(into, at, micros / 10_000);
      at = twoDigits(into, at, micros / 100 % 100);
      at = twoDigits(into, at, micros % 100);
    }
    return at;
  }

  /** Passes every pending byte to the stream. */
  void drain() throws IOException {
    if (filled > 0) {
      out.write(buffer, 0, filled);
      filled = 0;
    }
  }

  private static int twoDigits(byte[] into, int at, int value) {
    into[at] = (byte) ('0' + value / 10);
    into[at + 1] = (byte) ('0' + value % 10);
    return at + 2;
  }

  private void reserve(int length) throws IOException {
    if (filled + length > buffer.length) {
      drain();
      if (length > buffer.length) {
        buffer = new byte[length];
      }
    }
  }
}
