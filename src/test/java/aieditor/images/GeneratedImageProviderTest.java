package aieditor.images;

import aieditor.ai.offline.OfflineImageProvider;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.TestRoutes;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated story images through routes/image-hosting.camel.yaml, with the offline card as the fallback. */
class GeneratedImageProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeServer IMAGES = FakeServer.start(r -> Response.json(200, "{}"));
    private static CamelContext context;
    private GeneratedImageProvider provider;

    @BeforeAll
    static void routes() throws Exception {
        context = TestRoutes.start(Map.of("images.generation.base-url", IMAGES.url()), "image-hosting.camel.yaml");
    }

    @AfterAll
    static void stop() {
        context.stop();
        IMAGES.close();
    }

    @BeforeEach
    void provider() {
        IMAGES.reset();
        provider = new GeneratedImageProvider(new HttpRoutes(context), JSON, "test-secret", "dall-e-3", "1792x1024",
                new OfflineImageProvider());
    }

    @Test
    void should_ask_for_a_b64_image_and_crop_it_to_the_card_size() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1792, 1024, BufferedImage.TYPE_INT_RGB), "png", png);
        IMAGES.answerWith(r -> Response.json(200, "{\"created\":1795000000,\"data\":[{\"b64_json\":\""
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"}]}"));

        byte[] image = provider.image("Chip maker opens a new fab", "orchard-bulletin", 1, 600, 300);

        BufferedImage card = ImageIO.read(new ByteArrayInputStream(image));
        assertThat(card.getWidth()).isEqualTo(600);
        assertThat(card.getHeight()).isEqualTo(300);
        FakeServer.Request request = IMAGES.requests("POST", "/v1/images/generations").get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer test-secret");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("model").asText()).isEqualTo("dall-e-3");
        assertThat(body.path("size").asText()).isEqualTo("1792x1024");
        assertThat(body.path("response_format").asText()).isEqualTo("b64_json");
        assertThat(body.path("prompt").asText()).contains("Chip maker opens a new fab");
    }

    @Test
    void should_fall_back_to_the_local_card_when_generation_fails() {
        IMAGES.answerWith(r -> Response.json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));

        byte[] image = provider.image("Chip maker opens a new fab", "orchard-bulletin", 1, 600, 300);

        assertThat(image).isEqualTo(new OfflineImageProvider().image("Chip maker opens a new fab", "orchard-bulletin", 1, 600, 300));
    }
}
