package aieditor.images;

import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.TestRoutes;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed Cloudinary uploads through routes/image-hosting.camel.yaml against a fake Cloudinary. */
class CloudinaryHostTest {
    private static final FakeServer CLOUDINARY = FakeServer.start(r -> Response.json(200, "{}"));
    private static CamelContext context;
    private CloudinaryHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void routes() throws Exception {
        context = TestRoutes.start(Map.of("images.cloudinary-api-url", CLOUDINARY.url()), "image-hosting.camel.yaml");
    }

    @AfterAll
    static void stop() {
        context.stop();
        CLOUDINARY.close();
    }

    @BeforeEach
    void host() {
        CLOUDINARY.reset();
        host = new CloudinaryHost(new HttpRoutes(context), new ObjectMapper(), "cloudinary://test-key:test-secret@demo-cloud",
                "ai-editor", Clock.fixed(Instant.ofEpochSecond(1_795_000_000L), ZoneOffset.UTC));
    }

    @Test
    void should_sign_the_upload_and_return_the_https_secure_url() throws Exception {
        CLOUDINARY.answerWith(r -> Response.json(200, "{\"public_id\":\"ai-editor/2026-11-22/slot-1\",\"version\":1795000000,"
                + "\"secure_url\":\"https://res.cloudinary.com/demo-cloud/image/upload/v1795000000/ai-editor/2026-11-22/slot-1.png\"}"));
        Path png = Files.write(dir.resolve("slot-1.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});

        String url = host.publish(png, "2026-11-22/slot-1").orElseThrow();

        assertThat(url).isEqualTo("https://res.cloudinary.com/demo-cloud/image/upload/v1795000000/ai-editor/2026-11-22/slot-1.png");
        Request upload = CLOUDINARY.requests("POST", "/v1_1/demo-cloud/image/upload").get(0);
        Map<String, String> form = form(upload.body());
        assertThat(form).containsEntry("api_key", "test-key").containsEntry("timestamp", "1795000000")
                .containsEntry("public_id", "ai-editor/2026-11-22/slot-1").containsEntry("file", "data:image/png;base64,iVBORw==");
        // Cloudinary's rule, computed here on its own: every parameter but file, api_key and signature, sorted, then the secret
        Map<String, String> signed = new TreeMap<>(form);
        signed.keySet().removeAll(java.util.List.of("file", "api_key", "signature"));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((signed.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")) + "test-secret").getBytes(StandardCharsets.UTF_8)));
        assertThat(form.get("signature")).isEqualTo(expected);
        assertThat(form).doesNotContainValue("test-secret");
    }

    @Test
    void should_fail_with_cloudinarys_message_when_the_upload_is_refused() throws Exception {
        CLOUDINARY.answerWith(r -> Response.json(401, "{\"error\":{\"message\":\"Invalid Signature 0123. String to sign - 'x'.\"}}"));
        Path png = Files.write(dir.resolve("slot-2.png"), new byte[]{1, 2, 3});

        assertThatThrownBy(() -> host.publish(png, "2026-11-22/slot-2"))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid Signature");
    }

    @Test
    void should_refuse_a_malformed_cloudinary_url() {
        assertThatThrownBy(() -> new CloudinaryHost(new HttpRoutes(context), new ObjectMapper(), "https://demo-cloud", "x", Clock.systemUTC()))
                .hasMessageContaining("cloudinary://<api_key>:<api_secret>@<cloud_name>");
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
