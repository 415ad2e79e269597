package aieditor.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines, body caps and aborts for camel-http calls, which on their own only know per-read timeouts: a server
 * that drips a byte now and then, or streams for ever, holds a call as long as it likes.
 * <p>
 * A camel-http endpoint opts in with {@code httpClientConfigurer=#limitedCalls}, which puts this first in its
 * HttpClient's exec chain (outside redirects and decompression, so the deadline spans redirects and the cap counts
 * decompressed bytes). Code then opens {@link CallLimits} around its calls on the calling thread:
 * <pre>{@code try (CallLimits limits = limitedCalls.open(jobId, Duration.ofSeconds(30), 5_242_880)) { ... }}</pre>
 * Calls on a thread with no limits open pass through untouched, so an endpoint may share the configurer freely.
 * At the deadline, or on {@link #abort} (a cancelled job), the calls' connections are closed under them.
 */
public final class LimitedCalls implements HttpClientConfigurer, ExecChainHandler {
    private final ThreadLocal<CallLimits> current = new ThreadLocal<>();
    private final Set<CallLimits> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** @param timer runs the deadlines; its tasks only close sockets */
    public LimitedCalls(ScheduledExecutorService timer) {
        this.timer = timer;
        if (timer instanceof ScheduledThreadPoolExecutor pool) {
            // most calls end well before their deadline: drop the cancelled timers instead of keeping them until due
            pool.setRemoveOnCancelPolicy(true);
        }
    }

    /**
     * Limits the camel-http calls this thread makes until the result is closed.
     *
     * @param owner    who the calls are for (a job id), so {@link #abort} can find them; may be null
     * @param deadline for all of the calls together, from now
     * @param maxBytes per response body
     */
    public CallLimits open(String owner, Duration deadline, long maxBytes) {
        CallLimits limits = new CallLimits(this, owner, deadline, maxBytes, current.get());
        // the timer first: if it refuses (Camel stopping), nothing is left registered on this thread
        limits.timer(timer.schedule(() -> limits.cut(CallCutOff.Reason.DEADLINE, null), deadline.toMillis(),
                TimeUnit.MILLISECONDS));
        current.set(limits);
        open.add(limits);
        return limits;
    }

    /** Cuts off the calls in flight (and any further ones) under every open limits of the owner; returns how many. */
    public int abort(String owner, String because) {
        int aborted = 0;
        for (CallLimits limits : open) {
            if (owner != null && owner.equals(limits.owner())) {
                limits.cut(CallCutOff.Reason.ABORTED, because);
                aborted++;
            }
        }
        return aborted;
    }

    void closed(CallLimits limits) {
        open.remove(limits);
        if (Thread.currentThread() == limits.thread() && current.get() == limits) {
            if (limits.enclosing == null) {
                current.remove();
            } else {
                current.set(limits.enclosing);
            }
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("limited-calls", this);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope call, ExecChain chain)
            throws IOException, HttpException {
        CallLimits limits = current.get();
        if (limits == null || limits.closed()) {
            return chain.proceed(request, call);
        }
        if (limits.cutOff() != null) {
            throw CallCutOff.of(limits, null);
        }
        limits.started(call);
        try {
            ClassicHttpResponse response = chain.proceed(request, call);
            HttpEntity body = response.getEntity();
            if (body == null) {
                limits.finished(call);
                return response;
            }
            if (body.getContentLength() > limits.maxBytes()) {
                // announced too large: refuse before reading a byte of it
                CallLimits.abort(call);
                limits.finished(call);
                throw CallCutOff.tooLarge(limits.maxBytes());
            }
            response.setEntity(new CappedEntity(body, limits, call));
            return response;
        } catch (IOException | HttpException | RuntimeException e) {
            limits.finished(call);
            if (limits.cutOff() != null && !(e instanceof CallCutOff)) {
                throw CallCutOff.of(limits, e);
            }
            throw e;
        }
    }
}
