package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Handler;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The watchdog (route job-watchdog): a job that runs past its step's timeout ({@code jobs.timeout-seconds}) is
 * failed, with a dead letter, and its threads are interrupted and its calls in flight closed.
 */
public final class JobWatchdog {
    private final JobStore store;
    private final JobControl control;
    private final DeadLetters deadLetters;
    private final JobPolicy policy;
    private final JobMetrics metrics;
    private final JobRecords records;
    private final Steps steps;
    private final Clock clock;

    JobWatchdog(JobStore store, JobControl control, DeadLetters deadLetters, JobPolicy policy, JobMetrics metrics,
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

    @Handler
    public void expireOverdue() {
        Instant now = clock.instant();
        for (String jobId : control.overdue(now)) {
            JobStore.Job job = store.find(jobId).orElse(null);
            if (job == null) {
                continue;
            }
            Step step = steps.require(job.step());
            String reason = "timed out after " + policy.timeout().apply(step).toSeconds() + " s";
            control.requestStop(jobId, true);
            if (store.transition(jobId, JobStatus.FAILED, Map.of("finished_at", Sql.ts(now), "error", reason))) {
                long id = deadLetters.store(new DeadLetters.Failure(jobId, step.id(), job.issueDate(), step.id(), null,
                        new JobStoppedException(jobId, true), records.message(job)));
                StepLog.of(step, jobId).error("Job {}: stopped, interrupted and failed. Recorded as dead letter {}.", reason, id);
                metrics.task(step.id(), JobMetrics.FAILED);
                records.endChain(job, reason);
            }
        }
    }
}
