package aieditor.social_sync;

import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Mastodon's POST /api/v1/statuses as documented: a bearer token, a JSON or form body with status, visibility and
 * language, a Status entity in reply (id, created_at, content, visibility, uri, url, account, ...). An
 * Idempotency-Key seen before gets the status the first request created, not a new one. Errors come as
 * {"error": "..."}: 401 for a wrong token, 422 for a blank or too long text, 429 with the X-RateLimit-* headers.
 * Outages are switched on per test: the next requests' answers, taken before anything is created.
 */
final class FakeMastodon {
    static final String TOKEN = "test-mastodon-token";
    static final int CHARACTER_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A created status as Mastodon keeps it. */
    record Status(String id, String text, String visibility, String language, Instant createdAt, String key) {
    }

    final FakeServer server = FakeServer.start(this::answer);
    private final AtomicLong ids = new AtomicLong(113_000_000_000_000_000L);
    private final List<Status> statuses = new ArrayList<>();
    private final Map<String, Status> byKey = new LinkedHashMap<>();
    private final Deque<Supplier<Response>> next = new ArrayDeque<>();
    private final List<Instant> received = new ArrayList<>();
    private Duration delay;

    String url() {
        return server.url();
    }

    /** Answers the next requests to /api/v1/statuses with these, in order, before looking at them. */
    @SafeVarargs
    final synchronized void answerNext(Supplier<Response>... responses) {
        next.addAll(List.of(responses));
    }

    /** What nginx in front of Mastodon answers while Mastodon is down. */
    static Supplier<Response> unavailable() {
        return () -> new Response(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
                Map.of("Content-Type", "text/html"));
    }

    /** Rate limited until this long after the request: X-RateLimit-Reset is an ISO 8601 time, as Mastodon sends it. */
    static Supplier<Response> rateLimitedFor(Duration wait) {
        return () -> new Response(429, "{\"error\":\"Too many requests\"}", Map.of("Content-Type", "application/json",
                "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", Instant.now().plus(wait).toString()));
    }

    static Supplier<Response> error(int status, String message) {
        return () -> Response.json(status, "{\"error\":\"" + message + "\"}");
    }

    /**
     * The next request is answered this much later - and then as usual, so a client that gave up waiting has made a
     * status all the same (the answer lost on the way back).
     */
    synchronized void delayNext(Duration delay) {
        this.delay = delay;
    }

    /** When each request to /api/v1/statuses arrived, in order. */
    synchronized List<Instant> received() {
        return List.copyOf(received);
    }

    synchronized List<Status> statuses() {
        return List.copyOf(statuses);
    }

    List<Request> posts() {
        return server.requests("POST", "/api/v1/statuses");
    }

    synchronized void reset() {
        server.reset();
        statuses.clear();
        byKey.clear();
        next.clear();
        received.clear();
        delay = null;
    }

    void close() {
        server.close();
    }

    private synchronized Response answer(Request r) {
        if (!r.method().equals("POST") || !r.path().equals("/api/v1/statuses")) {
            return Response.json(404, "{\"error\":\"Record not found\"}");
        }
        received.add(Instant.now());
        if (!("Bearer " + TOKEN).equals(r.header("Authorization"))) {
            return Response.json(401, "{\"error\":\"The access token is invalid\"}");
        }
        if (!next.isEmpty()) {
            return next.poll().get();
        }
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delay = null;
        }
        String key = r.header("Idempotency-Key");
        if (key != null && byKey.containsKey(key)) {
            return Response.json(200, json(byKey.get(key)));
        }
        Map<String, String> params = params(r);
        String text = params.getOrDefault("status", "");
        if (text.isBlank()) {
            return Response.json(422, "{\"error\":\"Validation failed: Text can't be blank\"}");
        }
        if (text.codePointCount(0, text.length()) > CHARACTER_LIMIT) {
            return Response.json(422, "{\"error\":\"Validation failed: Text character limit of " + CHARACTER_LIMIT + " exceeded\"}");
        }
        Status status = new Status(String.valueOf(ids.incrementAndGet()), text, params.getOrDefault("visibility", "public"),
                params.get("language"), Instant.now(), key);
        statuses.add(status);
        if (key != null) {
            byKey.put(key, status);
        }
        return Response.json(200, json(status));
    }

    /** Mastodon takes the parameters as JSON or as a form. */
    private static Map<String, String> params(Request r) {
        Map<String, String> params = new LinkedHashMap<>();
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type");
        try {
            if (type.startsWith("application/json")) {
                JsonNode body = JSON.readTree(r.body());
                body.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
            } else {
                for (String pair : r.body().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2) {
                        params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (Exception e) {
            params.clear();
        }
        return params;
    }

    private String json(Status s) {
        ObjectNode account = JSON.createObjectNode().put("id", "109").put("username", "editor").put("acct", "editor")
                .put("display_name", "The AI Editor").put("url", url() + "/@editor");
        ObjectNode node = JSON.createObjectNode().put("id", s.id()).put("created_at", s.createdAt().toString())
                .putNull("in_reply_to_id").putNull("in_reply_to_account_id").put("sensitive", false).put("spoiler_text", "")
                .put("visibility", s.visibility()).put("language", s.language())
                .put("uri", url() + "/users/editor/statuses/" + s.id()).put("url", url() + "/@editor/" + s.id())
                .put("replies_count", 0).put("reblogs_count", 0).put("favourites_count", 0)
                .put("content", "<p>" + escape(s.text()) + "</p>");
        node.set("account", account);
        node.set("media_attachments", JSON.createArrayNode());
        node.set("mentions", JSON.createArrayNode());
        node.set("tags", JSON.createArrayNode());
        node.set("emojis", JSON.createArrayNode());
        return node.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
