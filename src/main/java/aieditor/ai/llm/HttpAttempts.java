package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Gets one HTTP 200 answer from a vendor's route: throttled, with bounded attempts and backoff for overload,
 * rate limits and timeouts. A bad request, key or model fails at once: asking again cannot fix it.
 */
final class HttpAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAttempts.class);

    private final Vendor vendor;
    private final ProducerTemplate template;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Throttle throttle;
    private final Sleeper sleeper;
    private final UsageLog usage;

    HttpAttempts(Vendor vendor, ProducerTemplate template, LlmSettings settings, UsageLog usage, Sleeper sleeper) {
        this.vendor = vendor;
        this.template = template;
        this.maxAttempts = settings.maxAttempts();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.throttle = new Throttle(settings.maxConcurrent(), settings.requestsPerSecond(), sleeper);
        this.sleeper = sleeper;
        this.usage = usage;
    }

    /** A 200 answer and how long that one attempt took (waits before it are not the vendor's latency). */
    record Answered(JsonNode body, Duration latency) {
    }

    Answered send(LlmRequest request) {
        Map<String, Object> body = vendor.body(request);
        for (int attempt = 1; ; attempt++) {
            long start;
            HttpOutcome outcome;
            try (Throttle.Permit permit = throttle.acquire()) {
                start = System.nanoTime();
                // sent from another thread so a stop request (an interrupt) frees the job at once, mid-call
                java.util.concurrent.Future<Exchange> call = template.asyncSend(vendor.endpoint(), ex -> {
                    ex.getIn().setBody(body);
                    ex.setProperty(LlmClient.MODEL, request.model());
                });
                try {
                    outcome = HttpOutcome.of(call.get(), vendor);
                } catch (InterruptedException e) {
                    call.cancel(true);
                    throw e;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new LlmException(vendor.name() + " " + request.task() + " call failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (outcome.body() != null) {
                return new Answered(outcome.body(), latency);
            }
            usage.record(vendor.name(), request, outcome.status(), 0, 0, latency);
            String failed = vendor.name() + " " + request.task() + " call failed: " + outcome.message();
            if (!outcome.retryable() || attempt >= maxAttempts) {
                throw new LlmException(outcome.retryable() ? failed + " (after " + attempt + " attempts)" : failed);
            }
            waitBeforeRetry(attempt, outcome, failed);
        }
    }

    private void waitBeforeRetry(int attempt, HttpOutcome outcome, String failed) {
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
            throw interrupted(e);
        }
    }

    private LlmException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LlmException("Interrupted while waiting to call " + vendor.name(), e);
    }
}
