package aieditor.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How ingest's fetches (feeds, OPML lists, pages) behave toward the servers they call: each names the project and
 * a contact URL, asks only for what changed (conditional GET), and a host that answered 429 or 503 with a
 * Retry-After is not called again before that time - remembered per host for the life of the process, so the next
 * job honours it too. Per-host concurrency is {@link HostPermits}' job.
 */
public final class Politeness {
    private final String userAgent;
    /** How long a host that answered 429 without saying how long to wait is left alone: a minute, as most APIs ask. */
    static final Duration UNSAID_BACK_OFF = Duration.ofSeconds(60);

    private final Duration maxWait;
    private final Clock clock;
    private final Map<String, Instant> hostsWaiting = new ConcurrentHashMap<>();

    /**
     * @param maxWait a host asking for a wait up to this long is waited for once within a fetch; a longer wait skips
     *                the fetch
     */
    public Politeness(String userAgent, Duration maxWait, Clock clock) {
        this.userAgent = userAgent;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** The request headers of a fetch: the User-Agent, and the validators of the copy we hold, if any. */
    public Map<String, Object> requestHeaders(SourceVisit.Validators held) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        if (held != null && held.etag() != null) {
            headers.put("If-None-Match", held.etag());
        }
        if (held != null && held.lastModified() != null) {
            headers.put("If-Modified-Since", held.lastModified());
        }
        return headers;
    }

    /** Until when the URL's host asked not to be called; null when it may be called now. */
    public Instant notBefore(String url) {
        String host = HostPermits.host(url);
        Instant until = hostsWaiting.get(host);
        if (until != null && !clock.instant().isBefore(until)) {
            hostsWaiting.remove(host, until);
            return null;
        }
        return until;
    }

    /**
     * Remembers a 429/503's Retry-After for the URL's host and returns when the host may be called again. A 429
     * without a Retry-After we can read still says "too many requests", so its host rests for
     * {@link #UNSAID_BACK_OFF}; a 503 without one is an outage, not a request to wait (null, nothing remembered).
     */
    public Instant backOff(String url, int status, String retryAfter) {
        Instant until = retryAt(retryAfter, clock.instant());
        if (until == null && status == 429) {
            until = clock.instant().plus(UNSAID_BACK_OFF);
        }
        if (until != null) {
            hostsWaiting.merge(HostPermits.host(url), until, (a, b) -> a.isAfter(b) ? a : b);
        }
        return until;
    }

    /** Whether a wait until then is short enough to wait for within the job. */
    public boolean worthWaiting(Instant until) {
        return Duration.between(clock.instant(), until).compareTo(maxWait) <= 0;
    }

    /** Waits until then; interruptible, so a stopped job does not sit out a host's wait. */
    public void waitUntil(Instant until) throws InterruptedException {
        // whole milliseconds rounded up, until the clock agrees: a wake-up a fraction early would find the host
        // still waiting and skip the source
        for (long nanos = Duration.between(clock.instant(), until).toNanos(); nanos > 0;
             nanos = Duration.between(clock.instant(), until).toNanos()) {
            Thread.sleep((nanos + 999_999) / 1_000_000);
        }
    }

    /** Retry-After is delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); null when it is neither. */
    static Instant retryAt(String retryAfter, Instant now) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : now.plusSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
