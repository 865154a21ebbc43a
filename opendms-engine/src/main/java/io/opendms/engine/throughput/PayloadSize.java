package io.opendms.engine.throughput;

import java.util.List;

/**
 * The size of decoded values as they travel, for DMS's ThroughputBandwidth metrics where no byte
 * stream is at hand: characters of text (one byte each, as ASCII-heavy data is), bytes of binary
 * values, 8 for numbers, times and anything else, 0 for NULL. An estimate, not a wire count: the
 * native full-load path counts the exact bytes of its stream instead.
 */
public final class PayloadSize {
  private PayloadSize() {}

  public static long of(Object value) {
    if (value == null) {
      return 0;
    }
    // Called for every value of a full load: tests against classes first, which are one compare;
    // a test against an interface scans the value's class's interfaces whenever it fails.
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return 8;
    }
    return value instanceof CharSequence text ? text.length() : 8;
  }

  public static long ofRow(Object[] values) {
    long bytes = 0;
    for (Object value : values) {
      bytes += of(value);
    }
    return bytes;
  }

  /** A change's before and after images; either may be null. */
  public static long ofImages(List<Object> before, List<Object> after) {
    long bytes = 0;
    for (List<Object> image : new List[] {before, after}) {
      if (image != null) {
        for (Object value : image) {
          bytes += of(value);
        }
      }
    }
    return bytes;
  }
}
