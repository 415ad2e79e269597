package aieditor.mautic_send;

import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Mautic's token and email endpoints as documented: emails are kept, sending one marks it sent to the segment.
 * Failures are switched on per test: a status for the next send, a failed count, a refused login.
 */
final class FakeMautic {
    static final String TOKEN = "test-token";
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("test-user:test-secret".getBytes(StandardCharsets.UTF_8));
    private static final Pattern EMAIL = Pattern.compile("/api/emails/(\\d+)(/send)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Email(int id, String name, int sentCount) {
    }

    final FakeServer server = FakeServer.start(this::answer);
    final Map<Integer, Email> emails = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(40);
    volatile int segmentSize = 120;
    volatile int failedCount;
    /** Answer the next send with this status after sending (a proxy timing out), or 0. */
    volatile int nextSendStatusAfterSending;
    /** Answer the next send with this status without sending (Mautic down), or 0. */
    volatile int nextSendStatusWithoutSending;
    volatile Response tokenReply;
    volatile Response createReply;

    /**
     * A fake Mautic that the application's sends go to: newsletter.delivery=mautic with its URL, client and segment 7,
     * as system properties, which the application reads when its Camel context starts.
     */
    static FakeMautic startForDelivery() {
        FakeMautic mautic = new FakeMautic();
        System.setProperty("newsletter.delivery", "mautic");
        System.setProperty("mautic.base-url", mautic.url());
        System.setProperty("mautic.client-id", "test-client");
        System.setProperty("mautic.client-secret", "test-secret");
        System.setProperty("mautic.segment-ids", "7");
        return mautic;
    }

    /** Back to an empty Mautic that works, for the next test. */
    synchronized void reset() {
        server.reset();
        emails.clear();
        ids.set(40);
        segmentSize = 120;
        failedCount = 0;
        nextSendStatusAfterSending = 0;
        nextSendStatusWithoutSending = 0;
        tokenReply = null;
        createReply = null;
    }

    String url() {
        return server.url();
    }

    private synchronized Response answer(Request r) {
        if (r.path().equals("/oauth/v2/token")) {
            return tokenReply != null ? tokenReply
                    : Response.json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"bearer\",\"scope\":null}");
        }
        String auth = r.header("Authorization");
        if (!("Bearer " + TOKEN).equals(auth) && !BASIC.equals(auth)) {
            return Response.json(401, "{\"errors\":[{\"message\":\"API authorization denied.\",\"code\":401,\"type\":\"access_denied\"}]}");
        }
        if (r.method().equals("POST") && r.path().equals("/api/emails/new")) {
            return createReply != null ? createReply : create(r.body());
        }
        if (r.method().equals("GET") && r.path().equals("/api/emails")) {
            String search = URLDecoder.decode(r.query().replaceFirst("^search=", ""), StandardCharsets.UTF_8);
            List<Email> found = emails.values().stream().filter(e -> e.name().contains(search)).toList();
            return Response.json(200, "{\"total\":" + found.size() + ",\"emails\":{" + found.stream()
                    .map(e -> "\"" + e.id() + "\":" + json(e)).collect(Collectors.joining(",")) + "}}");
        }
        Matcher m = EMAIL.matcher(r.path());
        if (!m.matches() || !emails.containsKey(Integer.parseInt(m.group(1)))) {
            return Response.json(404, "{\"errors\":[{\"message\":\"Item was not found.\",\"code\":404}]}");
        }
        Email email = emails.get(Integer.parseInt(m.group(1)));
        if (m.group(2) == null) {
            return Response.json(200, "{\"email\":" + json(email) + "}");
        }
        if (nextSendStatusWithoutSending != 0) {
            int status = nextSendStatusWithoutSending;
            nextSendStatusWithoutSending = 0;
            return Response.json(status, "{\"errors\":[{\"message\":\"Service unavailable\",\"code\":" + status + "}]}");
        }
        emails.put(email.id(), new Email(email.id(), email.name(), email.sentCount() + segmentSize - failedCount));
        if (nextSendStatusAfterSending != 0) {
            int status = nextSendStatusAfterSending;
            nextSendStatusAfterSending = 0;
            return new Response(status, "<html>Gateway Timeout</html>", Map.of("Content-Type", "text/html"));
        }
        return Response.json(200, "{\"success\":1,\"sentCount\":" + (segmentSize - failedCount) + ",\"failedCount\":" + failedCount + "}");
    }

    private Response create(String body) {
        try {
            JsonNode email = JSON.readTree(body);
            int id = ids.incrementAndGet();
            emails.put(id, new Email(id, email.path("name").asText(), 0));
            return Response.json(201, "{\"email\":{\"id\":" + id + ",\"name\":" + JSON.writeValueAsString(email.path("name").asText())
                    + ",\"emailType\":\"list\",\"isPublished\":true,\"sentCount\":0}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Email e) {
        return "{\"id\":" + e.id() + ",\"name\":\"" + e.name() + "\",\"sentCount\":" + e.sentCount() + "}";
    }

    long creates() {
        return server.requests("POST", "/api/emails/new").size();
    }

    long sends() {
        return server.requests().stream().filter(r -> r.path().endsWith("/send")).count();
    }

    void close() {
        server.close();
    }
}
