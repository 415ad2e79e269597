package aieditor.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * Log lines in the seed's form, "[Step 3] Slot 2: decorated", carrying the job id so a line can be traced to
 * its job record. One logger per step keeps the output filterable by step.
 */
public final class StepLog {
    private static final Map<Step, Logger> LOGGERS = new EnumMap<>(Step.class);

    static {
        for (Step step : Step.values()) {
            LOGGERS.put(step, LoggerFactory.getLogger("aieditor.step." + step.id()));
        }
    }

    private final Logger log;
    private final String prefix;

    private StepLog(Step step, String jobId) {
        this.log = LOGGERS.get(step);
        this.prefix = "[" + step.label() + "] " + (jobId == null ? "" : "(job " + shortId(jobId) + ") ");
    }

    public static StepLog of(Step step, String jobId) {
        return new StepLog(step, jobId);
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
