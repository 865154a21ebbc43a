package io.opendms.engine.endpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-decoding as UTF-8. Unlike {@link java.net.URLDecoder} it keeps {@code +}: in
 * a password or a time zone ({@code +02:00}) a plus is a plus.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  /**
   * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits or the
   *     bytes are not UTF-8; the message does not quote the text, which may be a password
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    var bytes = new ByteArrayOutputStream(text.length());
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != '%') {
        continue;
      }
      bytes.writeBytes(text.substring(runStart, i).getBytes(StandardCharsets.UTF_8));
      int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException("'%' not followed by two hex digits");
      }
      bytes.write(high * 16 + low);
      i += 2;
      runStart = i + 1;
    }
    bytes.writeBytes(text.substring(runStart).getBytes(StandardCharsets.UTF_8));
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoded bytes are not UTF-8");
    }
  }
}
