package aieditor.ai.llm;

/**
 * Whether a job's model calls may still start. Asked before a call waits in line and again on the thread that makes
 * it, once its limits are open: a stop request either finds the call's limits open and cuts them, or is seen here.
 * The pipeline answers from its stop requests and, for a job not running in this process, from the job's record.
 */
@FunctionalInterface
public interface CallGuard {
    /** Every call may start: no job to ask about. */
    CallGuard NEVER_STOPPED = jobId -> null;

    /**
     * Null while calls for the job may start; else the status its calls end with in llm_usage: "timeout" (the job ran
     * past its timeout) or "cancelled" (an operator cancelled it, or it is over).
     */
    String stopped(String jobId);
}
