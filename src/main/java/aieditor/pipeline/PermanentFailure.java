package aieditor.pipeline;

/**
 * A step failed for a reason no retry can fix: a setting that must change, or input an earlier step must make again.
 * The job fails at once (no redelivery, no further attempts) with a dead letter, instead of spending its attempts
 * on the same refusal; the message says what to change.
 */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
        super(message);
    }
}
