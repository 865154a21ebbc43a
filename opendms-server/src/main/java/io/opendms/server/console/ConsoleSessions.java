package io.opendms.server.console;

import io.opendms.server.auth.AccessKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sign-in: an access key id and its secret, checked against the server's keys, open a
 * session held in memory (a restart signs everybody out). Sessions end after {@link #IDLE} without
 * use. Without keys ({@code --insecure-no-auth}) no sign-in is needed, as for the API.
 */
final class ConsoleSessions {
  static final Duration IDLE = Duration.ofHours(12);
  static final String COOKIE = "opendms_session";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One signed-in browser.
   *
   * @param id the cookie value
   * @param accessKeyId who signed in
   * @param csrfToken sent back by the console in {@code X-CSRF-Token} on every change
   */
  record Session(String id, String accessKeyId, String csrfToken) {}

  private record Held(Session session, Instant lastUse) {}

  private static final Session OPEN = new Session("", "(no authentication)", "");

  private final AccessKeys keys;
  private final Clock clock;
  private final Map<String, Held> sessions = new ConcurrentHashMap<>();

  /** @param keys the server's keys; null when the server runs with --insecure-no-auth */
  ConsoleSessions(AccessKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  boolean authRequired() {
    return keys != null;
  }

  /** A new session when the secret is the key's; empty otherwise (which, is not said). */
  Optional<Session> signIn(String accessKeyId, String secret) {
    if (!authRequired()) {
      return Optional.of(OPEN);
    }
    Optional<String> expected = accessKeyId == null ? Optional.empty() : keys.secretOf(accessKeyId);
    // Compare even for an unknown key, so that timing does not tell which keys exist.
    byte[] wanted = expected.orElse("\u0000unknown-key").getBytes(StandardCharsets.UTF_8);
    byte[] given = (secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(wanted, given) || expected.isEmpty()) {
      return Optional.empty();
    }
    Session session = new Session(token(), accessKeyId, token());
    sessions.put(session.id(), new Held(session, clock.instant()));
    return Optional.of(session);
  }

  /** The live session of a cookie value; refreshes its idle time. */
  Optional<Session> find(String cookieValue) {
    if (!authRequired()) {
      return Optional.of(OPEN);
    }
    if (cookieValue == null || cookieValue.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Held held = sessions.get(cookieValue);
    if (held == null) {
      return Optional.empty();
    }
    if (Duration.between(held.lastUse(), now).compareTo(IDLE) > 0) {
      sessions.remove(cookieValue);
      return Optional.empty();
    }
    sessions.put(cookieValue, new Held(held.session(), now));
    return Optional.of(held.session());
  }

  void signOut(String cookieValue) {
    if (cookieValue != null) {
      sessions.remove(cookieValue);
    }
  }

  /** Whether {@code given} is the session's CSRF token (always true without authentication). */
  static boolean csrfMatches(Session session, String given) {
    if (session == OPEN) {
      return true;
    }
    return given != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  /** Checks an HTTP Basic pair (Prometheus's basic_auth) against the keys. */
  boolean basicMatches(String accessKeyId, String secret) {
    if (!authRequired()) {
      return true;
    }
    Optional<String> expected = keys.secretOf(accessKeyId);
    return expected.isPresent() && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8));
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
