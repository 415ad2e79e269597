package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.FakeServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The real application with social.channels=webhook, against a receiver that checks signatures as the README says. */
class WebhookPostsTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 25);
    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static volatile FakeServer.Response refusal;
    private static final FakeServer RECEIVER = start();

    private static FakeServer start() {
        FakeServer receiver = FakeServer.start(r -> {
            if (refusal != null) {
                FakeServer.Response once = refusal;
                refusal = null;
                return once;
            }
            int n = RECEIVED.incrementAndGet();
            return FakeServer.Response.json(202, "{\"id\":\"hook-" + n + "\",\"url\":\"https://receiver.example/posts/" + n + "\"}");
        });
        // read by the application's properties before the Camel context starts (each test class has its own JVM)
        System.setProperty("social.channels", "webhook");
        System.setProperty("social.webhook.url", receiver.url() + "/hooks/newsletter");
        System.setProperty("social.webhook.secret", SECRET);
        return receiver;
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    @BeforeEach
    void emptyReceiver() {
        RECEIVER.reset();
        RECEIVED.set(0);
        refusal = null;
    }

    /** What a receiver does (README, "Social channels"): recompute the HMAC, compare in constant time, refuse old ones. */
    private static boolean verifies(String secret, String timestamp, String body, String signature) throws Exception {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring(7)));
    }

    @Test
    void should_sign_each_post_so_the_receiver_can_verify_it_and_record_what_the_receiver_answered() throws Exception {
        runPipeline(DATE);

        List<FakeServer.Request> hooks = RECEIVER.requests("POST", "/hooks/newsletter");
        assertThat(hooks).hasSize(5);
        List<String> stored = rows("SELECT post_text FROM social_posts WHERE issue_date = ? ORDER BY slot", DATE).stream()
                .map(r -> (String) r.get("post_text")).toList();
        for (int i = 0; i < 5; i++) {
            FakeServer.Request hook = hooks.get(i);
            String timestamp = hook.header("X-AI-Editor-Timestamp");
            String signature = hook.header("X-AI-Editor-Signature");
            assertThat(hook.header("Content-Type")).startsWith("application/json");
            assertThat(verifies(SECRET, timestamp, hook.body(), signature)).as("signature of post %d", i + 1).isTrue();
            // a body changed on the way, a replay under a new timestamp, another secret: none verifies
            assertThat(verifies(SECRET, timestamp, hook.body().replace("\"slot\":" + (i + 1), "\"slot\":9"), signature)).isFalse();
            assertThat(verifies(SECRET, String.valueOf(Long.parseLong(timestamp) + 1), hook.body(), signature)).isFalse();
            assertThat(verifies("another-secret-0123456789", timestamp, hook.body(), signature)).isFalse();

            JsonNode body = JSON.readTree(hook.body());
            assertThat(body.path("issue_date").asText()).isEqualTo(DATE.toString());
            assertThat(body.path("slot").asInt()).isEqualTo(i + 1);
            assertThat(body.path("text").asText()).isEqualTo(stored.get(i));
            assertThat(body.path("url").asText()).startsWith("http");
            assertThat(body.path("headline").asText()).isNotBlank();
            assertThat(body.path("idempotency_key").asText()).isEqualTo(hook.header("Idempotency-Key"))
                    .startsWith("ai-editor-" + DATE + "-slot-" + (i + 1) + "-webhook-");
        }
        List<Map<String, Object>> delivered = rows("SELECT * FROM social_deliveries WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(delivered).hasSize(5).allSatisfy(d -> assertThat(d).containsEntry("channel", "webhook")
                .containsEntry("status", "posted").containsEntry("http_status", 202));
        assertThat(delivered).extracting(d -> d.get("remote_id")).containsExactly("hook-1", "hook-2", "hook-3", "hook-4", "hook-5");
        assertThat(delivered.get(0)).containsEntry("remote_url", "https://receiver.example/posts/1");

        // a re-run sends nothing: each post is recorded as delivered
        assertThat((String) runStep("social_sync", DATE).get("result")).contains("webhook: 5 already posted");
        assertThat(RECEIVER.requests()).hasSize(5);
    }

    @Test
    void should_record_a_receivers_refusal_in_its_own_words_and_not_send_it_again() throws Exception {
        refusal = FakeServer.Response.json(401, "{\"message\":\"signature does not match\"}");

        runPipeline(DATE);

        assertThat(RECEIVER.requests()).hasSize(5);
        Map<String, Object> first = jdbc().queryForMap("SELECT * FROM social_deliveries WHERE issue_date = ? AND slot = 1", DATE);
        assertThat(first).containsEntry("status", "failed").containsEntry("http_status", 401).containsEntry("retryable", false);
        assertThat((String) first.get("error")).startsWith("HTTP 401: signature does not match (check that the receiver verifies");
        assertThat(lastJob("social_sync")).containsEntry("status", "completed").containsEntry("attempt", 1);
    }
}
