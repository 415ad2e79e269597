package aieditor.pipeline;

/** Thrown at a safe point when the running job was cancelled or ran past its timeout. */
public final class JobStoppedException extends RuntimeException {
    private final boolean timedOut;

    public JobStoppedException(String jobId, boolean timedOut) {
        super(timedOut ? "Job " + jobId + " ran past its timeout and was stopped" : "Job " + jobId + " was cancelled");
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
