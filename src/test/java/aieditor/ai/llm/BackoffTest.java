package aieditor.ai.llm;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void should_read_retry_after_as_seconds_or_http_date() {
        assertThat(Backoff.retryAfter("12", NOW)).isEqualTo(Duration.ofSeconds(12));
        assertThat(Backoff.retryAfter("Fri, 20 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("Fri, 20 Nov 2026 09:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon", NOW)).isNull();
        assertThat(Backoff.retryAfter(null, NOW)).isNull();
    }

    @Test
    void should_double_with_jitter_up_to_the_maximum_without_retry_after() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(5000), Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
            assertThat(backoff.delay(30, null)).isBetween(Duration.ofMillis(2500), Duration.ofMillis(5000));
        }
    }

    @Test
    void should_follow_the_servers_retry_after_when_given() {
        assertThat(new Backoff(Duration.ofMillis(1000), Duration.ofMillis(5000), Clock.systemUTC()).delay(1, "3")).isEqualTo(Duration.ofSeconds(3));
    }
}
