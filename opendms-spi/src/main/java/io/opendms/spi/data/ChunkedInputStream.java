package io.opendms.spi.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An input stream over a LOB value read one piece at a time (full LOB mode's lookups): holds one
 * piece, asks for the next when it is used up. A piece is a SQL {@code substring}: {@code
 * chunkUnits} bytes of a binary value or characters of text from {@link #nextPosition()} on;
 * {@link #advance} moves past it, and a short piece is the last. Not thread-safe.
 */
public abstract class ChunkedInputStream extends InputStream {
  private final int chunkUnits;
  private long position = 1;
  private boolean lastRead;
  private byte[] chunk = new byte[0];
  private int at;
  private boolean ended;

  protected ChunkedInputStream(int chunkUnits) {
    if (chunkUnits < 1) {
      throw new IllegalArgumentException("pieces of " + chunkUnits);
    }
    this.chunkUnits = chunkUnits;
  }

  /** The next piece, or null after the last; an empty piece is skipped. */
  protected abstract byte[] nextChunk() throws IOException;

  /** Where the next piece starts, 1-based, in bytes or characters. */
  protected final long nextPosition() {
    return position;
  }

  /** Whether the last piece was read. */
  protected final boolean ended() {
    return lastRead;
  }

  /**
   * Moves past a piece the source returned: a {@code byte[]}, a {@code String} (characters
   * counted as the database does, by code point; returned in UTF-8) or null (nothing more).
   */
  protected final byte[] advance(Object piece) {
    long units;
    byte[] bytes;
    if (piece instanceof String text) {
      units = text.codePointCount(0, text.length());
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } else {
      bytes = (byte[]) piece;
      units = bytes == null ? 0 : bytes.length;
    }
    position += units;
    lastRead = units < chunkUnits;
    return bytes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (at == chunk.length) {
      if (ended) {
        return -1;
      }
      byte[] next = nextChunk();
      if (next == null) {
        ended = true;
        chunk = new byte[0];
      } else {
        chunk = next;
      }
      at = 0;
    }
    int n = Math.min(length, chunk.length - at);
    System.arraycopy(chunk, at, buffer, offset, n);
    at += n;
    return n;
  }
}
