package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Handler;

import java.time.Instant;
import java.util.Map;

/**
 * The watchdog (route job-watchdog): a job that runs past its step's timeout ({@code jobs.timeout-seconds}) is
 * failed, with a dead letter, and its threads are interrupted and its calls in flight closed.
 */
public final class JobWatchdog {
    private final JobStore store;
    private final JobEngine.Parts parts;
    private final JobRecords records;

    JobWatchdog(JobStore store, JobEngine.Parts parts, JobRecords records) {
        this.store = store;
        this.parts = parts;
        this.records = records;
    }

    @Handler
    public void expireOverdue() {
        JobControl control = parts.control();
        Instant now = parts.clock().instant();
        for (String jobId : control.overdue(now)) {
            JobStore.Job job = store.find(jobId).orElse(null);
            if (job == null) {
                continue;
            }
            Step step = records.step(job);
            String reason = "timed out after " + parts.policy().timeout().apply(step).toSeconds() + " s";
            control.requestStop(jobId, true);
            if (store.transition(control.run(jobId), jobId, JobStatus.FAILED, Map.of("finished_at", Sql.ts(now), "error", reason))) {
                long id = parts.deadLetters().store(new DeadLetters.Failure(jobId, step.id(), job.issueDate(), step.id(), null,
                        new JobStoppedException(jobId, true), records.message(job)));
                StepLog.of(step, jobId).error("Job {}: stopped, interrupted and failed. Recorded as dead letter {}.", reason, id);
                parts.metrics().task(step.id(), JobMetrics.FAILED);
                records.endChain(job, reason);
            }
        }
    }
}
