package aieditor.social_sync;

import aieditor.http.HttpReply;
import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands each post to a receiver of the operator's (a Zapier or n8n hook, a bot of their own) as JSON, signed so the
 * receiver can tell it came from us and is not a replay: {@code X-AI-Editor-Signature: sha256=<hex>} is the
 * HMAC-SHA256, keyed with social.webhook.secret, of {@code <X-AI-Editor-Timestamp>.<raw body>}. The timestamp is in
 * the signed text, so a captured request cannot be sent again later under a fresh one; receivers refuse old
 * timestamps (README: "Social channels"). Any 2xx is taken; an id and url in a JSON reply are recorded.
 */
final class WebhookChannel implements SocialChannel {
    static final String SIGNATURE = "X-AI-Editor-Signature";
    static final String TIMESTAMP = "X-AI-Editor-Timestamp";
    private static final String AUTH_HINT = "check that the receiver verifies with social.webhook.secret (SOCIAL_WEBHOOK_SECRET)";

    private final ChannelHttp http;
    private final SocialSettings.Webhook settings;
    private final Clock clock;

    WebhookChannel(ChannelHttp http, SocialSettings.Webhook settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SocialSettings.WEBHOOK;
    }

    @Override
    public Posted publish(Post post, String idempotencyKey, String jobId) throws PostFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issue_date", post.issueDate().toString());
        body.put("slot", post.slot());
        body.put("text", post.text());
        body.put("url", post.url());
        body.put("headline", post.headline());
        body.put("idempotency_key", idempotencyKey);
        String raw = http.write(body);
        long timestamp = clock.instant().getEpochSecond();
        HttpReply reply = http.post("direct:social-webhook", raw, Map.of("Idempotency-Key", idempotencyKey,
                TIMESTAMP, String.valueOf(timestamp), SIGNATURE, "sha256=" + signature(settings.secret(), timestamp, raw)), jobId);
        if (!reply.ok()) {
            throw PostFailure.of(reply, AUTH_HINT, clock.instant());
        }
        JsonNode said = http.read(reply.text());
        String id = said == null || !said.path("id").isValueNode() ? null : said.path("id").asText();
        String url = said == null || !said.path("url").isTextual() ? null : said.path("url").asText();
        return new Posted(reply.status(), id, url);
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>} with the secret: what a receiver recomputes to verify. */
    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
