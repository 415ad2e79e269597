package aieditor.pipeline;

import aieditor.pipeline.WaitingReasons.Waiting;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a job waits, in words, from fixed facts at a fixed moment. */
class WaitingReasonsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:04:00Z");
    private static final LocalDate DATE = LocalDate.of(2026, 12, 1);
    private static final Map<Step.Queue, Integer> CAPS = Map.of(Step.Queue.HIGH, 0, Step.Queue.DEFAULT, 0, Step.Queue.LOW, 1);

    private final WaitingReasons reasons = reasons(3, ZoneOffset.UTC);

    private static WaitingReasons reasons(int workers, ZoneId zone) {
        return new WaitingReasons(new WaitingReasons.Settings(workers, CAPS, Duration.ofSeconds(30), zone, "mautic_send"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void should_say_which_jobs_are_ahead_when_every_worker_is_busy() {
        List<JobStore.Job> running = List.of(running("r1", BundledSteps.step("decoration")), running("r2", BundledSteps.step("images")), running("r3", BundledSteps.step("ingest")));
        List<Waiting> waiting = reasons.explain(List.of(
                queued("d1", BundledSteps.step("prefilter"), NOW.minusSeconds(5)),
                queued("h1", BundledSteps.step("slot_selection"), NOW.minusSeconds(4)),
                queued("h2", BundledSteps.step("mautic_send"), NOW.minusSeconds(3)),
                queued("d2", BundledSteps.step("html_compile"), NOW.minusSeconds(2))), running, Set.of());

        assertThat(waiting).extracting(Waiting::jobId).containsExactly("h1", "h2", "d1", "d2");
        assertThat(waiting).extracting(Waiting::position).containsExactly(1, 2, 3, 4);
        assertThat(waiting.get(0).reason()).isEqualTo("next in line; 3 of 3 workers busy");
        assertThat(waiting.get(1).reason()).isEqualTo("behind 1 high-priority job; 3 of 3 workers busy");
        assertThat(waiting.get(2).reason()).isEqualTo("behind 2 high-priority jobs; 3 of 3 workers busy");
        assertThat(waiting.get(3).reason()).isEqualTo("behind 2 high-priority and 1 default-priority job; 3 of 3 workers busy");
        assertThat(waiting.get(3)).isEqualTo(new Waiting("d2", "html_compile", "default", 4,
                "behind 2 high-priority and 1 default-priority job; 3 of 3 workers busy"));
    }

    @Test
    void should_give_a_retrying_job_its_retry_time_and_the_error_that_made_it_retry() {
        JobStore.Job retrying = job("j1", BundledSteps.step("images"), JobStatus.RETRYING, null, 1, "IllegalStateException: the image API answered 503",
                Instant.parse("2026-12-01T10:04:05Z"));

        Waiting w = reasons.explain(List.of(retrying), List.of(), Set.of()).get(0);

        assertThat(w.position()).isNull();
        assertThat(w.reason()).isEqualTo("retry at 10:04:05 after attempt 1 failed: IllegalStateException: the image API answered 503");
        assertThat(reasons(3, ZoneId.of("Europe/Berlin")).explain(List.of(retrying), List.of(), Set.of()).get(0).reason())
                .as("times are in the schedule's time zone").startsWith("retry at 11:04:05 after attempt 1");
    }

    @Test
    void should_name_the_day_of_a_retry_that_is_not_today_and_cut_a_long_error() {
        JobStore.Job retrying = job("j1", BundledSteps.step("images"), JobStatus.RETRYING, null, 2, "x".repeat(500),
                Instant.parse("2026-12-02T00:30:00Z"));

        String reason = reasons.explain(List.of(retrying), List.of(), Set.of()).get(0).reason();

        assertThat(reason).startsWith("retry at 2026-12-02 00:30:00 after attempt 2 failed: xxx").endsWith("...");
        assertThat(reason.length()).isLessThan(300);
    }

    @Test
    void should_say_that_no_worker_took_a_job_queued_too_long_with_capacity_free() {
        List<Waiting> waiting = reasons.explain(List.of(queued("d1", BundledSteps.step("prefilter"), NOW.minusSeconds(40))),
                List.of(running("r1", BundledSteps.step("ingest"))), Set.of());

        assertThat(waiting.get(0).reason()).isEqualTo("no worker has taken it for 40 s");
        assertThat(reasons(0, ZoneOffset.UTC).explain(List.of(queued("d1", BundledSteps.step("prefilter"), NOW.minusSeconds(40))),
                List.of(), Set.of()).get(0).reason()).as("no worker at all").isEqualTo("no worker has taken it for 40 s");
    }

    @Test
    void should_say_a_job_just_queued_with_a_worker_free_is_about_to_start() {
        Waiting w = reasons.explain(List.of(queued("d1", BundledSteps.step("prefilter"), NOW.minusSeconds(2))),
                List.of(running("r1", BundledSteps.step("ingest"))), Set.of()).get(0);

        assertThat(w.reason()).isEqualTo("queued 2 s ago; 1 of 3 workers busy");
    }

    @Test
    void should_say_when_its_priority_has_reached_its_cap() {
        List<Waiting> waiting = reasons.explain(List.of(queued("l2", BundledSteps.step("social_sync"), NOW.minusSeconds(90))),
                List.of(running("l1", BundledSteps.step("social_sync"))), Set.of());

        assertThat(waiting.get(0).reason()).isEqualTo("cap of 1 low-priority job reached");
    }

    @Test
    void should_say_a_send_waits_for_the_approval_of_its_issue() {
        List<Waiting> waiting = reasons.explain(List.of(queued("s1", BundledSteps.step("mautic_send"), NOW.minusSeconds(2)),
                job("s2", BundledSteps.step("mautic_send"), JobStatus.RETRYING, null, 1, "IllegalStateException: boom",
                        Instant.parse("2026-12-01T10:05:00Z")),
                queued("h1", BundledSteps.step("slot_selection"), NOW.minusSeconds(1))), List.of(), Set.of(DATE));

        assertThat(waiting.get(0).reason()).isEqualTo("issue awaits approval");
        assertThat(waiting.get(1).reason()).as("not a send").isEqualTo("queued 1 s ago; 0 of 3 workers busy");
        assertThat(waiting.get(2).reason()).isEqualTo("issue awaits approval; retry at 10:05:00 after attempt 1 failed: "
                + "IllegalStateException: boom");
    }

    @Test
    void should_give_a_scheduled_job_its_time() {
        JobStore.Job scheduled = job("s1", BundledSteps.step("mautic_send"), JobStatus.SCHEDULED, null, 0, null,
                Instant.parse("2026-12-02T10:00:00Z"));

        Waiting w = reasons.explain(List.of(scheduled), List.of(), Set.of()).get(0);

        assertThat(w.position()).isNull();
        assertThat(w.reason()).isEqualTo("scheduled for 2026-12-02 10:00:00");
    }

    private static JobStore.Job queued(String id, Step step, Instant queuedAt) {
        return job(id, step, JobStatus.QUEUED, queuedAt, 0, null, null);
    }

    private static JobStore.Job running(String id, Step step) {
        return job(id, step, JobStatus.RUNNING, NOW.minusSeconds(60), 1, null, null);
    }

    private static JobStore.Job job(String id, Step step, JobStatus status, Instant queuedAt, int attempt, String error,
                                    Instant nextAttemptAt) {
        Instant created = queuedAt == null ? NOW.minusSeconds(120) : queuedAt;
        return new JobStore.Job(id, step.id(), step.queue().id(), status, DATE, null, "api", "{}", attempt, 3, null, null,
                error, null, created, null, null, nextAttemptAt, 0, 10, created, queuedAt, null);
    }
}
