package aieditor.pipeline;

/**
 * A failure a retry would only meet again: a setting that is missing or contradicts another, or nothing to work on.
 * The job fails at once - no redelivery in place, no further attempt - with its dead letter, so an operator sees
 * the reason in seconds instead of after every backoff has run out.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
