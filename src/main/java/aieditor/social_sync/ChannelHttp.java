package aieditor.social_sync;

import aieditor.http.CallLimits;
import aieditor.http.HttpReply;
import aieditor.http.HttpRoutes;
import aieditor.http.LimitedCalls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One POST of a JSON body through a route of routes/social-channels.camel.yaml, inside limits owned by the job: it
 * ends by the call deadline however slowly the answer drips, and the job's cancel or timeout closes it at once.
 */
final class ChannelHttp {
    /** A status or a receiver's reply is a few KB; anything far larger is not an answer to one post. */
    private static final long MAX_REPLY_BYTES = 1_048_576;

    private final HttpRoutes http;
    private final LimitedCalls limitedCalls;
    private final Duration deadline;
    private final ObjectMapper json;

    ChannelHttp(HttpRoutes http, LimitedCalls limitedCalls, Duration deadline, ObjectMapper json) {
        this.http = http;
        this.limitedCalls = limitedCalls;
        this.deadline = deadline;
        this.json = json;
    }

    /** A post's body as JSON: built of strings and numbers only, so it always is. */
    String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post of strings and numbers is always JSON", e);
        }
    }

    /** A channel's answer as JSON, or null when it is empty or not JSON (a receiver may answer "ok"). */
    JsonNode read(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** The channel's answer, whatever its status; no answer at all is a {@link PostFailure}. */
    HttpReply post(String route, String json, Map<String, Object> headers, String jobId) throws PostFailure {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(Exchange.HTTP_METHOD, "POST");
        all.put(Exchange.CONTENT_TYPE, "application/json");
        all.put("Accept", "application/json");
        // the exact bytes a signature was computed over: no re-encoding on the way out
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (CallLimits limits = limitedCalls.open(jobId, deadline, MAX_REPLY_BYTES)) {
            return http.call(route, body, all);
        } catch (RuntimeException e) {
            throw PostFailure.transport(e);
        }
    }
}
