package aieditor.api;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replayed dead letter says so (when, and by which job), and once a later job of its step completes for its issue
 * it says it was fixed, and by which job; one whose replay failed again stays open.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:replayed-dead-letters;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/replayed-dead-letters", "api.trigger-secret=test-secret",
        "jobs.poll-period-ms=100", "jobs.max-attempts.mautic_send=1", "retry.max-redeliveries=0"})
class ReplayedDeadLettersTest {
    private static final int PORT = Network.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    private final ApiClient api = new ApiClient(PORT, "test-secret");

    @Test
    void should_show_a_replayed_dead_letter_replayed_and_then_fixed_by_its_replay() throws Exception {
        // the send of an issue not compiled yet is dead; then the issue is made, up to html_compile
        String dead = trigger("mautic_send", "2026-10-06");
        assertThat(finalStatus(dead)).isEqualTo("dead");
        JsonNode letter = letterOf(dead);
        assertThat(letter.path("replayed_at").isNull()).isTrue();
        assertThat(letter.path("resolved_at").isNull()).isTrue();
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration", "images", "html_compile")) {
            assertThat(finalStatus(trigger(step, "2026-10-06"))).as(step).isEqualTo("completed");
        }
        assertThat(letterOf(dead).path("resolved_at").isNull()).as("other steps' jobs fix nothing of mautic_send").isTrue();

        JsonNode replay = json(api.post("/dlq/" + letter.path("id").asLong() + "/replay", "{\"continue\": false}"));
        String replayJob = replay.path("job_id").asText();

        JsonNode replayed = letterOf(dead);
        assertThat(replayed.path("replayed_at").asText()).isNotBlank();
        assertThat(replayed.path("replay_job_id").asText()).isEqualTo(replayJob);
        assertThat(finalStatus(replayJob)).isEqualTo("completed");
        JsonNode fixed = letterOf(dead);
        assertThat(fixed.path("resolved_at").asText()).isNotBlank();
        assertThat(fixed.path("resolved_by_job").asText()).isEqualTo(replayJob);
    }

    @Test
    void should_leave_a_dead_letter_open_when_its_replay_fails_again() throws Exception {
        String dead = trigger("mautic_send", "2026-10-13");
        assertThat(finalStatus(dead)).isEqualTo("dead");
        long id = letterOf(dead).path("id").asLong();

        String replayJob = json(api.post("/dlq/" + id + "/replay", "{\"continue\": false}")).path("job_id").asText();

        assertThat(finalStatus(replayJob)).isEqualTo("dead");
        JsonNode letter = letterOf(dead);
        assertThat(letter.path("replay_job_id").asText()).isEqualTo(replayJob);
        assertThat(letter.path("resolved_at").isNull()).isTrue();
        assertThat(letter.path("resolved_by_job").isNull()).isTrue();
        assertThat(letterOf(replayJob).path("resolved_at").isNull()).as("the replay's own dead letter").isTrue();
    }

    private String trigger(String step, String date) throws Exception {
        return json(api.post("/jobs/" + step, "{\"date\": \"" + date + "\"}")).path("job_id").asText();
    }

    /** The dead letter of the job, as GET /dlq lists it. */
    private JsonNode letterOf(String jobId) throws Exception {
        for (JsonNode item : json(api.get("/dlq?size=500")).path("items")) {
            if (item.path("job_id").asText().equals(jobId)) {
                return item;
            }
        }
        throw new AssertionError("No dead letter of job " + jobId);
    }

    private String finalStatus(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("completed", "dead", "failed", "cancelled")
                .contains(json(api.get("/jobs/status/" + jobId)).path("status").asText()));
        return json(api.get("/jobs/status/" + jobId)).path("status").asText();
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
