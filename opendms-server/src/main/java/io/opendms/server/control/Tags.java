package io.opendms.server.control;

import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** DMS tag rules, checked before anything is stored so a bad tag leaves no half-made resource. */
final class Tags {
  private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private Tags() {}

  static Map<String, String> checked(ApiRequest request) {
    Map<String, String> tags = request.tags("Tags");
    tags.forEach(Tags::check);
    return tags;
  }

  private static void check(String key, String value) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (key.isEmpty() || key.length() > 128 || value.length() > 256
        || lower.startsWith("aws:") || lower.startsWith("dms:")
        || !CHARACTERS.matcher(key).matches() || !CHARACTERS.matcher(value).matches()) {
      throw DmsFault.invalidParameter("Tag '" + key + "' is invalid: keys are 1-128 characters, values"
          + " at most 256, of letters, digits, spaces and _.:/=+-@, and keys may not start with aws: or dms:");
    }
  }
}
