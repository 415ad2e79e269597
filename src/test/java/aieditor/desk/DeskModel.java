package aieditor.desk;

import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    String baseUrl() {
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
        String system = request.json().path("system").asText();
        String user = request.json().path("messages").path(0).path("content").asText();
        if (!system.contains("three bullets")) {
            return FakeServer.Response.ok(Answers.anthropic(user, "end_turn"));
        }
        int n = decorations.incrementAndGet();
        if (refuse) {
            return FakeServer.Response.json(400, Answers.anthropicError("invalid_request_error", "the test refuses"));
        }
        if (passes.getAndDecrement() <= 0) {
            try {
                if (!gate.await(120, TimeUnit.SECONDS)) {
                    return FakeServer.Response.json(500, Answers.anthropicError("api_error", "the test gave no go-ahead"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String title = find(user, "Title: (.*)");
        String answer = Answers.json(Map.of("headline", "Take " + n + ": " + title.substring(0, Math.min(50, title.length())),
                "bullets", List.of("The first point of take " + n + ".", "The second point.", "The third point.")));
        return FakeServer.Response.ok(Answers.anthropic(answer, "end_turn"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).trim() : "";
    }

    @Override
    public void close() {
        server.close();
    }
}
