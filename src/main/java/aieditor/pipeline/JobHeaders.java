package aieditor.pipeline;

/**
 * The message headers a job travels with, from its trigger through the queue to its step's route and back. Routes
 * read them by these names ({@code ${header.step}}); Java reads them through these constants.
 */
public final class JobHeaders {
    public static final String JOB_ID = "jobId";
    public static final String STEP = "step";
    public static final String ISSUE_DATE = "issueDate";
    public static final String CHAIN_ID = "chainId";
    public static final String TRIGGER = "trigger";
    public static final String PARAMS = "params";
    public static final String QUEUE = "queue";
    public static final String NEXT_STEP = "nextStep";
    /** Set by camel-quartz on a cron fire: the time the fire was scheduled for. */
    public static final String FIRE_TIME = "scheduledFireTime";
    /** A job to hold in the store until this instant, then queue (see {@link Triggers#stepAt}). */
    public static final String NOT_BEFORE = "notBefore";
    /** Set by the Redis transport: how often the queue has handed this message to a worker (above 1: redelivered). */
    public static final String DELIVERIES = "deliveries";

    private JobHeaders() {
    }
}
