package aieditor.ai.llm;

import aieditor.PipelineTestSupport;
import aieditor.ai.llm.WireVendor.Answer;
import aieditor.ai.llm.WireVendor.Connection;
import aieditor.fixtures.Answers;
import aieditor.pipeline.Jobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's timeout or cancel ends its model calls on the wire, as the model's server sees it: every connection of
 * the job is closed within two seconds, no call of the job starts once it is final, and every call is a row in
 * llm_usage with the job, the issue and how it ended. Decoration and bolding on a fake Anthropic that holds its
 * answers (for ever, or for longer than the test waits to cancel); the response timeout stays the default 120 s.
 */
class StopMeansStopTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    private static final int TIMEOUT_SECONDS = 4;
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(2);
    private static final WireVendor MODEL = start();

    private static WireVendor start() {
        WireVendor server = new WireVendor();
        // read by the application's properties before the Camel context starts
        System.setProperty("ai.anthropic.api-key", "test-key");
        System.setProperty("ai.anthropic.base-url", server.baseUrl());
        System.setProperty("ai.anthropic.requests-per-second", "50");
        System.setProperty("ai.anthropic.max-concurrent", "4");
        System.setProperty("ai.cleaning.provider", "offline");
        System.setProperty("ai.scoring.provider", "offline");
        System.setProperty("jobs.timeout-seconds.decoration", String.valueOf(TIMEOUT_SECONDS));
        return server;
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @BeforeEach
    void selectSlots() {
        MODEL.reset();
        jdbc().update("DELETE FROM llm_usage");
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection")) {
            assertThat(runStep(step, DATE).get("status")).isEqualTo("completed");
        }
    }

    @Test
    void should_close_every_call_of_a_timed_out_job_and_start_none_after_it() {
        MODEL.answerWith(r -> Answer.hang());

        Map<String, Object> job = runStep("decoration", DATE);

        assertThat(job.get("status")).isEqualTo("failed");
        assertThat(job.get("error")).isEqualTo("timed out after " + TIMEOUT_SECONDS + " s");
        Instant finished = instant(job.get("finished_at"));
        Instant deadline = instant(job.get("started_at")).plusSeconds(TIMEOUT_SECONDS);
        List<Connection> connections = closedWithin(deadline);
        report("timeout", deadline, finished, connections);
        noCallStartedAfter(finished);
        everyCallRecorded((String) job.get("id"), "timeout");
    }

    @Test
    void should_close_the_calls_of_a_job_cancelled_mid_call() throws Exception {
        // a slow model: it would answer after 3 s, within the job's timeout
        MODEL.answerWith(r -> Answer.after(Duration.ofSeconds(3), Answers.anthropic(Answers.json(Map.of(
                "headline", "A headline", "bullets", List.of("One.", "Two.", "Three."))), "end_turn")));
        context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of(Jobs.STEP, "decoration", Jobs.ISSUE_DATE, DATE.toString(), Jobs.TRIGGER, "test"));
        await().atMost(Duration.ofSeconds(20)).until(() -> MODEL.requests().size() >= 4);
        String jobId = (String) lastJob("decoration").get("id");

        Instant cancelled = Instant.now();
        Jobs.CancelOutcome outcome = context.getRegistry().lookupByNameAndType("jobs", Jobs.class).cancel(jobId, "test");

        assertThat(outcome).isEqualTo(Jobs.CancelOutcome.STOPPING);
        List<Connection> connections = closedWithin(cancelled);
        assertThat(connections).allSatisfy(c -> assertThat(c.answered()).as("answers written on %s", c).isZero());
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("cancelled", "failed", "completed", "dead")
                .contains((String) lastJob("decoration").get("status")));
        Map<String, Object> job = lastJob("decoration");
        assertThat(job.get("status")).isEqualTo("cancelled");
        report("cancel", cancelled, instant(job.get("finished_at")), connections);
        noCallStartedAfter(cancelled);
        everyCallRecorded(jobId, "cancelled");
    }

    /** Every connection the model saw is closed by the client within CLOSED_WITHIN of the stop. */
    private List<Connection> closedWithin(Instant stop) {
        assertThat(MODEL.requests()).as("calls the model received").isNotEmpty();
        await().atMost(CLOSED_WITHIN.plusSeconds(3)).untilAsserted(() -> assertThat(MODEL.connections())
                .allSatisfy(c -> assertThat(c.closedAt()).as("%s", c).isNotNull()));
        List<Connection> connections = MODEL.connections();
        assertThat(connections).allSatisfy(c -> assertThat(Duration.between(stop, c.closedAt()))
                .as("from the stop to the model seeing %s", c).isLessThanOrEqualTo(CLOSED_WITHIN));
        return connections;
    }

    /** Nothing reaches the model once the job stopped, not even after a while. */
    private void noCallStartedAfter(Instant stop) {
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(MODEL.requests())
                .allSatisfy(r -> assertThat(r.at()).as("request on connection %d", r.connection()).isBeforeOrEqualTo(stop)));
    }

    /**
     * A row for every call the model received, and one for a call cut off on its way (a branch that got its turn in
     * line as the stop came): every call is recorded, none with tokens.
     */
    private void everyCallRecorded(String jobId, String status) {
        assertThat(usage(jobId)).hasSizeGreaterThanOrEqualTo(MODEL.requests().size())
                .allSatisfy(row -> assertThat(row.get("status")).isEqualTo(status));
    }

    private List<Map<String, Object>> usage(String jobId) {
        List<Map<String, Object>> rows = rows("SELECT * FROM llm_usage WHERE job_id = ? ORDER BY id", jobId);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("issue_date").toString()).isEqualTo(DATE.toString());
            assertThat(row.get("task")).isEqualTo("decoration");
            assertThat(row.get("provider")).isEqualTo("anthropic");
            assertThat(row.get("model")).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(((Number) row.get("cost_usd")).doubleValue()).isZero();
        });
        return rows;
    }

    private static void report(String what, Instant stop, Instant finished, List<Connection> connections) {
        long worst = connections.stream().mapToLong(c -> Duration.between(stop, c.closedAt()).toMillis()).max().orElse(-1);
        long fromFinal = connections.stream().mapToLong(c -> Duration.between(finished, c.closedAt()).toMillis()).max().orElse(-1);
        System.out.printf("MEASURED %s: %d connections; %s to the last EOF seen by the model: %d ms; job final to it: %d ms%n",
                what, connections.size(), what.equals("timeout") ? "deadline" : "cancel", worst, fromFinal);
        connections.forEach(c -> System.out.printf("  %s: %d ms after the %s%n", c, Duration.between(stop, c.closedAt()).toMillis(), what));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + value);
    }
}
