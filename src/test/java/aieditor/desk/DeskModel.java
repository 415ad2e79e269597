package aieditor.desk;

import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.ModelCall;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Anthropic for the desk's browser tests. Each decoration answers "Take N: <title>" (N counts the calls, so a
 * slot decorated again reads differently); bolding answers the bullets as they are. {@link #holdAfter} lets the next
 * n decoration calls through and holds the rest until {@link #release}, so a decoration job stays running half-way.
 */
final class DeskModel implements AutoCloseable {
    private final FakeServer server = FakeServer.start(this::answer);
    private final AtomicInteger decorations = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger passes = new AtomicInteger(Integer.MAX_VALUE);
    private volatile boolean refuse;

    String url() {
        return server.url();
    }

    int decorationCalls() {
        return decorations.get();
    }

    synchronized void holdAfter(int n) {
        passes.set(n);
        gate = new CountDownLatch(1);
    }

    /** Decoration calls answer 400 (a bad request: not retried) while on. */
    void refuseDecorations(boolean on) {
        refuse = on;
    }

    synchronized void release() {
        passes.set(Integer.MAX_VALUE);
        gate.countDown();
    }

    private FakeServer.Response answer(FakeServer.Request request) {
        ModelCall call = ModelCall.of(request);
        if (!call.decoration()) {
            return call.echo();
        }
        int n = decorations.incrementAndGet();
        if (refuse) {
            return FakeServer.Response.json(400, Answers.anthropicError("invalid_request_error", "the test refuses"));
        }
        if (passes.getAndDecrement() <= 0) {
            try {
                if (!gate.await(120, TimeUnit.SECONDS)) {
                    return ModelCall.noGoAhead();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ModelCall.decorated("Take " + n + ": " + call.title(50),
                "The first point of take " + n + ".", "The second point.", "The third point.");
    }

    @Override
    public void close() {
        server.close();
    }
}
