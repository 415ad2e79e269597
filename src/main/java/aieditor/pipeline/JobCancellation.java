package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Handler;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stopping jobs: an operator's cancel (a waiting job is cancelled at once; a running one is asked to stop at its
 * next safe point, wherever it runs, through a job signal), a shutdown handing its running jobs back to the queue,
 * and the question the model calls ask before they start (aieditor.ai.llm.CallGuard).
 */
public final class JobCancellation {
    /** A job signal (see routes/jobs.camel.yaml) asking whichever process runs the job to stop it. */
    private static final String STOP_SIGNAL = "stop:";

    public enum CancelOutcome { CANCELLED, STOPPING, ALREADY_FINISHED, NOT_FOUND }

    private final JobStore store;
    private final JobControl control;
    private final JobRecords records;
    private final Consumer<String> signals;
    private final Clock clock;

    /** @param signals broadcasts a job signal to every process (a running job may be on another worker) */
    JobCancellation(JobStore store, JobControl control, JobRecords records, Consumer<String> signals, Clock clock) {
        this.store = store;
        this.control = control;
        this.records = records;
        this.signals = signals;
        this.clock = clock;
    }

    /** Cancels a queued or retrying job at once; asks a running one to stop at its next safe point. */
    public CancelOutcome cancel(String jobId, String actor) {
        JobStore.Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return CancelOutcome.NOT_FOUND;
        }
        if (job.status() == JobStatus.RUNNING) {
            // kept in the store, so the cancel holds if the job is redelivered, retried or recovered elsewhere
            store.requestCancel(jobId, clock.instant());
            control.requestStop(jobId, false);
            signals.accept(STOP_SIGNAL + jobId);
            StepLog.of(job.step(), jobId).warn("Cancel requested by {}: stopping at the next safe point.", actor);
            return CancelOutcome.STOPPING;
        }
        if (store.transition(jobId, JobStatus.CANCELLED, Map.of("finished_at", Sql.ts(clock.instant()), "error", "cancelled by " + actor))) {
            StepLog.of(job.step(), jobId).warn("Cancelled by {} before it ran.", actor);
            records.endChain(job, "cancelled");
            return CancelOutcome.CANCELLED;
        }
        return store.find(jobId).filter(j -> j.status() == JobStatus.RUNNING).isPresent()
                ? cancel(jobId, actor) : CancelOutcome.ALREADY_FINISHED;
    }

    /** Cancels every job that has not finished; returns how many were cancelled or asked to stop. */
    public int cancelAll(String actor) {
        int n = 0;
        for (JobStore.Job job : store.withStatus(JobStatus.SCHEDULED, JobStatus.QUEUED, JobStatus.RETRYING, JobStatus.RUNNING)) {
            CancelOutcome outcome = cancel(job.id(), actor);
            if (outcome == CancelOutcome.CANCELLED || outcome == CancelOutcome.STOPPING) {
                n++;
            }
        }
        return n;
    }

    /** A job signal from any process: a stop request reaches the job here if this process runs it. */
    @Handler
    public void onSignal(String signal) {
        if (signal != null && signal.startsWith(STOP_SIGNAL)) {
            String jobId = signal.substring(STOP_SIGNAL.length());
            if (control.requestStop(jobId, false)) {
                store.find(jobId).ifPresent(job -> StepLog.of(job.step(), jobId)
                        .warn("Cancel requested: stopping at the next safe point, interrupting calls in flight."));
            }
        }
    }

    /**
     * This process is shutting down and gave the running job back to the queue: it is queued again for another
     * worker, and its interrupted work here is neither a failure nor a result.
     */
    public void handedBack(String jobId) {
        java.util.Optional<JobStore.Run> run = control.run(jobId);
        control.giveUp(jobId);
        // only the run of this process: one another worker took over while this one stalled stays with it
        store.find(jobId).filter(job -> job.status() == JobStatus.RUNNING && run.isPresent() && !run.get().isSupersededIn(job))
                .ifPresent(job -> {
            // like a lost worker, a stopping one is no failure of the job: its attempt is given back
            if (store.redeliver(jobId, clock.instant(), job.heartbeatAt())) {
                StepLog.of(job.step(), jobId).warn("Handed back to the queue at shutdown; another worker takes it over.");
            }
        });
    }

    /**
     * Whether the job's work may still start a model call (aieditor.ai.llm.CallGuard): null while it may; "timeout"
     * or "cancelled" once it was asked to stop here. A job this process does not run (any more) is asked of its
     * record: a final one, or one whose cancel was asked for, starts nothing. Unreadable store: no refusal, the
     * stop requests of the jobs running here still hold.
     */
    public String callsStopped(String jobId) {
        Boolean timedOut = control.stopRequest(jobId);
        if (timedOut != null) {
            return timedOut ? "timeout" : "cancelled";
        }
        if (control.isRunning(jobId)) {
            return null;
        }
        if (control.isGivenUp(jobId)) {
            return "cancelled";
        }
        try {
            JobStore.Job job = store.find(jobId).orElse(null);
            if (job == null || (!job.status().isFinal() && job.cancelRequestedAt() == null)) {
                return null;
            }
            return job.status() == JobStatus.FAILED && job.error() != null && job.error().startsWith("timed out")
                    ? "timeout" : "cancelled";
        } catch (org.springframework.dao.DataAccessException e) {
            return null;
        }
    }
}
