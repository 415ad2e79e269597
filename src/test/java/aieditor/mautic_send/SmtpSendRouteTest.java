package aieditor.mautic_send;

import aieditor.PipelineTestSupport;
import aieditor.api.OpsApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMTP cannot be asked afterwards whether a message went out. The application with newsletter.delivery=smtp, where
 * an earlier attempt handed the issue to the server and died before recording the answer: nothing is sent blindly,
 * the delivery is uncertain until an operator decides, and the decision is carried out once.
 */
class SmtpSendRouteTest extends PipelineTestSupport {
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        SMTP.start();
        // read by the application's properties before the Camel context starts
        System.setProperty("newsletter.delivery", "smtp");
        System.setProperty("newsletter.smtp.host", "127.0.0.1");
        System.setProperty("newsletter.smtp.port", String.valueOf(SMTP.getSmtp().getPort()));
        System.setProperty("newsletter.smtp.starttls", "false");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    /** What a job that died between handing the message to the server and recording the answer leaves behind. */
    private void handedOverByAnAttemptThatDied(LocalDate date) {
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(2)));
        jdbc().update("INSERT INTO deliveries (idempotency_key, issue_date, channel, status, created_at, claimed_by, claimed_at, "
                + "handed_over_at) VALUES (?, ?, 'smtp', 'sending', ?, 'job-that-died', ?, ?)", "smtp:" + date, date, longAgo, longAgo, longAgo);
    }

    private JsonNode call(String method, LocalDate date, String body) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("date", date.toString());
        exchange.getMessage().setHeader("Authorization", "Bearer test-secret");
        exchange.getMessage().setBody(body);
        OpsApi api = context.getRegistry().lookupByNameAndType("opsApi", OpsApi.class);
        if (method.equals("decide")) {
            api.decideDelivery(exchange);
        } else {
            api.issue(exchange);
        }
        JsonNode answer = JSON.readTree(exchange.getMessage().getBody(String.class));
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).put("http_status",
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        return answer;
    }

    @Test
    void should_not_resend_blindly_and_send_once_when_the_operator_says_it_did_not_go_out() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 27);
        handedOverByAnAttemptThatDied(date);
        int before = SMTP.getReceivedMessages().length;

        String printed = runPipeline(date);

        assertThat(printed).contains("delivery uncertain, awaits an operator's decision");
        assertThat(SMTP.getReceivedMessages()).hasSize(before);
        assertThat(lastJob("mautic_send").get("result").toString()).contains("uncertain");
        JsonNode issue = call("issue", date, null);
        assertThat(issue.path("delivery").path("status").asText()).isEqualTo("uncertain");
        assertThat(issue.path("delivery").path("handed_over_at").isNull()).isFalse();
        // a second trigger does not send either
        assertThat(runStep("mautic_send", date).get("result").toString()).contains("uncertain");
        assertThat(SMTP.getReceivedMessages()).hasSize(before);

        JsonNode decided = call("decide", date, "{\"decision\": \"resend\", \"by\": \"ops\"}");

        assertThat(decided.path("http_status").asInt()).as(decided.toString()).isEqualTo(200);
        String jobId = decided.path("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, jobId)));
        assertThat(SMTP.getReceivedMessages()).hasSize(before + 1);
        assertThat(jdbc().queryForObject("SELECT status FROM deliveries WHERE idempotency_key = ?", String.class, "smtp:" + date))
                .isEqualTo("sent");
        assertThat(call("decide", date, "{\"decision\": \"resend\"}").path("http_status").asInt()).isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'issue.resend_allowed' AND actor = 'ops'")).isEqualTo(1);
    }

    @Test
    void should_record_the_issue_as_sent_when_the_operator_confirms_it_went_out() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 28);
        handedOverByAnAttemptThatDied(date);
        runPipeline(date);
        int before = SMTP.getReceivedMessages().length;

        JsonNode decided = call("decide", date, "{\"decision\": \"sent\", \"by\": \"ops\"}");

        assertThat(decided.path("http_status").asInt()).isEqualTo(200);
        assertThat(decided.path("delivery").path("status").asText()).isEqualTo("sent");
        assertThat(call("issue", date, null).path("status").asText()).isEqualTo("sent");
        assertThat(runStep("mautic_send", date).get("result").toString()).contains("already sent");
        assertThat(SMTP.getReceivedMessages()).hasSize(before);
        assertThat(call("decide", date, "{\"decision\": \"maybe\"}").path("http_status").asInt()).isEqualTo(400);
    }
}
