package aieditor.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;

/** What every part of the job engine makes of a job's record: its queue message, and the end of its chain. */
final class JobRecords {
    /** The longest error text a job row keeps. */
    static final int MAX_ERROR = 2000;

    private final ObjectMapper json;
    private final PipelineRuns runs;
    private final Steps steps;

    JobRecords(ObjectMapper json, PipelineRuns runs, Steps steps) {
        this.json = json;
        this.runs = runs;
        this.steps = steps;
    }

    /** The job as its queue message (JobMessage JSON). */
    String message(JobStore.Job job) {
        try {
            Map<String, Object> params = job.params() == null ? Map.of() : json.readValue(job.params(), Map.class);
            return json.writeValueAsString(new JobMessage(job.id(), job.step(), job.issueDate().toString(), job.chainId(), params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + job.id() + " has unreadable params", e);
        }
    }

    /** What direct:requeue puts on the queue for the job: {queue, message}. */
    Map<String, Object> queueMessage(JobStore.Job job) {
        Map<String, Object> m = new HashMap<>();
        m.put(JobHeaders.QUEUE, job.queue());
        m.put("message", message(job));
        return m;
    }

    Step step(JobStore.Job job) {
        return steps.require(job.step());
    }

    /** The job ended without completing: a chained run it belongs to ends there, with the reason. */
    void endChain(JobStore.Job job, String reason) {
        if (job.chainId() != null) {
            runs.failed(job.chainId(), step(job), reason);
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
