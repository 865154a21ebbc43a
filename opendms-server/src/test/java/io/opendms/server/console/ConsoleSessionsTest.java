package io.opendms.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.server.auth.AccessKeys;
import io.opendms.testkit.SettableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T06:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(new AccessKeys(Map.of("AKID", "secret")), clock);

  @Test
  void signsInOnlyWithTheKeysSecret() {
    assertThat(sessions.signIn("AKID", "wrong")).isEmpty();
    assertThat(sessions.signIn("OTHER", "secret")).isEmpty();
    assertThat(sessions.signIn(null, null)).isEmpty();
    var session = sessions.signIn("AKID", "secret").orElseThrow();
    assertThat(sessions.find(session.id())).contains(session);
    assertThat(session.csrfToken()).isNotEqualTo(session.id()).hasSizeGreaterThan(40);
  }

  @Test
  void checksTheCsrfTokenOfTheSession() {
    var session = sessions.signIn("AKID", "secret").orElseThrow();
    assertThat(ConsoleSessions.csrfMatches(session, session.csrfToken())).isTrue();
    assertThat(ConsoleSessions.csrfMatches(session, null)).isFalse();
    assertThat(ConsoleSessions.csrfMatches(session, session.id())).isFalse();
  }

  @Test
  void aSessionEndsWhenSignedOutOrIdleTooLong() {
    var first = sessions.signIn("AKID", "secret").orElseThrow();
    sessions.signOut(first.id());
    assertThat(sessions.find(first.id())).isEmpty();
    var second = sessions.signIn("AKID", "secret").orElseThrow();
    clock.advance(ConsoleSessions.IDLE.minusMinutes(1));
    assertThat(sessions.find(second.id())).isPresent();
    clock.advance(ConsoleSessions.IDLE.plusMinutes(1));
    assertThat(sessions.find(second.id())).isEmpty();
    assertThat(sessions.find("made-up")).isEmpty();
  }

  @Test
  void withoutKeysEverybodyIsIn() {
    var open = new ConsoleSessions(null, clock);
    assertThat(open.authRequired()).isFalse();
    assertThat(open.find(null)).isPresent();
    assertThat(open.basicMatches("any", "thing")).isTrue();
    assertThat(sessions.basicMatches("AKID", "secret")).isTrue();
    assertThat(sessions.basicMatches("AKID", "secreT")).isFalse();
  }
}
