package aieditor.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Starting work from outside the routes (command line, REST): one step as a job, or the whole chain. */
public final class Triggers {
    private final ProducerTemplate template;
    private final PipelineRuns runs;
    private final JobStore store;
    private final Steps steps;

    public Triggers(CamelContext context, PipelineRuns runs, JobStore store, Steps steps) {
        this.steps = steps;
        this.template = context.createProducerTemplate();
        this.runs = runs;
        this.store = store;
    }

    /** @param resumed the chain was an unfinished one taken up again, not a new one */
    public record Chain(String chainId, String firstJobId, CompletableFuture<PipelineRuns.Outcome> done, boolean resumed) {
    }

    /**
     * The issue's unfinished chained run, if one was left (its process stopped), to be waited for while recovery
     * runs its remaining jobs; else a new chain. Steps the stopped run completed are not run again.
     */
    public Chain resumeOrStart(LocalDate issueDate, Map<String, Object> params, String kind) {
        return store.unfinishedChain(issueDate)
                .map(chainId -> new Chain(chainId, null, runs.begin(chainId), true))
                .orElseGet(() -> pipeline(issueDate, params, kind));
    }

    /** The chain's steps, which triggers are checked against. */
    public Steps steps() {
        return steps;
    }

    /** Queues one job for the step and returns its id; throws {@link UnknownStepException} for a bad name. */
    public String step(String step, LocalDate issueDate, Map<String, Object> params, String kind) {
        return enqueue(step, issueDate, params, kind, null);
    }

    /**
     * Records a job for the step that waits in the store until {@code notBefore}, then is queued like any other (a
     * send held for a later send time); returns its id. It is cancelled like a queued job.
     */
    public String stepAt(String step, LocalDate issueDate, Map<String, Object> params, String kind, java.time.Instant notBefore) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(JobHeaders.NOT_BEFORE, notBefore);
        return enqueue(step, issueDate, params, kind, null, headers);
    }

    /**
     * Queues the step as the start of a new chain through the rest of the pipeline (a replayed dead step carries on
     * to the send); returns its job id.
     */
    public String chainFrom(String step, LocalDate issueDate, Map<String, Object> params, String kind) {
        return enqueue(step, issueDate, params, kind, UUID.randomUUID().toString());
    }

    /** Queues the first step of a chained run; each step queues the next when it completes. */
    public Chain pipeline(LocalDate issueDate, Map<String, Object> params, String kind) {
        String chainId = UUID.randomUUID().toString();
        CompletableFuture<PipelineRuns.Outcome> done = runs.begin(chainId);
        String first = enqueue(steps.first().id(), issueDate, params, kind, chainId);
        return new Chain(chainId, first, done, false);
    }

    private String enqueue(String step, LocalDate issueDate, Map<String, Object> params, String kind, String chainId) {
        return enqueue(step, issueDate, params, kind, chainId, new HashMap<>());
    }

    private String enqueue(String step, LocalDate issueDate, Map<String, Object> params, String kind, String chainId,
                           Map<String, Object> headers) {
        headers.put(JobHeaders.STEP, step);
        headers.put(JobHeaders.ISSUE_DATE, issueDate.toString());
        headers.put(JobHeaders.TRIGGER, kind);
        headers.put(JobHeaders.PARAMS, params);
        if (chainId != null) {
            headers.put(JobHeaders.CHAIN_ID, chainId);
        }
        // in-only: the job is handed to the queue, not waited for; the exchange still comes back with its id
        var sent = template.send("direct:enqueue", ExchangePattern.InOnly, e -> e.getMessage().setHeaders(headers));
        if (sent.getException() != null) {
            throw org.apache.camel.CamelExecutionException.wrapCamelExecutionException(sent, sent.getException());
        }
        return sent.getMessage().getHeader(JobHeaders.JOB_ID, String.class);
    }
}
