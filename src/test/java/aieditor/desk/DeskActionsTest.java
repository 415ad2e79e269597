package aieditor.desk;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runs and jobs page and its actions over real HTTP: retry, replay, cancel, and what the page shows of them. */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:desk-actions-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/desk-actions", "api.trigger-secret=desk-secret",
        "approval.auto-approve=false", "jobs.poll-period-ms=100", "jobs.max-attempts=1", "retry.max-redeliveries=0"})
class DeskActionsTest {
    private static final int PORT = Network.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final DeskClient desk = new DeskClient(PORT);

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private JsonNode api(String method, String path, String body) throws Exception {
        return JSON.readTree(new ApiClient(desk.base, "desk-secret").send(method, path, body).body());
    }

    private HttpResponse<String> act(DeskClient.Session s, String path) throws Exception {
        Map<String, String> h = new HashMap<>(s.headers(desk.base));
        h.put("X-CSRF-Token", s.csrf());
        h.put("Accept", "application/json");
        return desk.post(path, Map.of(), h);
    }

    private String finalStatus(String jobId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String st = api("GET", "/jobs/status/" + jobId, null).path("status").asText();
            return st.equals("completed") || st.equals("dead") || st.equals("failed") || st.equals("cancelled");
        });
        return jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, jobId);
    }

    @Test
    void should_retry_a_dead_job_replay_its_dead_letter_and_cancel_a_held_one() throws Exception {
        DeskClient.Session s = desk.signIn("desk-secret", "Ann");
        // html_compile of a day with nothing decorated fails; one attempt, so it is dead with a dead letter
        String dead = api("POST", "/jobs/html_compile", "{\"date\": \"2026-09-01\"}").path("job_id").asText();
        assertThat(finalStatus(dead)).isEqualTo("dead");
        long letter = jdbc().queryForObject("SELECT id FROM dead_letters WHERE job_id = ?", Long.class, dead);

        HttpResponse<String> live = desk.get("/desk/jobs/live?step=html_compile&status=dead", s.cookie());
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains(dead.substring(0, 8)).contains("action=\"/desk/jobs/" + dead + "/retry\"")
                .contains("action=\"/desk/dlq/" + letter + "/replay\"").contains("has no decorated story");
        assertThat(desk.get("/desk/jobs?step=publish&status=", s.cookie()).statusCode()).isEqualTo(400);

        HttpResponse<String> retried = act(s, "/desk/jobs/" + dead + "/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("retried as job");
        String again = jdbc().queryForObject("SELECT id FROM jobs WHERE trigger_kind = 'desk-retry'", String.class);
        assertThat(jdbc().queryForObject("SELECT step FROM jobs WHERE id = ?", String.class, again)).isEqualTo("html_compile");
        finalStatus(again);

        HttpResponse<String> replayed = act(s, "/desk/dlq/" + letter + "/replay");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.body()).contains("Dead letter " + letter + " replayed as job");
        HttpResponse<String> twice = act(s, "/desk/dlq/" + letter + "/replay");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(twice.body()).path("error").asText()).contains("already replayed");

        // an approved future issue with no schedule running is held for its send time: cancelled from the desk
        jdbc().update("INSERT INTO issues (issue_date, status, subject, preheader, html, text_version, html_bytes, created_at, "
                + "updated_at) VALUES (DATE '2030-01-08', 'awaiting_approval', 's', 'p', '<p>x</p>', 'x', 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        HttpResponse<String> approved = act(s, "/desk/issues/2030-01-08/approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("Approved by Ann; it goes out at 2030-01-08T10:00:00Z.");
        String held = jdbc().queryForObject("SELECT id FROM jobs WHERE status = 'scheduled'", String.class);
        assertThat(desk.get("/desk/jobs/live", s.cookie()).body()).contains("scheduled for");
        HttpResponse<String> cancel = act(s, "/desk/jobs/" + held + "/cancel");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.body()).contains("cancelled");
        assertThat(jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, held)).isEqualTo("cancelled");
        assertThat(act(s, "/desk/jobs/" + held + "/cancel").statusCode()).isEqualTo(409);
        assertThat(act(s, "/desk/jobs/no-such-job/cancel").statusCode()).isEqualTo(404);
        String done = api("POST", "/jobs/ingest", "{\"date\": \"2026-09-01\"}").path("job_id").asText();
        assertThat(finalStatus(done)).isEqualTo("completed");
        HttpResponse<String> notFailed = act(s, "/desk/jobs/" + done + "/retry");
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(notFailed.body()).path("error").asText())
                .isEqualTo("Job " + done.substring(0, 8) + " is completed; only a failed, dead or cancelled job can be retried");
        assertThat(act(s, "/desk/issues/2030-01-08/approve").statusCode()).isEqualTo(409);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = 'Ann' AND action = 'issue.approved'", Integer.class))
                .isEqualTo(1);

        // "Send now" on an issue awaiting approval: approved by the editor and sent at once, whatever the schedule
        jdbc().update("INSERT INTO issues (issue_date, status, subject, preheader, html, text_version, html_bytes, created_at, "
                + "updated_at) VALUES (DATE '2030-01-09', 'awaiting_approval', 's', 'p', '<p>x</p>', 'x', 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        HttpResponse<String> now = act(s, "/desk/issues/2030-01-09/send-now");
        assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
        assertThat(now.body()).contains("Approved by Ann; it is being sent now.");
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(api("GET", "/issues/2030-01-09", null).path("status").asText()));
        assertThat(act(s, "/desk/issues/2030-01-09/send-now").statusCode()).isEqualTo(409);

        // a form far larger than any edit is refused before it is read: over 64 KB in all by the desk, one field over
        // 8 KB already by the HTTP server (Vert.x's form attribute limit); neither says more than that
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            many.put("pad" + i, "x".repeat(7_000));
        }
        Map<String, String> headers = Map.of("Cookie", s.cookie(), "Origin", desk.base, "X-CSRF-Token", s.csrf(),
                "Accept", "application/json");
        HttpResponse<String> huge = desk.post("/desk/issues/2030-01-09/slots/1/save", many, headers);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).path("error").asText()).isEqualTo("Request body over 65536 bytes");
        HttpResponse<String> field = desk.post("/desk/issues/2030-01-09/slots/1/save", Map.of("headline", "x".repeat(9_000)), headers);
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(field.body()).doesNotContain("Exception").doesNotContain("at io.vertx");
    }
}
