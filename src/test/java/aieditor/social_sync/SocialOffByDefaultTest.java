package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default stores the posts and publishes nothing: a Mastodon account configured but social.channels left
 * empty never hears from the application.
 */
class SocialOffByDefaultTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    private static final int PORT = Network.freePort();
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

        HttpResponse<String> reply = new ApiClient(PORT, "test-secret").get("/issues/" + DATE + "/social");
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode view = new ObjectMapper().readTree(reply.body());
        assertThat(view.path("publishing").asText()).startsWith("off");
        assertThat(view.path("channels")).isEmpty();
        assertThat(view.path("posts")).hasSize(5).allSatisfy(p -> assertThat(p.path("deliveries")).isEmpty());
    }

}
