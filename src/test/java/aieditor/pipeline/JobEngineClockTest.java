package aieditor.pipeline;

import aieditor.fixtures.SettableClock;
import aieditor.store.Store;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job engine's time-based behaviour - retry backoff, the watchdog's timeout, the takeover of a job whose worker
 * stopped beating, a stalled worker coming back to a job taken over - driven by moving a settable clock, on a real
 * embedded store, without waiting for any of it.
 */
class JobEngineClockTest {
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final Duration RETRY_BASE = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final JobRecovery.Settings RECOVERY = new JobRecovery.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(6), Duration.ofSeconds(5));

    private final Store store = new Store("jdbc:h2:mem:engine-clock-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final SettableClock clock = new SettableClock(T0);
    private final Steps steps = BundledSteps.steps();
    private final ObjectMapper json = new ObjectMapper();
    private final CamelContext camel = new DefaultCamelContext();
    private final JobStore jobs = new JobStore(store.jdbc(), clock);
    private final JobControl control = new JobControl();
    private final List<String> outcomes = new ArrayList<>();
    private final JobEngine engine = new JobEngine(jobs, steps, new JobEngine.Parts(control,
            new DeadLetters(store.jdbc(), json, Duration.ofDays(7), clock), json, new PipelineRuns(),
            new JobPolicy(step -> 3, RETRY_BASE, step -> TIMEOUT, 2), new RecordedMetrics(), RECOVERY, clock),
            queue -> { }, signal -> { }, Optional::empty);

    @AfterEach
    void close() {
        store.stop();
    }

    @Test
    void should_queue_a_failed_job_again_only_once_its_backoff_has_passed() throws Exception {
        Exchange run = started(queued("prefilter"));
        fail(run, new IllegalStateException("the store said no"));
        String jobId = run.getMessage().getHeader(JobHeaders.JOB_ID, String.class);
        assertThat(job(jobId).status()).isEqualTo(JobStatus.RETRYING);
        assertThat(job(jobId).nextAttemptAt()).isEqualTo(T0.plus(RETRY_BASE));

        clock.advance(RETRY_BASE.minusSeconds(1));
        assertThat(engine.retries().dueRetries()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<Map<String, Object>> due = engine.retries().dueRetries();
        assertThat(due).hasSize(1);
        assertThat((String) due.get(0).get("message")).contains(jobId);
        assertThat(job(jobId).status()).isEqualTo(JobStatus.QUEUED);

        // the second failure waits twice as long
        Exchange second = started((String) due.get(0).get("message"));
        fail(second, new IllegalStateException("still no"));
        assertThat(job(jobId).nextAttemptAt()).isEqualTo(clock.instant().plus(RETRY_BASE.multipliedBy(2)));
        assertThat(outcomes).containsExactly("prefilter/retrying", "prefilter/retrying");
    }

    @Test
    void should_fail_a_job_past_its_timeout_and_not_before() throws Exception {
        Exchange run = started(queued("decoration"));
        String jobId = run.getMessage().getHeader(JobHeaders.JOB_ID, String.class);

        clock.advance(TIMEOUT.minusSeconds(1));
        engine.watchdog().expireOverdue();
        assertThat(job(jobId).status()).isEqualTo(JobStatus.RUNNING);

        clock.advance(Duration.ofSeconds(2));
        engine.watchdog().expireOverdue();
        assertThat(job(jobId).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(jobId).error()).isEqualTo("timed out after 1800 s");
        assertThat(job(jobId).finishedAt()).isEqualTo(clock.instant());
        assertThat(control.stopRequest(jobId)).isTrue(); // its threads are told it timed out
        assertThat(store.jdbc().getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", Integer.class, jobId)).isEqualTo(1);
        assertThat(outcomes).containsExactly("decoration/failed");
    }

    @Test
    void should_take_over_a_job_whose_worker_stopped_beating_once_it_is_lost_and_not_sooner() throws Exception {
        String message = queued("images");
        String jobId = json.readValue(message, JobMessage.class).jobId();
        // another process took it and then went silent: its last heartbeat is its start
        assertThat(jobs.start(jobId, clock.instant(), "worker-that-died")).isPresent();

        // this process beats every heartbeat; a job is judged lost only after lostAfter of steady contact
        for (int beat = 0; beat <= 3; beat++) { // up to 6 s after its last heartbeat: not lost yet
            engine.recovery().heartbeat();
            assertThat(engine.recovery().recover()).isEmpty();
            clock.advance(RECOVERY.heartbeat());
        }
        engine.recovery().heartbeat();
        List<Map<String, Object>> again = engine.recovery().recover();

        assertThat(again).hasSize(1);
        assertThat((String) again.get(0).get("message")).contains(jobId);
        assertThat(job(jobId).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job(jobId).redeliveries()).isEqualTo(1);
        assertThat(job(jobId).attempt()).as("a lost worker uses up no attempt").isLessThanOrEqualTo(1);
        assertThat(outcomes).containsExactly("images/redelivered");
    }

    @Test
    void should_stop_a_run_here_whose_job_was_taken_over_while_this_process_stalled_and_drop_what_it_does() throws Exception {
        Exchange run = started(queued("decoration"));
        String jobId = run.getMessage().getHeader(JobHeaders.JOB_ID, String.class);
        // this process stalls past the loss time; another worker takes the job over and runs it
        clock.advance(Duration.ofSeconds(8));
        assertThat(jobs.redeliver(jobId, clock.instant(), job(jobId).heartbeatAt())).isTrue();
        clock.advance(Duration.ofMillis(10));
        assertThat(jobs.start(jobId, clock.instant(), "worker-b")).isPresent();
        Instant takenOverAt = clock.instant();

        // back, its first heartbeat finds the job another's: its run here is stopped, and it beats no more for it
        clock.advance(Duration.ofSeconds(1));
        engine.recovery().heartbeat();
        assertThat(control.isGivenUp(jobId)).isTrue();
        assertThat(control.stopRequest(jobId)).as("asked to stop (not as a timeout)").isFalse();
        assertThat(job(jobId).heartbeatAt()).isEqualTo(takenOverAt);

        // whatever the stalled run still does - finish, fail, stop - leaves the new run's record alone
        engine.lifecycle().complete(run);
        engine.retries().failed(withError(run, new IllegalStateException("interrupted")));
        run.setProperty(Exchange.EXCEPTION_CAUGHT, new JobStoppedException(jobId, false));
        engine.lifecycle().stopped(run);
        JobStore.Job now = job(jobId);
        assertThat(now.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(now.worker()).isEqualTo("worker-b");
        assertThat(now.attempt()).isEqualTo(1);
        assertThat(now.redeliveries()).isEqualTo(1);
        assertThat(now.result()).isNull();
        assertThat(outcomes).isEmpty();
        assertThat(store.jdbc().getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", Integer.class, jobId)).isZero();
    }

    private static Exchange withError(Exchange run, Exception error) {
        run.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        return run;
    }

    /** Records a job for the step at the clock's time; returns its queue message. */
    private String queued(String step) throws Exception {
        Exchange trigger = new DefaultExchange(camel);
        trigger.getMessage().setHeader(JobHeaders.STEP, step);
        trigger.getMessage().setHeader(JobHeaders.ISSUE_DATE, LocalDate.of(2026, 12, 1).toString());
        trigger.getMessage().setHeader(JobHeaders.TRIGGER, "test");
        engine.lifecycle().create(trigger);
        return trigger.getMessage().getBody(String.class);
    }

    /** A worker of this process takes the job. */
    private Exchange started(String message) throws Exception {
        Exchange run = new DefaultExchange(camel);
        run.getMessage().setBody(message);
        run.getMessage().setHeader(JobHeaders.QUEUE, "default");
        engine.lifecycle().start(run);
        assertThat(run.isRouteStop()).as("started").isFalse();
        return run;
    }

    /** The step's route failed for good: what the dead-letter channel hands the engine. */
    private void fail(Exchange run, Exception error) {
        run.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        engine.retries().failed(run);
        control.finished(run.getMessage().getHeader(JobHeaders.JOB_ID, String.class));
    }

    private JobStore.Job job(String id) {
        return jobs.find(id).orElseThrow();
    }

    private final class RecordedMetrics implements JobMetrics {
        @Override
        public void completed(Step step, Duration took) {
            outcomes.add(step.id() + "/completed");
        }

        @Override
        public void dead(Step step) {
            outcomes.add(step.id() + "/dead");
        }

        @Override
        public void task(String step, String status) {
            outcomes.add(step + "/" + status);
        }
    }
}
