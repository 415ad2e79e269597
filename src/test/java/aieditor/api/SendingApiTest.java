package aieditor.api;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import aieditor.pipeline.Triggers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Approving an issue over the API and when it is then sent, and why a job that has not started waits. The schedule
 * runs (so a scheduled send time exists) but fires only in 2030, so no cron fires while the tests run.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:sending-api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "aieditor.data-dir=target/test-data/sending-api", "api.trigger-secret=test-secret", "approval.auto-approve=false",
        "jobs.poll-period-ms=100", "jobs.max-attempts.mautic_send=3", "jobs.retry-base-delay-seconds=600",
        "retry.max-redeliveries=0", "schedule.enabled=true", "schedule.timezone=UTC",
        "schedule.ingest=0 0 0 1 1 ? 2099", "schedule.ai_scoring=0 0 0 1 1 ? 2099", "schedule.prefilter=0 0 0 1 1 ? 2099",
        "schedule.slot_selection=0 0 0 1 1 ? 2099", "schedule.decoration=0 0 0 1 1 ? 2099",
        "schedule.images=0 0 0 1 1 ? 2099", "schedule.html_compile=0 0 0 1 1 ? 2099",
        "schedule.social_sync=0 0 0 1 1 ? 2099", "schedule.mautic_send=0 0 10 ? * TUE-SAT 2030"})
class SendingApiTest {
    private static final int PORT = Network.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final ApiClient api = new ApiClient(PORT, "test-secret");

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private void awaitingApproval(LocalDate date) {
        jdbc().update("INSERT INTO issues (issue_date, status, subject, preheader, html, text_version, html_bytes, created_at, "
                + "updated_at) VALUES (?, 'awaiting_approval', 'The AI Editor', 'Five stories', '<!DOCTYPE html><p>Hi</p>', "
                + "'Hi', 24, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", date);
    }

    private long sendJobs() throws Exception {
        return json(api.get("/jobs?step=mautic_send")).path("total").asLong();
    }

    @Test
    void should_leave_a_future_issue_to_its_scheduled_send() throws Exception {
        LocalDate tuesday = LocalDate.of(2030, 1, 1);
        awaitingApproval(tuesday);
        long before = sendJobs();

        HttpResponse<String> approved = api.post("/issues/" + tuesday + "/approve", "{\"by\": \"editor@newsletter.example\"}");

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode reply = json(approved);
        assertThat(reply.path("status").asText()).isEqualTo("approved");
        assertThat(reply.path("approved_by").asText()).isEqualTo("editor@newsletter.example");
        assertThat(reply.path("send").asText()).isEqualTo("scheduled");
        assertThat(reply.path("send_at").asText()).isEqualTo("2030-01-01T10:00:00Z");
        assertThat(reply.has("job_id")).isFalse();
        assertThat(sendJobs()).as("the cron fire sends it; nothing is queued now").isEqualTo(before);
        assertThat(json(api.get("/issues/" + tuesday)).path("status").asText()).isEqualTo("approved");
    }

    @Test
    void should_send_an_issue_at_once_when_its_send_time_has_passed() throws Exception {
        LocalDate past = LocalDate.of(2026, 11, 13);
        awaitingApproval(past);
        Instant asked = Instant.now();

        JsonNode reply = json(api.post("/issues/" + past + "/approve", "{\"by\": \"editor\"}"));

        assertThat(reply.path("send").asText()).isEqualTo("now");
        assertThat(Instant.parse(reply.path("send_at").asText())).isBetween(asked.minusSeconds(1), Instant.now());
        String jobId = reply.path("job_id").asText();
        assertThat(json(api.get("/jobs/status/" + jobId)).path("step").asText()).isEqualTo("mautic_send");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/issues/" + past)).path("status").asText().equals("sent"));
        assertThat(json(api.get("/jobs/status/" + jobId)).path("trigger").asText()).isEqualTo("approval");
    }

    @Test
    void should_send_at_once_when_asked_to() throws Exception {
        LocalDate wednesday = LocalDate.of(2030, 1, 2);
        awaitingApproval(wednesday);

        JsonNode reply = json(api.post("/issues/" + wednesday + "/approve", "{\"by\": \"editor\", \"send\": \"now\"}"));

        assertThat(reply.path("send").asText()).isEqualTo("now");
        assertThat(reply.path("job_id").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(api.get("/issues/" + wednesday)).path("status").asText().equals("sent"));
    }

    @Test
    void should_refuse_an_unknown_send_value_and_leave_the_issue_unapproved() throws Exception {
        LocalDate thursday = LocalDate.of(2030, 1, 3);
        awaitingApproval(thursday);

        HttpResponse<String> refused = api.post("/issues/" + thursday + "/approve", "{\"send\": \"tomorrow\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("'send'");
        assertThat(json(api.get("/issues/" + thursday)).path("status").asText()).isEqualTo("awaiting_approval");
    }

    @Test
    void should_say_why_a_retrying_send_waits_in_the_queue_and_in_its_status() throws Exception {
        String jobId = json(api.post("/jobs/mautic_send", "{\"date\": \"2026-11-11\"}")).path("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(api.get("/jobs/status/" + jobId)).path("status").asText().equals("retrying"));
        JsonNode status = json(api.get("/jobs/status/" + jobId));
        String retryAt = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.parse(status.path("next_attempt_at").asText()));

        JsonNode waiting = null;
        for (JsonNode w : json(api.get("/jobs/queue")).path("waiting")) {
            if (w.path("job_id").asText().equals(jobId)) {
                waiting = w;
            }
        }

        assertThat(waiting).isNotNull();
        assertThat(waiting.path("step").asText()).isEqualTo("mautic_send");
        assertThat(waiting.path("queue").asText()).isEqualTo("high");
        assertThat(waiting.path("position").isNull()).isTrue();
        assertThat(waiting.path("reason").asText()).isEqualTo("retry at " + retryAt + " after attempt 1 failed: "
                + "Issue 2026-11-11 is not compiled yet: run html_compile first");
        assertThat(status.path("waiting")).isEqualTo(waiting);
        assertThat(api.post("/jobs/" + jobId + "/cancel", null).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/jobs/status/" + jobId)).path("waiting").isNull()).as("cancelled: no longer waiting").isTrue();
    }

    @Test
    void should_hold_a_job_until_its_time_then_run_it() throws Exception {
        Triggers triggers = context.getRegistry().lookupByNameAndType("triggers", Triggers.class);
        Instant at = Instant.now().plusSeconds(3);

        String jobId = triggers.stepAt("prefilter", LocalDate.of(2026, 11, 12), Map.of(), "test", at);

        JsonNode queue = json(api.get("/jobs/queue"));
        assertThat(queue.path("scheduled").get(0).path("job_id").asText()).isEqualTo(jobId);
        assertThat(json(api.get("/jobs/status/" + jobId)).path("waiting").path("reason").asText())
                .isEqualTo("scheduled for " + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(at));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(api.get("/jobs/status/" + jobId)).path("status").asText().equals("completed"));
        assertThat(Instant.parse(json(api.get("/jobs/status/" + jobId)).path("started_at").asText())).isAfterOrEqualTo(at);
    }
}
