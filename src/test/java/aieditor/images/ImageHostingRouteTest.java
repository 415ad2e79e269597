package aieditor.images;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Response;
import aieditor.mautic_send.MailClient;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real application with CLOUDINARY_URL set: hosted images in the issue, the local link where an upload fails. */
class ImageHostingRouteTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final FakeServer CLOUDINARY = start();

    private static FakeServer start() {
        FakeServer server = FakeServer.start(r -> r.body().contains("slot-2")
                ? Response.json(500, "{\"error\":{\"message\":\"Upload failed, try again\"}}")
                : Response.json(200, "{\"secure_url\":\"https://res.cloudinary.com/demo-cloud/image/upload/v1/"
                + (r.body().contains("slot-1") ? "slot-1" : "other") + ".png\"}"));
        System.setProperty("images.cloudinary-url", "cloudinary://test-key:test-secret@demo-cloud");
        System.setProperty("images.cloudinary-api-url", server.url());
        return server;
    }

    @AfterAll
    static void stop() {
        CLOUDINARY.close();
    }

    @Test
    void should_link_hosted_images_and_keep_the_local_link_when_an_upload_fails() throws Exception {
        runPipeline(DATE);

        List<Map<String, Object>> images = rows("SELECT slot, url FROM images WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(images).hasSize(5);
        assertThat(images.get(0).get("url")).isEqualTo("https://res.cloudinary.com/demo-cloud/image/upload/v1/slot-1.png");
        assertThat(images.get(1).get("url")).isEqualTo("images/slot-2.jpg");
        assertThat(images.subList(2, 5)).allSatisfy(i -> assertThat((String) i.get("url")).startsWith("https://"));
        assertThat(CLOUDINARY.requests("POST", "/v1_1/demo-cloud/image/upload")).hasSize(5)
                .allSatisfy(r -> assertThat(r.body()).contains("file=" + java.net.URLEncoder.encode("data:image/jpeg;base64,",
                        java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, Object> job = lastJob("images");
        assertThat(job.get("status")).isEqualTo("completed");
        assertThat((String) job.get("result")).contains("image upload failed").contains("Upload failed, try again");
        String html = (String) jdbc().queryForMap("SELECT html FROM issues WHERE issue_date = ?", DATE).get("html");
        assertThat(html).contains("https://res.cloudinary.com/demo-cloud/image/upload/v1/slot-1.png").contains("images/slot-2.jpg");

        // the .eml: hosted images keep their https URL, the one whose upload failed travels inside the message
        MimeMessage eml = MailClient.parse(Files.readAllBytes(DATA.resolve("outbox").resolve(DATE.toString()).resolve("newsletter.eml")));
        List<String> srcs = MailClient.requireImagesLoad(eml);
        assertThat(srcs).hasSize(5);
        assertThat(srcs.get(1)).startsWith("cid:slot-2.issue-2026-11-20@");
        assertThat(List.of(srcs.get(0), srcs.get(2), srcs.get(3), srcs.get(4))).allMatch(src -> src.startsWith("https://"));
        Multipart related = (Multipart) ((Multipart) eml.getContent()).getBodyPart(1).getContent();
        assertThat(related.getCount()).as("the HTML and the one image not hosted").isEqualTo(2);
    }
}
