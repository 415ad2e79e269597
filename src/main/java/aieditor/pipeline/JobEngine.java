package aieditor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The job engine's parts, one per concern of routes/jobs.camel.yaml, made together since they share the job store,
 * the policy and the clock: {@link JobLifecycle} (enqueue, start, complete), {@link JobRetries} (failures, backoff,
 * the retry poll), {@link JobRecovery} (heartbeats, jobs whose holder is gone), {@link JobWatchdog} (timeouts) and
 * {@link JobCancellation} (cancels, shutdown hand-backs). Time is the clock's, so a test moves it instead of waiting.
 */
public final class JobEngine {
    private final JobLifecycle lifecycle;
    private final JobRetries retries;
    private final JobRecovery recovery;
    private final JobWatchdog watchdog;
    private final JobCancellation cancellation;

    /** What the engine is made of, besides its store and the chain. */
    public record Parts(JobControl control, DeadLetters deadLetters, ObjectMapper json, PipelineRuns runs, JobPolicy policy,
                        JobMetrics metrics, JobRecovery.Settings recovery, Clock clock) {
    }

    /**
     * @param queueSlotFreed told the job's queue name when a job taken from the queue is done with
     * @param signals        broadcasts a job signal to every process
     * @param jobsHeld       the ids of the jobs the queue holds, when the queue can tell (see {@link JobRecovery})
     */
    public JobEngine(JobStore store, Steps steps, Parts p, Consumer<String> queueSlotFreed, Consumer<String> signals,
                     Supplier<Optional<Set<String>>> jobsHeld) {
        JobRecords records = new JobRecords(p.json(), p.runs(), steps);
        this.recovery = new JobRecovery(store, p.control(), jobsHeld, p.deadLetters(), p.metrics(), records,
                p.recovery(), p.clock());
        this.lifecycle = new JobLifecycle(store, p.control(), p.deadLetters(), p.json(), p.runs(), p.policy(),
                queueSlotFreed, p.metrics(), recovery, records, steps, p.clock());
        this.retries = new JobRetries(store, p.control(), p.deadLetters(), p.policy(), p.metrics(), records, steps, p.clock());
        this.watchdog = new JobWatchdog(store, p, records);
        this.cancellation = new JobCancellation(store, p.control(), records, signals, p.clock());
    }

    public JobLifecycle lifecycle() {
        return lifecycle;
    }

    public JobRetries retries() {
        return retries;
    }

    public JobRecovery recovery() {
        return recovery;
    }

    public JobWatchdog watchdog() {
        return watchdog;
    }

    public JobCancellation cancellation() {
        return cancellation;
    }
}
