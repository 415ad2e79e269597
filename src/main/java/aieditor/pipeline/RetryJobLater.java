package aieditor.pipeline;

/**
 * A step that already retried its calls in place (with the retry.* backoff) and still has work a later attempt can
 * do, e.g. posts a social network would not take yet. The job fails and the job engine retries it with its own,
 * longer backoff (jobs.max-attempts, jobs.retry-base-delay-seconds); it is not redelivered in place, which would
 * only ask again at once what just failed.
 */
public class RetryJobLater extends RuntimeException {
    public RetryJobLater(String message) {
        super(message);
    }
}
