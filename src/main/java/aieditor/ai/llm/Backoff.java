package aieditor.ai.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt. The server knows its own load best, so its {@code retry-after}
 * (seconds or an HTTP date) wins; otherwise exponential with jitter, so parallel slots that failed together
 * do not come back together.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;

    /** @param clock what an HTTP-date retry-after is measured from */
    Backoff(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    Duration max() {
        return max;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration delay(int attempt, String retryAfter) {
        Duration asked = retryAfter(retryAfter, clock.instant());
        if (asked != null) {
            return asked;
        }
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
