package aieditor.social_sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/** One story's stored post as it goes out: the text, and the story's link and headline for channels that want them. */
public record Post(LocalDate issueDate, int slot, String text, String url, String headline) {

    /**
     * The post's Idempotency-Key on a channel: the same for every retry, redelivery and re-run of this text, so the
     * channel can tell a repeat from a new post (Mastodon keeps keys about an hour and answers a repeat with the
     * status it created first). A rewritten text is a new post, hence its hash in the key.
     */
    public String idempotencyKey(String channel) {
        return "ai-editor-" + issueDate + "-slot-" + slot + "-" + channel + "-" + sha256(text).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
