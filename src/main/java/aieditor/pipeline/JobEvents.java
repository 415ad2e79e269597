package aieditor.pipeline;

import java.time.Instant;

/** What the job engine tells as jobs end or change state; the worker metrics count it. */
public interface JobEvents {
    String COMPLETED = "completed";
    String FAILED = "failed";
    String DEAD = "dead";
    String CANCELLED = "cancelled";
    String RETRYING = "retrying";
    String REDELIVERED = "redelivered";

    /** The job's step finished; {@code started} is when its worker started it, null when unknown. */
    void completed(Step step, Instant started);

    /** The job failed for good. */
    void dead(Step step);

    /** Any other outcome a worker reports: {@link #FAILED}, {@link #CANCELLED}, {@link #RETRYING} or {@link #REDELIVERED}. */
    void task(String type, String status);
}
