package aieditor.faults;

import aieditor.fixtures.FakeServer;
import aieditor.fixtures.ModelCall;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake Anthropic for the worker processes. Decoration calls (headline and three bullets) wait at a gate the test
 * holds and releases; bolding answers at once with the bullets as they are. Every decoration call is recorded with
 * the time it arrived, so a test can tell whether a job was run again.
 */
final class FakeModel implements AutoCloseable {
    record Call(Instant at, String title) {
    }

    private final FakeServer server = FakeServer.start(this::answer);
    private final List<Call> decorations = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    String url() {
        return server.url();
    }

    /** Decoration calls from now on wait until {@link #release}. */
    synchronized void hold() {
        if (gate.getCount() == 0) {
            gate = new CountDownLatch(1);
        }
    }

    /** Lets every waiting and future decoration call through. */
    synchronized void release() {
        gate.countDown();
    }

    List<Call> decorations() {
        return List.copyOf(decorations);
    }

    int decorationCalls() {
        return decorations.size();
    }

    long decorationCallsSince(Instant t) {
        return decorations.stream().filter(c -> !c.at().isBefore(t)).count();
    }

    private FakeServer.Response answer(FakeServer.Request request) {
        ModelCall call = ModelCall.of(request);
        if (!call.decoration()) {
            return call.echo();
        }
        decorations.add(new Call(Instant.now(), call.title()));
        try {
            if (!gate.await(120, TimeUnit.SECONDS)) {
                return ModelCall.noGoAhead();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ModelCall.decorated("Briefly: " + call.title(60), "The first point.", "The second point.", "The third point.");
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
