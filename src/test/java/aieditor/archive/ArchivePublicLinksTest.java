package aieditor.archive;

import aieditor.Application;
import aieditor.fixtures.Network;
import aieditor.mautic_send.MailClient;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With newsletter.public-base-url set (behind a proxy, under a path): the email sent through the whole chain offers
 * its web copy, and the archive's pages and feed link absolutely under that address, with Open Graph tags for link
 * previews.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:archive-public-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/archive-public", "api.trigger-secret=archive-secret",
        "jobs.poll-period-ms=100", "jobs.retry-base-delay-seconds=0", "retry.max-redeliveries=0", "run.timeout-seconds=180",
        "newsletter.public-base-url=https://news.example/letters/"})
class ArchivePublicLinksTest {
    private static final int PORT = Network.freePort();
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final String BASE = "https://news.example/letters";
    private static final String PAGE = BASE + "/archive/" + DATE;
    private static final Path DATA = Path.of("target/test-data/archive-public");

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final ArchiveClient web = new ArchiveClient(PORT);

    @Test
    void should_link_the_email_to_its_page_and_give_the_page_link_previews() throws Exception {
        if (Files.exists(DATA)) {
            try (Stream<Path> files = Files.walk(DATA)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Application.runChain(context, DATE, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .as(out.toString(StandardCharsets.UTF_8)).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        Map<String, Object> issue = jdbc.queryForMap("SELECT * FROM issues WHERE issue_date = ?", DATE);
        assertThat(issue.get("status")).isEqualTo("sent");

        // the email as it went out: both parts offer the web copy, near the top
        Path outbox = DATA.resolve("outbox").resolve(DATE.toString());
        Document email = Jsoup.parse(Files.readString(outbox.resolve("newsletter.html")));
        Element view = email.selectFirst("td.view-online a");
        assertThat(view.text()).isEqualTo("View in browser");
        assertThat(view.attr("href")).isEqualTo(PAGE);
        assertThat(email.body().child(0).hasClass("preheader")).isTrue();
        assertThat(Files.readString(outbox.resolve("newsletter.txt")).lines().limit(5))
                .contains("View in browser: " + PAGE);
        try (InputStream in = Files.newInputStream(outbox.resolve("newsletter.eml"))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertThat((String) parts.getBodyPart(0).getContent()).contains("View in browser: " + PAGE);
            assertThat(MailClient.htmlPart(message)).contains("href=\"" + PAGE + "\"");
        }

        // the page: its link previews and every link under the public address; images still served here
        HttpResponse<String> r = web.get("/archive/" + DATE);
        assertThat(r.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(r.body());
        assertThat(og(page, "og:type")).isEqualTo("article");
        assertThat(og(page, "og:title")).isEqualTo(issue.get("subject"));
        assertThat(og(page, "og:description")).isEqualTo(issue.get("preheader"));
        assertThat(og(page, "og:url")).isEqualTo(PAGE);
        // JPEG or PNG, whichever the images step found smaller
        assertThat(og(page, "og:image")).matches(java.util.regex.Pattern.quote(PAGE + "/images/slot-1.") + "(png|jpg)");
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(PAGE);
        assertThat(page.selectFirst("link[rel=alternate][type=application/atom+xml]").attr("href")).isEqualTo(BASE + "/archive/feed.xml");
        assertThat(page.select("td.view-online")).as("no link to itself").isEmpty();
        assertThat(page.select("img")).hasSize(5).allSatisfy(img -> {
            assertThat(img.attr("src")).startsWith(PAGE + "/images/slot-");
            try {
                HttpResponse<byte[]> image = web.bytes(URI.create(img.attr("src")).getPath().substring("/letters".length()));
                assertThat(image.statusCode()).isEqualTo(200);
                assertThat(image.headers().firstValue("Content-Type").orElseThrow()).matches("image/(png|jpeg)");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        // list and feed: absolute under the public address, whatever Host the request came with
        Document list = Jsoup.parse(web.get("/archive/").body());
        assertThat(list.select("main li a").attr("href")).isEqualTo(PAGE);
        assertThat(og(list, "og:url")).isEqualTo(BASE + "/archive/");
        String feed = web.get("/archive/feed.xml").body();
        assertThat(feed).contains("<id>" + BASE + "/archive/</id>", "<link rel=\"alternate\" type=\"text/html\" href=\"" + PAGE + "\"/>")
                .doesNotContain("127.0.0.1");
        assertThat(web.get("/archive").headers().firstValue("Location")).hasValue(BASE + "/archive/");
    }

    private static String og(Document page, String property) {
        Element meta = page.selectFirst("meta[property=\"" + property + "\"]");
        return meta == null ? null : meta.attr("content");
    }
}
