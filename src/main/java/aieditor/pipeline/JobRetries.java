package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What becomes of a job that failed (the dead-letter channel of routes/error-handling.camel.yaml calls
 * {@link #failed} once in-place redelivery is exhausted): retried later with backoff while it has attempts left,
 * else dead with a dead letter. The retry waits in the jobs table, so a restart loses none; the job-retries poll
 * ({@link #dueRetries}) queues each when its time has come, and so also the jobs held for a later time.
 */
public final class JobRetries {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobRetries.class);

    private final JobStore store;
    private final JobControl control;
    private final DeadLetters deadLetters;
    private final JobPolicy policy;
    private final JobMetrics metrics;
    private final JobRecords records;
    private final Steps steps;
    private final Clock clock;
    private volatile boolean storeDown;

    JobRetries(JobStore store, JobControl control, DeadLetters deadLetters, JobPolicy policy, JobMetrics metrics,
               JobRecords records, Steps steps, Clock clock) {
        this.store = store;
        this.control = control;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.metrics = metrics;
        this.records = records;
        this.steps = steps;
        this.clock = clock;
    }

    /**
     * A failed slot is stored and isolated; a failed job is retried with backoff while it has attempts left, then
     * it is dead and stored. A job whose cancel was asked for is cancelled, not retried.
     */
    @Handler
    public void failed(Exchange exchange) {
        DeadLetters.Failure f = DeadLetters.failureOf(exchange);
        Step step = f.step() == null ? null : steps.byId(f.step()).orElse(null);
        String reason = FailureText.of(f.error());
        if (f.slot() != null && control.stopRequested(f.jobId()) || control.isGivenUp(f.jobId())) {
            return; // interrupted by a stop request or a shutdown: the job did not fail
        }
        if (f.slot() != null || f.jobId() == null || step == null) {
            long id = deadLetters.store(f);
            exchange.setProperty(DeadLetters.DEAD_LETTER_ID, id);
            String what = f.slot() != null ? "Slot " + f.slot() : "A message";
            StepLog.of(step == null ? steps.first() : step, f.jobId()).error("{} failed in route '{}': {}. Recorded as dead letter {}.",
                    what, f.routeId(), reason, id);
            return;
        }
        StepLog log = StepLog.of(step, f.jobId());
        JobStore.Job job = store.find(f.jobId()).orElseThrow();
        Instant now = clock.instant();
        if (store.cancelIfRequested(job.id(), now)) {
            log.warn("Failed ({}) after a cancel was asked for: cancelled, not retried.", reason);
            metrics.task(step.id(), JobMetrics.CANCELLED);
            records.endChain(job, "cancelled");
            return;
        }
        String error = JobRecords.truncate(reason, JobRecords.MAX_ERROR);
        boolean fatal = isFatal(f.error());
        if (fatal || isPermanent(f.error())) {
            // the JVM itself is in trouble (out of memory, stack overflow), or the step says a retry would meet the
            // same failure: retrying would only delay the operator's answer
            if (store.transition(control.run(job.id()), job.id(), JobStatus.FAILED, Map.of("error", error, "finished_at", Sql.ts(now)))) {
                long id = deadLetters.store(f);
                log.error(fatal ? "Job failed on a fatal error: {}. Not retried; recorded as dead letter {}."
                        : "Job failed: {}. A retry would meet the same, so it is not retried; recorded as dead letter {}.",
                        reason, id);
                metrics.task(step.id(), JobMetrics.FAILED);
                records.endChain(job, reason);
            }
            return;
        }
        if (job.attempt() < job.maxAttempts()) {
            Instant next = now.plus(policy.backoff(job.attempt()));
            if (store.transition(control.run(job.id()), job.id(), JobStatus.RETRYING, Map.of("error", error, "next_attempt_at", Sql.ts(next)))) {
                log.warn("Attempt {} of {} failed: {}. Retrying at {}.", job.attempt(), job.maxAttempts(), reason, next);
                metrics.task(step.id(), JobMetrics.RETRYING);
            }
            return;
        }
        if (store.transition(control.run(job.id()), job.id(), JobStatus.DEAD, Map.of("error", error, "finished_at", Sql.ts(now)))) {
            long id = deadLetters.store(f);
            log.error("Job dead after {} attempts: {}. Recorded as dead letter {}.", job.attempt(), reason, id);
            metrics.dead(step);
            records.endChain(job, reason);
        }
    }

    /** Whether a failure is one its step marked as not worth a retry ({@link PermanentFailure}), at any depth. */
    static boolean isPermanent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
        }
        return false;
    }

    static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }

    /**
     * Retries whose backoff has run out, and scheduled jobs whose time has come, moved to queued: one message per
     * job for the queue. While the store is unreachable there is nothing to do but wait; that is said once, not
     * every poll.
     */
    @Handler
    public List<Map<String, Object>> dueRetries() {
        List<Map<String, Object>> due = new ArrayList<>();
        List<JobStore.Job> jobs;
        try {
            jobs = store.dueRetries(clock.instant());
        } catch (org.springframework.dao.DataAccessException e) {
            if (!storeDown) {
                LOG.warn("The store is unreachable; queued retries wait until it is back: {}", e.getMostSpecificCause().getMessage());
                storeDown = true;
            }
            return due;
        }
        if (storeDown) {
            LOG.info("The store is reachable again; queued retries go on.");
            storeDown = false;
        }
        for (JobStore.Job job : jobs) {
            // this process hands it to the queue now: it holds the job from here, so recovery does not judge the
            // heartbeat of its last run (or of its creation) as a holder that died and queue it a second time
            if (store.transition(job.id(), JobStatus.QUEUED, Map.of("heartbeat_at", Sql.ts(clock.instant())))) {
                due.add(records.queueMessage(job));
                StepLog log = StepLog.of(job.step(), job.id());
                if (job.status() == JobStatus.SCHEDULED) {
                    log.info("Queued: its scheduled time {} has come.", job.nextAttemptAt());
                } else {
                    log.info("Queued again for attempt {} of {}.", job.attempt() + 1, job.maxAttempts());
                }
            }
        }
        return due;
    }
}
