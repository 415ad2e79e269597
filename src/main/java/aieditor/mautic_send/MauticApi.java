package aieditor.mautic_send;

import aieditor.http.HttpReply;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Mautic's email API through the routes in routes/mautic.camel.yaml. The routes only move bytes; here each
 * status is classified and Mautic's error replies become {@link MauticException}s.
 */
final class MauticApi {
    static final String EMAIL_ID = "mauticEmailId";

    /** An email as Mautic knows it; sentCount is how many it has sent of it. */
    record Email(String id, String name, int sentCount) {
    }

    record Sent(int sentCount, int failedCount) {
    }

    private final HttpRoutes http;
    private final MauticAuth auth;
    private final ObjectMapper json;

    MauticApi(HttpRoutes http, MauticAuth auth, ObjectMapper json) {
        this.http = http;
        this.auth = auth;
        this.json = json;
    }

    String create(Map<String, Object> email) throws IOException {
        JsonNode body = call("email creation", "direct:mautic-create-email", "POST", json.writeValueAsString(email), Map.of());
        String id = body.path("email").path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("Mautic created an email but did not say its id: " + body);
        }
        return id;
    }

    Sent send(String id) {
        JsonNode body = call("send of email " + id, "direct:mautic-send-email", "POST", "", Map.of(EMAIL_ID, id));
        return new Sent(body.path("sentCount").asInt(0), body.path("failedCount").asInt(0));
    }

    /** The email with this id, empty when Mautic no longer has it. */
    Optional<Email> email(String id) {
        try {
            return Optional.of(email(call("lookup of email " + id, "direct:mautic-get-email", "GET", null, Map.of(EMAIL_ID, id)).path("email")));
        } catch (MauticException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The email with exactly this name; Mautic's search also matches parts of names, hence the filter. */
    Optional<Email> findByName(String name) {
        JsonNode emails = call("search for email '" + name + "'", "direct:mautic-find-email", "GET", null,
                Map.of(Exchange.HTTP_QUERY, "search=" + URLEncoder.encode(name, StandardCharsets.UTF_8))).path("emails");
        // Mautic lists emails as an object keyed by id, some versions as an array
        return StreamSupport.stream(emails.spliterator(), false).map(MauticApi::email)
                .filter(e -> e.name().equals(name)).findFirst();
    }

    private static Email email(JsonNode node) {
        return new Email(node.path("id").asText(), node.path("name").asText(), node.path("sentCount").asInt(0));
    }

    private JsonNode call(String what, String route, String method, String body, Map<String, Object> extra) {
        Map<String, Object> headers = new HashMap<>(extra);
        headers.put(Exchange.HTTP_METHOD, method);
        headers.put("Authorization", auth.header());
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put(Exchange.CONTENT_TYPE, "application/json");
        }
        HttpReply reply = http.call(route, body, headers);
        if (reply.status() == 401) {
            auth.rejected();
        }
        if (!reply.ok()) {
            throw MauticException.of(what, reply, json);
        }
        try {
            JsonNode node = json.readTree(reply.text());
            // Mautic answers some failures with 200 and an errors array
            if (node.has("errors") || node.path("error").isObject()) {
                throw MauticException.of(what, reply, json);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Mautic " + what + " answered with something other than JSON", e);
        }
    }
}
