package aieditor.pipeline;

import java.time.Duration;

/**
 * What the job engine reports to the worker meters (aieditor.observe.WorkerMetrics implements it): how each job
 * ended or changed state, by step.
 */
public interface JobMetrics {
    String COMPLETED = "completed";
    String FAILED = "failed";
    String DEAD = "dead";
    String CANCELLED = "cancelled";
    String RETRYING = "retrying";
    String REDELIVERED = "redelivered";

    /** The job's step finished, this long after its worker started it (null: not known). */
    void completed(Step step, Duration took);

    /** The job failed for good. */
    void dead(Step step);

    /** Any other outcome (failed, cancelled, retrying, redelivered). */
    void task(String step, String status);
}
