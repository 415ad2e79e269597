package aieditor.desk;

import aieditor.fixtures.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions expire, tokens are per session, and failed sign-ins lock an address out for the window only. */
class DeskSessionsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-18T09:00:00Z"));
    private final DeskSessions sessions = new DeskSessions("s3cret", Duration.ofMinutes(30), 3, Duration.ofMinutes(5), clock);

    @Test
    void should_expire_a_session_and_keep_tokens_apart() {
        DeskSessions.Session ann = sessions.signIn("s3cret", "Ann", "10.0.0.1").orElseThrow();
        DeskSessions.Session bob = sessions.signIn("s3cret", "Bob", "10.0.0.2").orElseThrow();
        assertThat(ann.id()).isNotEqualTo(bob.id());
        assertThat(ann.csrf()).isNotEqualTo(bob.csrf()).hasSizeGreaterThan(40);
        assertThat(DeskSessions.tokenMatches(ann, ann.csrf())).isTrue();
        assertThat(DeskSessions.tokenMatches(ann, bob.csrf())).isFalse();
        assertThat(DeskSessions.tokenMatches(ann, null)).isFalse();

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(ann.id())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(ann.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        sessions.signOut(bob.id());
        assertThat(sessions.find(bob.id())).isEmpty();
    }

    @Test
    void should_lock_out_an_address_after_failures_for_the_window_only() {
        for (int i = 0; i < 3; i++) {
            assertThat(sessions.lockedOut("10.0.0.9")).isEmpty();
            assertThat(sessions.signIn("guess-" + i, "x", "10.0.0.9")).isEmpty();
        }
        assertThat(sessions.lockedOut("10.0.0.9")).contains(300L);
        assertThat(sessions.lockedOut("10.0.0.10")).as("another address").isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(sessions.lockedOut("10.0.0.9")).contains(60L);
        clock.advance(Duration.ofSeconds(61));
        assertThat(sessions.lockedOut("10.0.0.9")).isEmpty();
        assertThat(sessions.signIn("s3cret", "Ann", "10.0.0.9")).isPresent();
    }

    @Test
    void should_let_nobody_in_without_a_configured_secret() {
        DeskSessions closed = new DeskSessions("", Duration.ofMinutes(30), 3, Duration.ofMinutes(5), clock);
        assertThat(closed.open()).isFalse();
        assertThat(closed.signIn("", "Ann", "10.0.0.1")).isEmpty();
    }
}
