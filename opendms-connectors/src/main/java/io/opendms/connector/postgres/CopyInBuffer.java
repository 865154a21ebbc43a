package io.opendms.connector.postgres;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Collects bytes for a {@link CopyIn} and sends them in messages of about {@link #CHUNK_BYTES}:
 * each {@code writeToCopy} call is one protocol message, and rows (tens of bytes) one by one would
 * spend more on framing and system calls than on data. Confined to one thread.
 */
final class CopyInBuffer {

  /** Big enough to amortise a message, small enough to stay in the CPU cache. */
  static final int CHUNK_BYTES = 64 * 1024;

  private final CopyIn copyIn;
  private final byte[] buffer = new byte[CHUNK_BYTES];
  private int length;

  CopyInBuffer(CopyIn copyIn) {
    this.copyIn = copyIn;
  }

  void write(byte[] bytes, int offset, int count) throws SQLException {
    if (length + count > CHUNK_BYTES) {
      flush();
    }
    if (count >= CHUNK_BYTES) {
      copyIn.writeToCopy(bytes, offset, count); // already a full chunk: no copy
      return;
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  void flush() throws SQLException {
    if (length > 0) {
      copyIn.writeToCopy(buffer, 0, length);
      length = 0;
    }
  }
}
