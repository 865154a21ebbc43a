package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * DMS's CSV: {@code CsvDelimiter} between values, {@code CsvRowDelimiter} after each row, {@code
 * CsvNullValue} for NULL, RFC 4180 quoting (a value holding a delimiter, quote or line break is
 * quoted with its quotes doubled), binary as upper-case hex, timestamps as {@code yyyy-MM-dd
 * HH:mm:ss[.ffffff]} (UTC for time-zoned ones), optionally gzip-compressed.
 */
final class CsvFileWriter implements TableFileWriter {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /**
   * Stands for a value the source did not send (UseCsvNoSupValue): written as CsvNoSupValue.
   * Compared by identity.
   */
  static final Object NOT_SENT = new Object();

  private final S3Settings settings;
  private final CountingStream counted;
  /** The compressor over {@link #counted}, or {@link #counted} itself. */
  private final OutputStream stream;
  private final CsvBytes out;
  private final byte[] delimiter;
  private final byte[] rowDelimiter;
  private final byte[] nullValue;
  private final byte[] noSupValue;
  /**
   * The characters that may make a value need quoting (RFC 4180): a value without any of them
   * is written as it is; one with any goes the exact way of {@link #quoted}.
   */
  private final boolean[] quoteStops = new boolean[0x80];
  /** Whether numbers and timestamps never need quoting: no delimiter is one of their characters. */
  private final boolean plainNumbers;
  private long rows;

  CsvFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn) throws IOException {
    this(sink, settings, columns, opColumn, timestampColumn, settings.addColumnName());
  }

  /** @param header whether to write a header row (AddColumnName) */
  CsvFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn, boolean header) throws IOException {
    this.settings = settings;
    this.counted = new CountingStream(sink);
    this.stream = settings.gzip() ? new GZIPOutputStream(counted, 1 << 16) : counted;
    this.out = new CsvBytes(stream);
    this.delimiter = utf8(settings.delimiter());
    this.rowDelimiter = utf8(settings.rowDelimiter());
    this.nullValue = utf8(settings.nullValue());
    this.noSupValue = settings.noSupValue() == null ? null : utf8(settings.noSupValue());
    if (settings.rfc4180() && (settings.delimiter().isEmpty()
        || settings.rowDelimiter().isEmpty())) {
      Arrays.fill(quoteStops, true); // every value contains the empty string
    } else if (settings.rfc4180()) {
      for (char c : new char[] {'"', '\n', '\r', settings.delimiter().charAt(0),
          settings.rowDelimiter().charAt(0)}) {
        if (c < quoteStops.length) {
          quoteStops[c] = true;
        }
      }
    }
    boolean plain = true;
    for (char c : "0123456789-+.: ".toCharArray()) {
      plain &= !quoteStops[c];
    }
    this.plainNumbers = plain;
    if (header) {
      StringBuilder names = new StringBuilder();
      if (opColumn) {
        names.append("Op").append(settings.delimiter());
      }
      for (int i = 0; i < columns.size(); i++) {
        names.append(i == 0 ? "" : settings.delimiter()).append(quoted(columns.get(i).name()));
      }
      if (timestampColumn) {
        names.append(settings.delimiter()).append(quoted(settings.timestampColumn()));
      }
      out.append(names.append(settings.rowDelimiter()).toString());
    }
  }

  @Override
  public void write(String op, Object[] values, String timestamp) throws IOException {
    if (op != null) {
      out.append(op);
      out.append(delimiter);
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      value(values[i]);
    }
    if (timestamp != null) {
      out.append(delimiter);
      out.append(timestamp);
    }
    out.append(rowDelimiter);
    rows++;
  }

  /** One value as {@link #text} and {@link #quoted} make it, without their copies where it can. */
  private void value(Object value) throws IOException {
    if (value == null) {
      out.append(nullValue);
    } else if (value == NOT_SENT) {
      out.append(noSupValue);
    } else if (value instanceof String string) {
      if (!out.appendAscii(string, quoteStops)) {
        out.append(quoted(string));
      }
    } else if (plainNumbers && (value instanceof Long || value instanceof Integer
        || value instanceof Short)) {
      out.append(((Number) value).longValue());
    } else if (plainNumbers && value instanceof Instant instant
        && out.appendTimestamp(instant.getEpochSecond(), instant.getNano())) {
      return;
    } else if (plainNumbers && value instanceof LocalDateTime time && out.appendTimestamp(time)) {
      return;
    } else {
      String text = text(value);
      if (!out.appendAscii(text, quoteStops)) {
        out.append(quoted(text));
      }
    }
  }

  @Override
  public long bytes() {
    // compressed, only what left the compressor; else also what waits in the buffer
    return counted.count + (settings.gzip() ? 0 : out.pending());
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    out.drain();
    stream.close();
  }

  /** The upload was aborted before: closing only releases the compressor. */
  @Override
  public void abandon() {
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      // nothing of the file is kept
    }
  }

  /** A value as DMS writes it into CSV, before quoting. */
  static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return HexFormat.of().withUpperCase().formatHex(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof LocalDateTime time) {
      return timestamp(time);
    }
    if (value instanceof Instant instant) {
      return timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    if (value instanceof NonFiniteNumber number) {
      return number.text();
    }
    if (value instanceof ZeroDate zero) {
      return zero.text();
    }
    return value.toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss} with six fraction digits when there is a fraction. */
  static String timestamp(LocalDateTime time) {
    String fast = CsvBytes.timestamp(time);
    if (fast != null) {
      return fast;
    }
    String seconds = SECONDS.format(time);
    return time.getNano() == 0 ? seconds
        : seconds + "." + String.format("%06d", time.getNano() / 1000);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String quoted(String text) {
    if (!settings.rfc4180()) {
      return text;
    }
    boolean needs = text.contains(settings.delimiter()) || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
        || text.contains(settings.rowDelimiter());
    return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Counts the bytes that reach the file, after compression. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }
  }
}
