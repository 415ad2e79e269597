package aieditor.mautic_send;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real application with newsletter.delivery=mautic, end to end against a fake Mautic. */
class MauticSendRouteTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final FakeMautic MAUTIC = start();

    private static FakeMautic start() {
        FakeMautic mautic = FakeMautic.startForDelivery();
        // Mautic is given the HTML only: its images must be hosted (MauticUnhostedImagesTest: refused without)
        System.setProperty("images.public-base-url", "https://images.newsletter.example/issues");
        return mautic;
    }

    @AfterAll
    static void stop() {
        MAUTIC.close();
    }

    @BeforeEach
    void emptyMautic() {
        MAUTIC.reset();
    }

    @Test
    void should_create_and_send_one_email_even_when_the_send_is_triggered_twice() throws Exception {
        runPipeline(DATE);
        Map<String, Object> again = runStep("mautic_send", DATE);

        assertThat(MAUTIC.creates()).isEqualTo(1);
        assertThat(MAUTIC.sends()).isEqualTo(1);
        assertThat(again.get("status")).isEqualTo("completed");
        assertThat((String) again.get("result")).contains("already sent, nothing new");
        Map<String, Object> delivery = jdbc().queryForMap("SELECT * FROM deliveries WHERE idempotency_key = ?", "mautic:" + DATE);
        assertThat(delivery).containsEntry("status", "sent").containsEntry("external_id", "41")
                .containsEntry("sent_count", 120).containsEntry("failed_count", 0)
                .containsEntry("location", "mautic email 41");
        String created = MAUTIC.server.requests("POST", "/api/emails/new").get(0).body();
        assertThat(created).contains("\"name\":\"ai-editor 2026-11-20\"");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(created)
                .path("customHtml").asText());
        assertThat(html.select("img").eachAttr("src")).hasSize(5).allMatch(src ->
                src.matches("https://images\\.newsletter\\.example/issues/2026-11-20/slot-[1-5]\\.jpg"));
    }

    @Test
    void should_resume_a_send_that_failed_after_the_email_was_created_without_creating_another() throws Exception {
        MAUTIC.nextSendStatusWithoutSending = 503;

        runPipeline(DATE);

        assertThat(MAUTIC.creates()).isEqualTo(1);
        assertThat(MAUTIC.emails.get(41).sentCount()).isEqualTo(120);
        assertThat(lastJob("mautic_send").get("status")).isEqualTo("completed");
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE status = 'sent' AND external_id = '41'")).isEqualTo(1);
    }

    @Test
    void should_complete_but_report_an_error_when_mautic_reports_failed_recipients() throws Exception {
        MAUTIC.failedCount = 2;

        runPipeline(DATE);

        Map<String, Object> job = lastJob("mautic_send");
        assertThat(job.get("status")).isEqualTo("completed");
        assertThat((String) job.get("result")).contains("\"failedCount\":2").contains("mautic reported 2 failed and 118 sent recipients");
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE failed_count = 2 AND sent_count = 118")).isEqualTo(1);
        assertThat(MAUTIC.sends()).isEqualTo(1);
    }
}
