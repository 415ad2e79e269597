package aieditor.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log lines of the form "[Step 3] Slot 2: decorated", carrying the job id so a line can be traced to
 * its job record. One logger per step keeps the output filterable by step.
 */
public final class StepLog {
    /**
     * The labels of the configured steps, by id ({@link Steps} registers them when it reads the chain), so any
     * class may log as its step knowing only the step's id. A step not (yet) configured logs under its id.
     */
    private static final Map<String, String> LABELS = new ConcurrentHashMap<>();

    private final Logger log;
    private final String prefix;

    private StepLog(String stepId, String label, String jobId) {
        this.log = LoggerFactory.getLogger("aieditor.step." + stepId);
        this.prefix = "[" + label + "] " + (jobId == null ? "" : "(job " + shortId(jobId) + ") ");
    }

    public static StepLog of(Step step, String jobId) {
        return new StepLog(step.id(), step.label(), jobId);
    }

    /** Logs as the configured step with this id, for a step's own classes. */
    public static StepLog of(String stepId, String jobId) {
        return new StepLog(stepId, LABELS.getOrDefault(stepId, stepId), jobId);
    }

    static void label(List<Step> steps) {
        steps.forEach(step -> LABELS.put(step.id(), step.label()));
    }

    public void info(String message, Object... args) {
        log.info(prefix + message, args);
    }

    public void warn(String message, Object... args) {
        log.warn(prefix + message, args);
    }

    public void error(String message, Object... args) {
        log.error(prefix + message, args);
    }

    static String shortId(String jobId) {
        return jobId.length() > 8 ? jobId.substring(0, 8) : jobId;
    }
}
