package io.opendms.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What SigV4 covers of an incoming request.
 *
 * @param method the HTTP method
 * @param path the raw (encoded) path
 * @param rawQuery the raw query string, or null
 * @param headers header values by lower-case name
 * @param body the payload
 */
public record SignedRequest(
    String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  public Optional<String> header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
