package io.opendms.connector.s3;

import io.opendms.spi.table.Column;
import io.opendms.spi.type.NonFiniteNumber;
import io.opendms.spi.type.ZeroDate;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
  private final Writer out;
  private long rows;

  CsvFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn) throws IOException {
    this(sink, settings, columns, opColumn, timestampColumn, settings.addColumnName());
  }

  /** @param header whether to write a header row (AddColumnName) */
  CsvFileWriter(OutputStream sink, S3Settings settings, List<Column> columns, boolean opColumn,
      boolean timestampColumn, boolean header) throws IOException {
    this.settings = settings;
    this.counted = new CountingStream(new BufferedOutputStream(sink, 1 << 16));
    OutputStream stream = settings.gzip() ? new GZIPOutputStream(counted, 1 << 16) : counted;
    this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
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
      out.write(names.append(settings.rowDelimiter()).toString());
    }
  }

  @Override
  public void write(String op, Object[] values, String timestamp) throws IOException {
    if (op != null) {
      out.write(op);
      out.write(settings.delimiter());
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(settings.delimiter());
      }
      out.write(values[i] == null ? settings.nullValue()
          : values[i] == NOT_SENT ? settings.noSupValue() : quoted(text(values[i])));
    }
    if (timestamp != null) {
      out.write(settings.delimiter());
      out.write(timestamp);
    }
    out.write(settings.rowDelimiter());
    rows++;
  }

  @Override
  public long bytes() {
    return counted.count;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    out.close();
  }

  /** The upload was aborted before: closing only releases the compressor. */
  @Override
  public void abandon() {
    try {
      out.close();
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
    String seconds = SECONDS.format(time);
    return time.getNano() == 0 ? seconds
        : seconds + "." + String.format("%06d", time.getNano() / 1000);
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
