package aieditor.pipeline;

import aieditor.observe.WorkerMetrics;
import aieditor.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Job records and the bookkeeping around each step: a job is created when triggered, started when a worker
 * takes it, and completed (or failed) when the step ends. Headers set here are what step routes read.
 */
public final class Jobs {
    public static final String JOB_ID = "jobId";
    public static final String STEP = "step";
    public static final String ISSUE_DATE = "issueDate";
    public static final String CHAIN_ID = "chainId";
    public static final String TRIGGER = "trigger";
    public static final String QUEUE = "queue";
    public static final String NEXT_STEP = "nextStep";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PipelineRuns runs;
    private final int maxAttempts;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName();
    private final WorkerMetrics metrics;

    public Jobs(NamedParameterJdbcTemplate jdbc, ObjectMapper json, PipelineRuns runs, int maxAttempts, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.json = json;
        this.runs = runs;
        this.maxAttempts = maxAttempts;
    }

    /** Records a queued job for the step named in the headers; the body becomes the queue message. */
    @Handler
    public void create(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        Step step = Step.byId(in.getHeader(STEP, String.class))
                .orElseThrow(() -> new IllegalArgumentException("Unknown step '" + in.getHeader(STEP) + "'; valid steps: " + Step.ids()));
        Object dateHeader = in.getHeader(ISSUE_DATE);
        LocalDate date = dateHeader == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(dateHeader.toString());
        String trigger = in.getHeader(TRIGGER, "cron", String.class);
        JobMessage message = new JobMessage(UUID.randomUUID().toString(), step.id(), date.toString(),
                in.getHeader(CHAIN_ID, String.class), Map.of());
        Map<String, Object> p = new HashMap<>();
        p.put("id", message.jobId());
        p.put("step", step.id());
        p.put("queue", step.queue().id());
        p.put("date", date);
        p.put("chain", message.chainId());
        p.put("trigger", trigger);
        p.put("params", json.writeValueAsString(message.params()));
        p.put("max", maxAttempts);
        p.put("now", Sql.ts(Instant.now()));
        jdbc.update("INSERT INTO jobs (id, step, queue, status, issue_date, chain_id, trigger_kind, params, attempt, max_attempts, created_at) "
                + "VALUES (:id, :step, :queue, 'queued', :date, :chain, :trigger, :params, 0, :max, :now)", p);
        in.setHeader(JOB_ID, message.jobId());
        in.setHeader(QUEUE, step.queue().id());
        in.setBody(json.writeValueAsString(message));
        StepLog.of(step, message.jobId()).info("Queued on '{}' for issue {} ({}).", step.queue().id(), date, trigger);
    }

    /** A worker took the job: mark it running and expose its fields as headers for the step route. */
    @Handler
    public void start(Exchange exchange) throws JsonProcessingException {
        JobMessage message = json.readValue(exchange.getMessage().getBody(String.class), JobMessage.class);
        Step step = Step.byId(message.step())
                .orElseThrow(() -> new IllegalArgumentException("Unknown step '" + message.step() + "'"));
        var in = exchange.getMessage();
        in.setHeader(JOB_ID, message.jobId());
        in.setHeader(STEP, step.id());
        in.setHeader(ISSUE_DATE, LocalDate.parse(message.issueDate()));
        in.setHeader(CHAIN_ID, message.chainId());
        exchange.setProperty(StepResult.PROPERTY, new StepResult());
        jdbc.update("UPDATE jobs SET status = 'running', attempt = attempt + 1, started_at = :now, worker = :worker WHERE id = :id",
                Map.of("now", Sql.ts(Instant.now()), "worker", worker, "id", message.jobId()));
        StepLog.of(step, message.jobId()).info("Starting job for issue {} at {}.", message.issueDate(), Instant.now());
    }

    /** The step route finished: store its result and, in a chained run, name the next step. */
    @Handler
    public void complete(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        Step step = Step.byId(in.getHeader(STEP, String.class)).orElseThrow();
        StepResult result = exchange.getProperty(StepResult.PROPERTY, StepResult.class);
        jdbc.update("UPDATE jobs SET status = 'completed', finished_at = :now, result = :result, progress = :summary WHERE id = :id",
                Map.of("now", Sql.ts(Instant.now()), "result", json.writeValueAsString(result.toMap()),
                        "summary", truncate(result.summary(), 200), "id", jobId));
        StepLog.of(step, jobId).info("Job complete: {}", json.writeValueAsString(result.toMap()));
        metrics.completed(step, jobId);
        String chainId = in.getHeader(CHAIN_ID, String.class);
        in.removeHeader(NEXT_STEP);
        if (chainId != null) {
            runs.stepCompleted(chainId, step, result);
            step.next().ifPresentOrElse(next -> in.setHeader(NEXT_STEP, next.id()), () -> runs.finished(chainId));
        }
    }

    /** The job finally failed (after redelivery): it is dead, and a chain it belonged to stops here. */
    public void fail(String jobId, String chainId, Step step, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        jdbc.update("UPDATE jobs SET status = 'dead', finished_at = :now, error = :error WHERE id = :id",
                Map.of("now", Sql.ts(Instant.now()), "error", truncate(message, 2000), "id", jobId));
        metrics.dead(step);
        if (chainId != null) {
            runs.failed(chainId, step, message);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
