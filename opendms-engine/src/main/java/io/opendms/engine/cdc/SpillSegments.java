package io.opendms.engine.cdc;

import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.zip.CRC32C;

/**
 * Append-only segment files holding change events in order: each record is its length, a CRC32C
 * of its bytes, and the bytes ({@link ChangeCodec}). Read back from the oldest segment; a segment
 * is deleted once read. A checksum mismatch (a torn or damaged file) fails loudly instead of
 * applying damaged changes. The files serve one run only: after a restart the source streams
 * again from the target's stored position. Used under the {@link ChangeBuffer}'s lock.
 */
final class SpillSegments implements AutoCloseable {

  private static final long SEGMENT_BYTES = 64L << 20;

  private final Path directory;
  private final ArrayDeque<Path> segments = new ArrayDeque<>();
  private final ByteArrayOutputStream record = new ByteArrayOutputStream(512);
  private final CRC32C crc = new CRC32C();
  private int nextSegment;
  private OutputStream writer;
  private long writerBytes;
  private long writerFlushed;
  private DataInputStream reader;
  private long readerBytes;
  private long events;
  private long unreadBytes;

  SpillSegments(Path directory) {
    this.directory = directory;
  }

  /** Bytes of the events written and not yet read, as they are in the files. */
  long bytes() {
    return unreadBytes;
  }

  /** Events written and not yet read. */
  long size() {
    return events;
  }

  void append(ChangeEvent event) {
    try {
      if (writer == null || writerBytes >= SEGMENT_BYTES) {
        startSegment();
      }
      record.reset();
      ChangeCodec.write(event, new DataOutputStream(record));
      crc.reset();
      crc.update(record.toByteArray());
      DataOutputStream out = new DataOutputStream(writer);
      out.writeInt(record.size());
      out.writeInt((int) crc.getValue());
      record.writeTo(out);
      writerBytes += 8 + record.size();
      unreadBytes += 8 + record.size();
      events++;
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INTERNAL, "cannot spill changes to " + directory + ": " + e, e);
    }
  }

  /** The oldest unread event; the caller checks {@link #size()} first. */
  ChangeEvent next() {
    try {
      if (reader == null) {
        openOldest();
      }
      if (segments.size() == 1 && readerBytes >= writerFlushed) {
        writer.flush(); // the reader caught up with the segment being written
        writerFlushed = writerBytes;
      }
      int length;
      try {
        length = reader.readInt();
      } catch (EOFException end) {
        finishOldest();
        return next();
      }
      int expected = reader.readInt();
      byte[] bytes = new byte[length];
      reader.readFully(bytes);
      readerBytes += 8 + length;
      crc.reset();
      crc.update(bytes);
      if ((int) crc.getValue() != expected) {
        throw new OpenDmsException(ErrorCode.INTERNAL, "spilled change record in "
            + segments.peekFirst() + " fails its checksum at byte " + (readerBytes - length - 8));
      }
      events--;
      unreadBytes -= 8 + length;
      return ChangeCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INTERNAL, "cannot read spilled changes in " + directory + ": " + e, e);
    }
  }

  private void startSegment() throws IOException {
    if (writer != null) {
      writer.close();
    }
    Files.createDirectories(directory);
    Path segment = directory.resolve(String.format("segment-%06d.cdc", ++nextSegment));
    writer = new BufferedOutputStream(Files.newOutputStream(segment), 1 << 16);
    segments.addLast(segment);
    writerBytes = 0;
    writerFlushed = 0;
  }

  private void openOldest() throws IOException {
    if (segments.size() == 1) {
      writer.flush();
      writerFlushed = writerBytes;
    }
    InputStream in = Files.newInputStream(segments.peekFirst());
    reader = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    readerBytes = 0;
  }

  private void finishOldest() throws IOException {
    if (segments.size() == 1) {
      throw new IOException("segment " + segments.peekFirst() + " ended before its events");
    }
    reader.close();
    reader = null;
    Files.deleteIfExists(segments.removeFirst());
    openOldest();
  }

  /** Closes and deletes every segment. */
  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (writer != null) {
        writer.close();
      }
      for (Path segment : segments) {
        Files.deleteIfExists(segment);
      }
    } catch (IOException ignored) {
      // leftovers are removed when the next run of the task starts
    }
    segments.clear();
    events = 0;
    unreadBytes = 0;
  }
}
