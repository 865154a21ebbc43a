package io.opendms.engine.mapping;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Cuts LOB values to a byte limit, as DMS's limited LOB mode does. Stateless. */
final class LobTruncation {

  private LobTruncation() {}

  /**
   * The value itself when it fits in {@code maxBytes}, else its first {@code maxBytes} bytes:
   * text counted in UTF-8 and cut before the first character that does not fit whole.
   */
  static Object cut(Object value, long maxBytes) {
    if (value instanceof byte[] bytes) {
      return bytes.length <= maxBytes ? bytes : Arrays.copyOf(bytes, (int) maxBytes);
    }
    if (value instanceof String text) {
      // at most 4 bytes per char in UTF-8: shorter text always fits
      if (text.length() * 4L <= maxBytes
          || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
        return text;
      }
      CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
      ByteBuffer out = ByteBuffer.allocate((int) maxBytes);
      CharBuffer in = CharBuffer.wrap(text);
      encoder.encode(in, out, true);
      return text.substring(0, in.position());
    }
    return value;
  }
}
