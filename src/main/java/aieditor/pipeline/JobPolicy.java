package aieditor.pipeline;

import java.time.Duration;
import java.util.function.Function;

/**
 * Per-step retry and timeout policy: attempts before a job is dead, how long the first retry waits (each further
 * one waits twice as long: 1, 2, 4 ... minutes), how long a job may run before it is stopped, and how often
 * a job may lose its worker (SIGKILL, a lost host) and be taken over before it is dead - a budget of its own, since
 * a vanished worker says nothing about the job.
 */
public record JobPolicy(Function<Step, Integer> maxAttempts, Duration retryBaseDelay, Function<Step, Duration> timeout,
                        int maxRedeliveries) {

    /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed ones: base, 2 x base, 4 x base, ... */
    public Duration backoff(int attempt) {
        return retryBaseDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    }
}
