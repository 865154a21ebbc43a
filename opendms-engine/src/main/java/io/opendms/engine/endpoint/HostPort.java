package io.opendms.engine.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A server's host and port as read from a URI; an IPv6 host is held without its brackets.
 *
 * @param host the host name or address; empty for "the AWS SDK's default endpoint"
 * @param port 1-65535
 */
record HostPort(String host, int port) {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
  private static final Pattern FORBIDDEN = Pattern.compile("[\\s/\\\\@\\[\\]?#]");

  /**
   * Reads {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}; adds a problem
   * and returns null when it is malformed.
   */
  static HostPort parse(String text, int defaultPort, List<String> problems) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        problems.add("IPv6 host '" + text + "' has no closing ']'");
        return null;
      }
      host = text.substring(1, close);
      String after = text.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        problems.add("unexpected '" + after + "' after the IPv6 host [" + host + "]");
        return null;
      }
      port = after.isEmpty() ? null : after.substring(1);
      if (!host.contains(":")) {
        problems.add("'[" + host + "]' is not an IPv6 address; brackets are for IPv6 only");
        return null;
      }
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
        problems.add("host '" + text + "' looks like an IPv6 address; write it in brackets,"
            + " e.g. [::1]:5432");
        return null;
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      problems.add("host is missing");
      return null;
    }
    if (FORBIDDEN.matcher(host).find()) {
      problems.add("host '" + host + "' contains a character hosts cannot have");
      return null;
    }
    Integer number = port == null ? Integer.valueOf(defaultPort) : port(port, problems);
    return number == null ? null : new HostPort(host, number);
  }

  /** Reads the host and port of an {@code http://} or {@code https://} URL. */
  static HostPort ofUrl(String url, List<String> problems) {
    try {
      URI parsed = new URI(url);
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      String host = parsed.getHost();
      if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
        problems.add("endpoint '" + EndpointUri.redact(url)
            + "' is not an http:// or https:// URL with a host");
        return null;
      }
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = parsed.getPort() > 0 ? parsed.getPort() : scheme.equals("https") ? 443 : 80;
      return new HostPort(host, port);
    } catch (URISyntaxException e) {
      problems.add("endpoint '" + EndpointUri.redact(url) + "' is not a URL: " + e.getReason());
      return null;
    }
  }

  private static Integer port(String text, List<String> problems) {
    if (text.isEmpty()) {
      problems.add("port is empty after ':'");
      return null;
    }
    if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      problems.add("port '" + text + "' is not a number");
      return null;
    }
    int port = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : Integer.MAX_VALUE;
    if (port < 1 || port > 65535) {
      problems.add("port " + text + " is out of range 1-65535");
      return null;
    }
    return port;
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
