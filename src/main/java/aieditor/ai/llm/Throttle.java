package aieditor.ai.llm;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Keeps one vendor within its limits: at most {@code maxConcurrent} calls in flight (a semaphore) and at most
 * {@code perSecond} starts per second (a token bucket holding one second's worth, so short bursts pass).
 */
final class Throttle {
    private final Semaphore inFlight;
    private final double perSecond;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Throttle(int maxConcurrent, double perSecond, Sleeper sleeper) {
        this.inFlight = new Semaphore(Math.max(1, maxConcurrent), true);
        this.perSecond = perSecond;
        this.sleeper = sleeper;
        this.tokens = Math.max(1, perSecond);
    }

    /** Blocks until a call may start; close the permit when the call is over. */
    Permit acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            Duration wait = takeToken();
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            inFlight.release();
            throw e;
        }
        return inFlight::release;
    }

    /** Takes a token, going into debt when none is left: the debt is how long this caller waits. */
    private synchronized Duration takeToken() {
        if (perSecond <= 0) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        tokens = Math.min(Math.max(1, perSecond), tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perSecond * 1e9));
    }

    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
