package aieditor;

import aieditor.mautic_send.MailClient;
import aieditor.pipeline.IssueClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineChainTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    @Test
    void should_turn_the_bundled_samples_into_a_sent_newsletter() throws Exception {
        String printed = runPipeline(DATE);

        assertThat(printed).contains("Pipeline run for issue 2026-11-20", "The newsletter is in");
        List<Map<String, Object>> jobs = rows("SELECT step, status FROM jobs ORDER BY created_at");
        assertThat(jobs).extracting(j -> j.get("step")).containsExactly("ingest", "ai_scoring", "prefilter",
                "slot_selection", "decoration", "images", "html_compile", "mautic_send", "social_sync");
        assertThat(jobs).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("completed"));

        // ingest: the sample set minus its duplicates; scoring: every article of the 72-hour window
        assertThat(count("SELECT COUNT(*) FROM articles")).isBetween(40L, 50L);
        assertThat(count("SELECT COUNT(*) FROM scores")).isGreaterThan(20);
        assertThat(count("SELECT COUNT(*) FROM articles a LEFT JOIN scores s ON s.article_id = a.id WHERE s.article_id IS NULL "
                + "AND COALESCE(a.published_at, a.ingested_at) > ?", IssueClock.reference(DATE, java.time.Instant.now()).minusSeconds(72 * 3600)
                .atOffset(java.time.ZoneOffset.UTC))).isZero();
        // the Quillmark story from two sources: both kept, the second naming the first's story
        assertThat(count("SELECT COUNT(*) FROM articles WHERE LOWER(title) LIKE '%quillmark%'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE LOWER(title) LIKE '%quillmark%' AND story_url IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE canonical_url LIKE '%haldecott-robotics-warehouse-arms%'")).isEqualTo(1);

        // prefilter and slot selection: every decision logged with a reason
        assertThat(count("SELECT COUNT(*) FROM prefilter_log WHERE step = 'prefilter' AND decision = 'exclude'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM prefilter_log WHERE reason = ''")).isZero();
        List<Map<String, Object>> slots = rows("SELECT s.slot, a.source, s.score FROM slot_selections s "
                + "JOIN articles a ON a.id = s.article_id WHERE s.issue_date = ? ORDER BY s.slot", DATE);
        assertThat(slots).hasSize(5);
        assertThat(slots).extracting(s -> s.get("source")).doesNotHaveDuplicates();
        List<Double> scores = slots.stream().map(s -> ((Number) s.get("score")).doubleValue()).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // decoration: five stories, headline within the limit, three bullets each
        List<Map<String, Object>> decorations = rows("SELECT * FROM decorations WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(decorations).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("decorated");
            assertThat(((String) d.get("headline")).length()).isBetween(10, 80);
            assertThat((String) d.get("bullets")).startsWith("[").contains("**");
            assertThat(d.get("prompt_version")).isEqualTo(1);
        });

        // images: five cards, 600 px wide, stored as JPEG (smaller than the provider's PNG)
        List<Map<String, Object>> images = rows("SELECT * FROM images WHERE issue_date = ?", DATE);
        assertThat(images).hasSize(5).allSatisfy(i -> {
            assertThat(ImageIO.read(Path.of((String) i.get("path")).toFile()).getWidth()).isEqualTo(600);
            assertThat((String) i.get("path")).endsWith(".jpg");
        });

        // html_compile + mautic_send: an email-safe issue in the outbox
        Map<String, Object> issue = jdbc().queryForMap("SELECT * FROM issues WHERE issue_date = ?", DATE);
        assertThat(issue.get("status")).isEqualTo("sent");
        assertThat((Integer) issue.get("html_bytes")).isLessThan(102_000);
        Path outbox = DATA.resolve("outbox").resolve(DATE.toString());
        Document html = Jsoup.parse(Files.readString(outbox.resolve("newsletter.html")));
        assertThat(html.select("[data-slot]")).hasSize(5);
        assertThat(html.select("script")).isEmpty();
        assertThat(Files.readString(outbox.resolve("newsletter.txt"))).doesNotContain("**");
        assertThat(outbox.resolve("images").toFile().list()).hasSize(5);
        // the .eml as a mail client reads it: text first, the HTML with its five images as cid: parts
        byte[] eml = Files.readAllBytes(outbox.resolve("newsletter.eml"));
        MimeMessage message = MailClient.parse(eml);
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("multipart/related");
        assertThat(MailClient.requireImagesLoad(message)).hasSize(5).allMatch(src -> src.startsWith("cid:"));
        assertThat(message.getHeader("List-Unsubscribe")).isNotEmpty();
        long imageBytes = images.stream().mapToLong(i -> ((Number) i.get("bytes")).longValue()).sum();
        System.out.printf("[eml] 5-story issue, embedded default: %d bytes (%d bytes of JPEG images, HTML %d bytes)%n",
                eml.length, imageBytes, (Integer) issue.get("html_bytes"));
        assertThat(eml.length).as("a message of reasonable size").isLessThan(400_000);
        assertThat(lastJob("mautic_send").get("result").toString()).contains("message " + eml.length + " bytes")
                .contains("5 images inside the message (" + imageBytes + " bytes)");

        // social_sync: one post per story
        assertThat(rows("SELECT post_text FROM social_posts WHERE issue_date = ?", DATE)).hasSize(5)
                .allSatisfy(p -> assertThat(((String) p.get("post_text")).length()).isLessThanOrEqualTo(280));
    }

    @Test
    void should_send_nothing_new_when_the_same_date_runs_again() throws Exception {
        runPipeline(DATE);
        Path eml = DATA.resolve("outbox").resolve(DATE.toString()).resolve("newsletter.eml");
        var firstWrite = Files.getLastModifiedTime(eml);
        String before = jdbc().queryForObject("SELECT html FROM issues WHERE issue_date = ?", String.class, DATE);

        String printed = runPipeline(DATE);

        assertThat(printed).contains("already sent, nothing new");
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(eml)).isEqualTo(firstWrite);
        assertThat(jdbc().queryForObject("SELECT html FROM issues WHERE issue_date = ?", String.class, DATE)).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM social_posts")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'issue.sent'")).isEqualTo(1);
    }
}
