package aieditor.social_sync;

import aieditor.http.HttpReply;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts a story's text as a status of the configured Mastodon account: {@code POST /api/v1/statuses} with the
 * account's bearer token and the post's Idempotency-Key, so a repeat within Mastodon's window gets the status back
 * that the first request created instead of a second one. The answer is a Status: its id and url are recorded.
 */
final class MastodonChannel implements SocialChannel {
    private static final String AUTH_HINT = "check social.mastodon.access-token (MASTODON_ACCESS_TOKEN) and its write:statuses scope";

    private final ChannelHttp http;
    private final SocialSettings.Mastodon settings;
    private final Clock clock;

    MastodonChannel(ChannelHttp http, SocialSettings.Mastodon settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SocialSettings.MASTODON;
    }

    @Override
    public Posted publish(Post post, String idempotencyKey, String jobId) throws PostFailure {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", post.text());
        status.put("visibility", settings.visibility());
        if (settings.language() != null) {
            status.put("language", settings.language());
        }
        HttpReply reply = http.post("direct:social-mastodon", http.write(status), Map.of(
                "Authorization", "Bearer " + settings.accessToken(), "Idempotency-Key", idempotencyKey), jobId);
        if (!reply.ok()) {
            throw PostFailure.of(reply, AUTH_HINT, clock.instant());
        }
        JsonNode created = http.read(reply.text());
        String id = created == null ? "" : created.path("id").asText("");
        if (id.isEmpty()) {
            // not a Status: something in between answered. Asking again is safe, the key keeps it one status
            throw new PostFailure("HTTP " + reply.status() + " without a status id: " + PostFailure.said(reply.text()),
                    reply.status(), true, null);
        }
        String url = created.path("url").isTextual() ? created.path("url").asText() : created.path("uri").asText(null);
        return new Posted(reply.status(), id, url);
    }
}
