package aieditor.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a vendor answered: the status, the body as received and the response headers (names in any case); the caller
 * decides what the status means.
 */
public record HttpReply(int status, byte[] body, Map<String, String> headers) {

    public HttpReply {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public HttpReply(int status, byte[] body) {
        this(status, body, Map.of());
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** A response header (rate limits, retry-after), or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
