package aieditor.http;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.concurrent.Cancellable;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits on the HTTP calls one thread makes while this is open (see {@link LimitedCalls#open}): all of them
 * end by the deadline, and each response body stops at maxBytes. Close it on the thread that opened it,
 * with try-with-resources.
 */
public final class CallLimits implements AutoCloseable {
    private final LimitedCalls calls;
    private final String owner;
    private final Duration deadline;
    private final long maxBytes;
    final CallLimits enclosing;
    private final Thread thread = Thread.currentThread();
    /** Calls between sending and the end of their response body; what a cut has to close. */
    private final Set<ExecChain.Scope> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CallCutOff.Reason> cutOff = new AtomicReference<>();
    private volatile String abortedBecause;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> timer;

    CallLimits(LimitedCalls calls, String owner, Duration deadline, long maxBytes, CallLimits enclosing) {
        this.calls = calls;
        this.owner = owner;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.enclosing = enclosing;
    }

    public String owner() {
        return owner;
    }

    public Duration deadline() {
        return deadline;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Why the calls were cut off, or null while they may go on. */
    public CallCutOff.Reason cutOff() {
        return cutOff.get();
    }

    String abortedBecause() {
        return abortedBecause;
    }

    boolean closed() {
        return closed;
    }

    Thread thread() {
        return thread;
    }

    void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** Stops every call now and refuses further ones; the first reason given is the one reported. */
    void cut(CallCutOff.Reason reason, String because) {
        if (cutOff.compareAndSet(null, reason)) {
            abortedBecause = because;
            inFlight.forEach(CallLimits::abort);
        }
    }

    void started(ExecChain.Scope call) {
        inFlight.add(call);
        // a cut racing with the start: whichever of the two comes second closes the call
        if (cutOff.get() != null) {
            abort(call);
        }
    }

    void finished(ExecChain.Scope call) {
        inFlight.remove(call);
    }

    /**
     * Closes the call's connection under it: a read blocked on the socket fails at once, which a per-read timeout
     * cannot do against a server that sends a byte just often enough. Cancelling the request also stops HttpClient
     * from opening another connection for it (a redirect); discarding the endpoint covers requests that are not
     * cancellable.
     */
    static void abort(ExecChain.Scope call) {
        if (call.originalRequest instanceof Cancellable request) {
            request.cancel();
        }
        call.execRuntime.discardEndpoint();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        inFlight.clear();
        calls.closed(this);
    }
}
