package aieditor.faults;

import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    String baseUrl() {
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
        String system = request.json().path("system").asText();
        String user = request.json().path("messages").path(0).path("content").asText();
        if (!system.contains("three bullets")) {
            return FakeServer.Response.ok(Answers.anthropic(user, "end_turn")); // bolding: the bullets as they are
        }
        String title = find(user, "Title: (.*)");
        decorations.add(new Call(Instant.now(), title));
        try {
            if (!gate.await(120, TimeUnit.SECONDS)) {
                return FakeServer.Response.json(500, Answers.anthropicError("api_error", "the test gave no go-ahead"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String answer = Answers.json(Map.of("headline", "Briefly: " + title.substring(0, Math.min(60, title.length())),
                "bullets", List.of("The first point.", "The second point.", "The third point.")));
        return FakeServer.Response.ok(Answers.anthropic(answer, "end_turn"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).trim() : "";
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
