package aieditor.ingest;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry-After in both its forms, remembered per host until it has passed. */
class PolitenessTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void should_read_retry_after_as_seconds_or_an_http_date() {
        assertThat(Politeness.retryAt("120", NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(Politeness.retryAt("Fri, 20 Nov 2026 11:30:00 GMT", NOW)).isEqualTo(Instant.parse("2026-11-20T11:30:00Z"));
        assertThat(Politeness.retryAt("soon", NOW)).isNull();
        assertThat(Politeness.retryAt("-5", NOW)).isNull();
        assertThat(Politeness.retryAt(null, NOW)).isNull();
    }

    @Test
    void should_keep_away_from_a_host_until_its_time_and_only_that_host() {
        Politeness polite = new Politeness("ua", Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
        Instant until = polite.backOff("https://busy.example/feed", 429, "3600");

        assertThat(until).isEqualTo(NOW.plusSeconds(3600));
        assertThat(polite.notBefore("https://BUSY.example/other-feed")).isEqualTo(until);
        assertThat(polite.notBefore("https://calm.example/feed")).isNull();
        assertThat(polite.worthWaiting(until)).isFalse();
        assertThat(polite.worthWaiting(NOW.plusSeconds(30))).isTrue();
        Politeness later = new Politeness("ua", Duration.ofSeconds(30), Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        later.backOff("https://busy.example/feed", 503, "0");
        assertThat(later.notBefore("https://busy.example/feed")).isNull();
    }

    @Test
    void should_rest_a_host_that_says_too_many_requests_without_saying_how_long() {
        Politeness polite = new Politeness("ua", Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(polite.backOff("https://busy.example/feed", 429, null)).isEqualTo(NOW.plus(Politeness.UNSAID_BACK_OFF));
        assertThat(polite.notBefore("https://busy.example/other")).isEqualTo(NOW.plus(Politeness.UNSAID_BACK_OFF));
        // a 503 without Retry-After is an outage: nothing asks the next source on that host to wait
        assertThat(polite.backOff("https://down.example/feed", 503, null)).isNull();
        assertThat(polite.notBefore("https://down.example/feed")).isNull();
    }
}
