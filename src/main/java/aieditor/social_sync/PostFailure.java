package aieditor.social_sync;

import aieditor.http.CallCutOff;
import aieditor.http.HttpReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A channel did not take the post. The message is the channel's own words (Mastodon's {"error": "..."}); retryable
 * says whether asking again can help - overload, rate limits, timeouts - or not: a bad token, a text Mastodon
 * refuses (422) stay refused however often they are sent.
 *
 * @param retryAt when the channel said it takes posts again (X-RateLimit-Reset, Retry-After), or null
 */
public final class PostFailure extends Exception {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpStatus;
    private final boolean retryable;
    private final Instant retryAt;

    PostFailure(String message, int httpStatus, boolean retryable, Instant retryAt) {
        super(message);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAt = retryAt;
    }

    /** 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    public Instant retryAt() {
        return retryAt;
    }

    /** An error status, in the channel's words; hint is added for the statuses an operator has to fix (401, 403). */
    static PostFailure of(HttpReply reply, String authHint, Instant now) {
        int status = reply.status();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String hint = status == 401 || status == 403 ? " (" + authHint + ")" : "";
        return new PostFailure("HTTP " + status + ": " + said(reply.text()) + hint, status, retryable,
                retryable ? retryAt(reply, now) : null);
    }

    /** No answer: refused, timed out, cut off. Worth another attempt unless the answer was far too large. */
    static PostFailure transport(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CallCutOff cut) {
                // past the deadline: a timeout like any other; aborted: the job's stop, which its next safe point
                // ends; an answer too large stays so
                return new PostFailure(cut.getMessage(), 0, cut.reason() != CallCutOff.Reason.TOO_LARGE, null);
            }
            if (t instanceof InterruptedIOException) {
                return new PostFailure("no answer in time: " + t.getMessage(), 0, true, null);
            }
        }
        return new PostFailure("no answer: " + aieditor.pipeline.FailureText.of(error), 0, true, null);
    }

    /** {"error": "..."} (Mastodon, and most webhooks), {"message": "..."} or {"error": {"message": ...}}; else the body. */
    static String said(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                JsonNode error = node.path("error");
                if (error.isTextual()) {
                    return node.path("error_description").isTextual()
                            ? error.asText() + ": " + node.path("error_description").asText() : error.asText();
                }
                if (error.path("message").isTextual()) {
                    return error.path("message").asText();
                }
                if (node.path("message").isTextual()) {
                    return node.path("message").asText();
                }
            }
        } catch (Exception notJson) {
            // an HTML error page from a proxy: its text below has to do
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Mastodon's X-RateLimit-Reset is an ISO 8601 time; Retry-After is seconds or an HTTP date. */
    static Instant retryAt(HttpReply reply, Instant now) {
        String reset = reply.header("X-RateLimit-Reset");
        if (reset != null) {
            try {
                return OffsetDateTime.parse(reset.strip()).toInstant();
            } catch (DateTimeParseException notIso) {
                // some servers send epoch seconds here instead
                try {
                    return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                } catch (NumberFormatException notEpoch) {
                    // fall through to Retry-After
                }
            }
        }
        String after = reply.header("Retry-After");
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return now.plus(Duration.ofSeconds(Math.max(0, Long.parseLong(after.strip()))));
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
