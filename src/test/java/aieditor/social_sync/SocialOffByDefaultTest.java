package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default stores the posts and publishes nothing: a Mastodon account configured but social.channels left
 * empty never hears from the application.
 */
class SocialOffByDefaultTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    private static final int PORT = freePort();
    private static final FakeMastodon MASTODON = start();

    private static FakeMastodon start() {
        FakeMastodon mastodon = new FakeMastodon();
        System.setProperty("social.mastodon.base-url", mastodon.url());
        System.setProperty("social.mastodon.access-token", FakeMastodon.TOKEN);
        System.setProperty("camel.server.port", String.valueOf(PORT));
        return mastodon;
    }

    @AfterAll
    static void stop() {
        MASTODON.close();
    }

    @Test
    void should_store_the_posts_and_send_nothing() throws Exception {
        runPipeline(DATE);
        runStep("social_sync", DATE);

        assertThat(count("SELECT COUNT(*) FROM social_posts WHERE issue_date = ?", DATE)).isEqualTo(5);
        assertThat(MASTODON.server.requests()).as("requests the fake Mastodon saw").isEmpty();
        assertThat(count("SELECT COUNT(*) FROM social_deliveries")).isZero();
        assertThat((String) lastJob("social_sync").get("result")).contains("\"summary\":\"0 new posts for 5 stories\"");

        HttpResponse<String> reply = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/issues/" + DATE + "/social"))
                        .header("Authorization", "Bearer test-secret").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode view = new ObjectMapper().readTree(reply.body());
        assertThat(view.path("publishing").asText()).startsWith("off");
        assertThat(view.path("channels")).isEmpty();
        assertThat(view.path("posts")).hasSize(5).allSatisfy(p -> assertThat(p.path("deliveries")).isEmpty());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
