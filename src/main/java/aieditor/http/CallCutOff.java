package aieditor.http;

import java.io.IOException;
import java.time.Duration;

/**
 * An HTTP call that {@link LimitedCalls} cut off: past its deadline, over its body cap, or aborted on request.
 * An IOException, so it travels the way camel-http and HttpClient already pass read failures on.
 */
public final class CallCutOff extends IOException {

    public enum Reason { DEADLINE, TOO_LARGE, ABORTED }

    private final Reason reason;

    private CallCutOff(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The calls under these limits were cut (deadline or abort); cause is what the closed connection threw. */
    static CallCutOff of(CallLimits limits, Throwable cause) {
        Reason reason = limits.cutOff();
        String message = reason == Reason.DEADLINE ? "cut off after " + seconds(limits.deadline()) + " (deadline)"
                : "aborted: " + limits.abortedBecause();
        return new CallCutOff(reason, message, cause);
    }

    /** One response was larger than the cap (announced or counted); the other calls may go on. */
    static CallCutOff tooLarge(long maxBytes) {
        return new CallCutOff(Reason.TOO_LARGE, "cut off: the body is over " + maxBytes + " bytes", null);
    }

    public Reason reason() {
        return reason;
    }

    // "30 s" for whole seconds, as operators set them; "1500 ms" otherwise
    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
