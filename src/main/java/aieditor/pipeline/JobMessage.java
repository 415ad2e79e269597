package aieditor.pipeline;

import java.util.Map;

/**
 * What travels on a queue: a job to run one step for one issue date. Plain JSON-friendly fields, because the
 * distributed transport carries it as text.
 *
 * @param jobId     the job record's id
 * @param step      step id, see {@link Step}
 * @param issueDate ISO date of the issue the job works on
 * @param chainId   set when the job is part of a chained run: its successor is enqueued when it completes
 * @param params    free parameters from the trigger
 */
public record JobMessage(String jobId, String step, String issueDate, String chainId, Map<String, Object> params) {
    public JobMessage {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
