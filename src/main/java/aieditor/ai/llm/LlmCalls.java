package aieditor.ai.llm;

import aieditor.http.CallLimits;
import aieditor.http.LimitedCalls;
import aieditor.pipeline.JobStoppedException;
import org.apache.camel.Exchange;

import java.time.Duration;

/**
 * The limits of one vendor call, opened and closed by routes/llm.camel.yaml around its camel-http call (bean
 * {@code llmCalls}), on the thread that makes the call - the ThreadLocal limits of {@link LimitedCalls} only hold
 * there. They belong to the job named in the exchange's jobId header, so the job's timeout or cancel
 * ({@link LimitedCalls#abort}) closes the call's connection; they end the call at {@code ai.http.call-deadline-ms}
 * and cut a body over {@code ai.http.max-response-bytes}.
 */
public final class LlmCalls {
    /** Header with the job the call is for; taken off before the call, it is not for the vendor. */
    public static final String JOB = "jobId";
    /** Exchange property: the call's limits while they are open. */
    static final String LIMITS = "llmCallLimits";
    /** Exchange property: the {@link InFlight} handle of the thread waiting for the call. */
    static final String IN_FLIGHT = "llmInFlight";

    private final LimitedCalls calls;
    private final CallGuard guard;
    private final Duration deadline;
    private final long maxBytes;

    public LlmCalls(LimitedCalls calls, CallGuard guard, Duration deadline, long maxBytes) {
        this.calls = calls;
        this.guard = guard;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens the call's limits, then makes sure its job may still call: a stop request that came first is seen here,
     * one that comes later finds the limits open and cuts them. A refused call never reaches the vendor.
     */
    public void open(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(JOB, String.class);
        exchange.getMessage().removeHeader(JOB);
        CallLimits limits = calls.open(jobId, deadline, maxBytes);
        exchange.setProperty(LIMITS, limits);
        InFlight waiting = exchange.getProperty(IN_FLIGHT, InFlight.class);
        if (waiting != null && !waiting.opened(limits)) {
            throw new CallNotMade("its caller gave up on it before it started");
        }
        String stopped = jobId == null ? null : guard.stopped(jobId);
        if (stopped != null) {
            throw new JobStoppedException(jobId, "timeout".equals(stopped));
        }
    }

    /** Closes the call's limits, on the thread that opened them; always, whatever the call came to. */
    public void close(Exchange exchange) {
        CallLimits limits = exchange.getProperty(LIMITS, CallLimits.class);
        exchange.removeProperty(LIMITS);
        if (limits != null) {
            limits.close();
        }
    }

    /**
     * One call between the thread waiting for it and the thread making it: the waiting thread can give up on the
     * call (interrupted) and have its connection closed, whether the limits are open yet or not.
     */
    static final class InFlight {
        private CallLimits limits;
        private String abandoned;

        synchronized boolean opened(CallLimits limits) {
            this.limits = limits;
            return abandoned == null;
        }

        synchronized void abandon(String because) {
            abandoned = because;
            if (limits != null) {
                limits.abort(because);
            }
        }
    }

    /** A call refused before it reached the vendor because its caller had already given up on it. */
    static final class CallNotMade extends RuntimeException {
        CallNotMade(String why) {
            super("The call was not made: " + why);
        }
    }
}
