package aieditor.social_sync;

import aieditor.ai.llm.Sleeper;
import aieditor.pipeline.JobControl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one post to one channel, retrying in place what waiting can fix, by the project's retry.* policy (the
 * attempts and backoff of an in-place redelivery): overload, 5xx, timeouts. A rate limit is waited out when it
 * lifts within social.max-rate-limit-wait-seconds; a later one ends the attempts at once. A refusal (401, 422, ...)
 * is never asked again: it would only be refused again. A job asked to stop starts no further attempt.
 */
final class PostAttempts {

    /**
     * How sending went: posted, or the last failure after {@code attempts} calls.
     *
     * @param rateLimitedUntil set when the channel will not take posts before this (later than the job may wait)
     */
    record Outcome(Posted posted, PostFailure failure, int attempts, Instant rateLimitedUntil) {
    }

    private final SocialSettings.Retry retry;
    private final Duration maxRateLimitWait;
    private final JobControl control;
    private final Sleeper sleeper;
    private final Clock clock;

    PostAttempts(SocialSettings.Retry retry, Duration maxRateLimitWait, JobControl control, Sleeper sleeper, Clock clock) {
        this.retry = retry;
        this.maxRateLimitWait = maxRateLimitWait;
        this.control = control;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    Outcome send(SocialChannel channel, Post post, String key, String jobId, Retrying log) {
        for (int attempt = 1; ; attempt++) {
            control.checkpoint(jobId);
            PostFailure failure;
            try {
                return new Outcome(channel.publish(post, key, jobId), null, attempt, null);
            } catch (PostFailure f) {
                failure = f;
            }
            if (!failure.retryable() || attempt >= retry.maxAttempts()) {
                return new Outcome(null, failure, attempt, null);
            }
            Duration wait = retry.backoff(attempt);
            if (failure.retryAt() != null) {
                wait = Duration.between(clock.instant(), failure.retryAt());
                if (wait.compareTo(maxRateLimitWait) > 0) {
                    return new Outcome(null, failure, attempt, failure.retryAt());
                }
                wait = wait.isNegative() ? Duration.ZERO : wait;
            }
            log.retrying(failure, attempt, wait);
            sleep(wait, jobId);
        }
    }

    /** Says that, and why, an attempt is made again. */
    @FunctionalInterface
    interface Retrying {
        void retrying(PostFailure failure, int attempt, Duration wait);
    }

    private void sleep(Duration wait, String jobId) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.checkpoint(jobId); // a stop request ends the job here
            throw new IllegalStateException("Interrupted while waiting to post again", e);
        }
    }
}
