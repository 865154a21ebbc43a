package io.opendms.server.dms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a Describe result by {@code MaxRecords} and {@code Marker}. The marker is the
 * opaque position of the next item; lists are in creation order, so pages do not overlap.
 *
 * @param items the items of this page
 * @param nextMarker the marker of the next page, or null on the last one
 */
public record Page<T>(List<T> items, String nextMarker) {

  /** Default 100, at least 20, at most {@code max} (100, or 500 for table statistics). */
  public static <T> Page<T> of(List<T> all, ApiRequest request, int max) {
    int size = request.optionalInt("MaxRecords").orElse(100);
    if (size < 20 || size > max) {
      throw DmsFault.invalidParameter("MaxRecords must be between 20 and " + max + ", got " + size);
    }
    int from = request.optionalString("Marker").map(Page::decode).orElse(0);
    if (from > all.size()) {
      throw DmsFault.invalidParameter("Marker does not belong to this listing");
    }
    int to = Math.min(all.size(), from + size);
    return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? encode(to) : null);
  }

  private static String encode(int position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("opendms:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String marker) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (!text.startsWith("opendms:")) {
        throw new IllegalArgumentException(text);
      }
      int position = Integer.parseInt(text.substring("opendms:".length()));
      if (position < 0) {
        throw new IllegalArgumentException(text);
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw DmsFault.invalidParameter("Marker '" + marker + "' is not a marker this service returned");
    }
  }
}
