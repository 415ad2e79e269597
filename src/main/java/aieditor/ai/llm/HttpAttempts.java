package aieditor.ai.llm;

import aieditor.pipeline.JobStoppedException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets one HTTP 200 answer from a vendor's route: throttled, with bounded attempts and backoff for overload,
 * rate limits and timeouts. A bad request, key or model fails at once: asking again cannot fix it. A job that was
 * asked to stop starts no further attempt, and its attempt in flight ends now (its connection closed, see
 * {@link LlmCalls}); every attempt that reached the vendor is recorded, however it ended.
 */
final class HttpAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAttempts.class);
    /** How long a given-up call may take to end before it is recorded anyway. */
    private static final Duration GIVE_UP_WAIT = Duration.ofSeconds(1);

    private final Vendor vendor;
    private final ProducerTemplate template;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Throttle throttle;
    private final Sleeper sleeper;
    private final UsageLog usage;
    private final CallGuard guard;

    HttpAttempts(Vendor vendor, ProducerTemplate template, LlmSettings settings, UsageLog usage, Sleeper sleeper,
                 CallGuard guard, Clock clock) {
        this.vendor = vendor;
        this.template = template;
        this.maxAttempts = settings.maxAttempts();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), clock);
        this.throttle = new Throttle(settings.maxConcurrent(), settings.requestsPerSecond(), sleeper);
        this.sleeper = sleeper;
        this.usage = usage;
        this.guard = guard;
    }

    /** A 200 answer and how long that one attempt took (waits before it are not the vendor's latency). */
    record Answered(JsonNode body, Duration latency) {
    }

    Answered send(LlmRequest request, CallOwner owner) {
        Map<String, Object> body = vendor.body(request);
        for (int attempt = 1; ; attempt++) {
            refuseIfStopped(owner); // before waiting in line for a call that may not start
            long start;
            HttpOutcome outcome;
            try (Throttle.Permit permit = throttle.acquire()) {
                start = System.nanoTime();
                outcome = call(request, body, owner, start);
            } catch (InterruptedException e) {
                throw interrupted(e, owner);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (outcome.body() != null) {
                return new Answered(outcome.body(), latency);
            }
            String stopped = outcome.status().equals("aborted") ? stoppedStatus(owner) : null;
            usage.record(vendor.name(), request, owner, stopped != null ? stopped : outcome.status(), 0, 0, latency);
            if (stopped != null) {
                throw new JobStoppedException(owner.jobId(), stopped.equals("timeout"));
            }
            String failed = vendor.name() + " " + request.task() + " call failed: " + outcome.message();
            if (!outcome.retryable() || attempt >= maxAttempts) {
                throw new LlmException(outcome.retryable() ? failed + " (after " + attempt + " attempts)" : failed);
            }
            waitBeforeRetry(attempt, outcome, failed, owner);
        }
    }

    /**
     * One attempt, sent from another thread so a stop request (an interrupt) frees the job's thread at once. The
     * route opens the call's limits there; giving up on the call closes its connection, so it does not run on.
     */
    private HttpOutcome call(LlmRequest request, Map<String, Object> body, CallOwner owner, long start)
            throws InterruptedException {
        Exchange exchange = new DefaultExchange(template.getCamelContext());
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader(LlmCalls.JOB, owner.jobId());
        exchange.setProperty(LlmClient.MODEL, request.model());
        LlmCalls.InFlight inFlight = new LlmCalls.InFlight();
        exchange.setProperty(LlmCalls.IN_FLIGHT, inFlight);
        Future<Exchange> call = template.asyncSend(vendor.endpoint(), exchange);
        Exchange done;
        try {
            done = call.get();
        } catch (InterruptedException e) {
            // a stop request, or the caller's own: the call is given up and its connection closed; a moment's wait
            // tells whether it had reached the vendor (then it is recorded, as long as it took) or not
            inFlight.abandon("the " + request.task() + " call's caller was interrupted");
            Exchange late = endOf(call);
            if (late == null || !notMade(late)) {
                String stopped = stoppedStatus(owner);
                // an answer that made it in before the connection went is paid for: its tokens count
                HttpOutcome answered = late == null ? null : HttpOutcome.of(late, vendor);
                Reply reply = answered == null || answered.body() == null ? null : vendor.reply(answered.body());
                usage.record(vendor.name(), request, owner, stopped != null ? stopped : "interrupted",
                        reply == null ? 0 : reply.inputTokens(), reply == null ? 0 : reply.outputTokens(),
                        Duration.ofNanos(System.nanoTime() - start));
            }
            throw e;
        } catch (ExecutionException e) {
            throw new LlmException(vendor.name() + " " + request.task() + " call failed: " + e.getCause(), e.getCause());
        }
        for (Throwable t = done.getException(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JobStoppedException stop) {
                throw stop; // refused at the start of the call: nothing reached the vendor
            }
            if (t instanceof LlmCalls.CallNotMade) {
                throw new LlmException(vendor.name() + " " + request.task() + " call: " + t.getMessage());
            }
        }
        return HttpOutcome.of(done, vendor);
    }

    /** The given-up call's exchange once it ended (its connection is being closed), or null if it takes too long. */
    private static Exchange endOf(Future<Exchange> call) {
        try {
            return call.get(GIVE_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** Refused before it was sent: the job was stopped, or its caller had given up already. */
    private static boolean notMade(Exchange done) {
        for (Throwable t = done.getException(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JobStoppedException || t instanceof LlmCalls.CallNotMade) {
                return true;
            }
        }
        return false;
    }

    private void refuseIfStopped(CallOwner owner) {
        String stopped = stoppedStatus(owner);
        if (stopped != null) {
            throw new JobStoppedException(owner.jobId(), stopped.equals("timeout"));
        }
    }

    private String stoppedStatus(CallOwner owner) {
        return owner.jobId() == null ? null : guard.stopped(owner.jobId());
    }

    private void waitBeforeRetry(int attempt, HttpOutcome outcome, String failed, CallOwner owner) {
        Duration wait = backoff.delay(attempt, outcome.retryAfter());
        if (wait.compareTo(backoff.max()) > 0) {
            // holding a worker for minutes is worse than letting the step degrade or retry the job later
            throw new LlmException(failed + " (the server asks to wait " + wait.toSeconds()
                    + " s, longer than ai.http.max-backoff-ms)");
        }
        LOG.warn("{}; attempt {} of {} in {} ms.", failed, attempt + 1, maxAttempts, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted(e, owner);
        }
    }

    /** Interrupted while waiting (in line, for a retry, or for the call): the job's stop when it is one. */
    private RuntimeException interrupted(InterruptedException e, CallOwner owner) {
        Thread.currentThread().interrupt();
        String stopped = stoppedStatus(owner);
        if (stopped != null) {
            return new JobStoppedException(owner.jobId(), stopped.equals("timeout"));
        }
        return new LlmException("Interrupted while waiting to call " + vendor.name(), e);
    }
}
