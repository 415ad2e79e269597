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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * OAuth2 client credentials against {base}/oauth/v2/token (route mautic-token). The token is reused until a
 * minute before it expires, so a send costs one token request at most.
 */
final class MauticOAuth2 implements MauticAuth {
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private record Token(String value, Instant expiresAt) {
    }

    private final HttpRoutes http;
    private final ObjectMapper json;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private volatile Token token;

    MauticOAuth2(HttpRoutes http, ObjectMapper json, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.json = json;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public synchronized String header() {
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            token = fetch();
        }
        return "Bearer " + token.value();
    }

    @Override
    public void rejected() {
        token = null;
    }

    private Token fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpReply reply = http.call("direct:mautic-token", form, Map.of(Exchange.HTTP_METHOD, "POST",
                Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded"));
        if (!reply.ok()) {
            throw MauticException.of("token request", reply, json);
        }
        try {
            JsonNode body = json.readTree(reply.text());
            String value = body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new MauticException("Mautic token request answered without an access_token", reply.status());
            }
            long seconds = body.path("expires_in").asLong(3600);
            return new Token(value, clock.instant().plusSeconds(seconds).minus(MARGIN));
        } catch (IOException e) {
            throw new UncheckedIOException("Mautic token reply is not JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
