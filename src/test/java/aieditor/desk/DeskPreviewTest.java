package aieditor.desk;

import aieditor.Application;
import aieditor.fixtures.Network;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval preview is the message as it will be sent, and its images load in the editor's browser: the
 * message's cid: images come from the desk's own image URL, behind the session.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:desk-preview-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/desk-preview", "api.trigger-secret=desk-secret",
        "approval.auto-approve=false", "jobs.poll-period-ms=100"})
class DeskPreviewTest {
    private static final int PORT = Network.freePort();
    private static final LocalDate DATE = LocalDate.of(2026, 10, 8);

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final DeskClient desk = new DeskClient(PORT);

    @Test
    void should_preview_the_message_as_sent_with_every_image_loading_through_the_desk() throws Exception {
        Application.runChain(context, DATE, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        assertThat(jdbc.queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, DATE))
                .isEqualTo("awaiting_approval");
        DeskClient.Session s = desk.signIn("desk-secret", "Ann");

        HttpResponse<String> preview = desk.get("/desk/issues/" + DATE + "/preview", s.cookie());

        assertThat(preview.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(preview.body());
        List<String> srcs = html.select("img").eachAttr("src");
        assertThat(srcs).hasSize(5).allMatch(src -> src.matches("/desk/issues/" + DATE + "/images/slot-[1-5]\\.jpg"));
        for (String src : srcs) {
            HttpResponse<byte[]> image = desk.getBytes(src, s.cookie());
            assertThat(image.statusCode()).as(src).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
            Path file = Path.of("target/test-data/desk-preview/images", DATE.toString(), src.substring(src.lastIndexOf('/') + 1));
            assertThat(image.body()).isEqualTo(Files.readAllBytes(file));
            // the images are the desk's: without a session they are not served
            assertThat(desk.getBytes(src, null).statusCode()).isEqualTo(303);
        }
        // the page says what the message weighs and that its images travel inside it
        String page = desk.get("/desk/issues/" + DATE, s.cookie()).body();
        assertThat(page).containsPattern("The message as sent through outbox: \\d+ bytes, 5 images inside the message "
                + "\\(\\d+ bytes\\)\\.");
    }
}
