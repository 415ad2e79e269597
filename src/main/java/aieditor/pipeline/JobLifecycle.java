package aieditor.pipeline;

import aieditor.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static aieditor.pipeline.JobHeaders.CHAIN_ID;
import static aieditor.pipeline.JobHeaders.DELIVERIES;
import static aieditor.pipeline.JobHeaders.FIRE_TIME;
import static aieditor.pipeline.JobHeaders.ISSUE_DATE;
import static aieditor.pipeline.JobHeaders.JOB_ID;
import static aieditor.pipeline.JobHeaders.NEXT_STEP;
import static aieditor.pipeline.JobHeaders.NOT_BEFORE;
import static aieditor.pipeline.JobHeaders.PARAMS;
import static aieditor.pipeline.JobHeaders.QUEUE;
import static aieditor.pipeline.JobHeaders.STEP;
import static aieditor.pipeline.JobHeaders.TRIGGER;

/**
 * A job's way through routes/jobs.camel.yaml when all goes well: recorded and queued when triggered, started when a
 * worker takes it, completed when its step's route returns (a chained run then names the next step), or ended at a
 * safe point by a cancel. Failures are {@link JobRetries}' business, overdue jobs the {@link JobWatchdog}'s.
 */
public final class JobLifecycle {
    /** Exchange property: when this worker started the job. */
    private static final String STARTED_AT = "jobStartedAt";

    private final JobStore store;
    private final JobControl control;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final PipelineRuns runs;
    private final JobPolicy policy;
    private final Consumer<String> queueSlotFreed;
    private final JobMetrics metrics;
    private final JobRecovery recovery;
    private final JobRecords records;
    private final Steps steps;
    private final Clock clock;
    private final String worker;

    /** @param queueSlotFreed told the job's queue name when a job taken from the queue is done with */
    JobLifecycle(JobStore store, JobControl control, DeadLetters deadLetters, ObjectMapper json, PipelineRuns runs,
                 JobPolicy policy, Consumer<String> queueSlotFreed, JobMetrics metrics, JobRecovery recovery,
                 JobRecords records, Steps steps, Clock clock) {
        this.store = store;
        this.control = control;
        this.deadLetters = deadLetters;
        this.json = json;
        this.runs = runs;
        this.policy = policy;
        this.queueSlotFreed = queueSlotFreed;
        this.metrics = metrics;
        this.recovery = recovery;
        this.records = records;
        this.steps = steps;
        this.clock = clock;
        this.worker = store.processName();
    }

    /** Records a queued job for the step named in the headers; the body becomes the queue message. */
    @Handler
    @SuppressWarnings("unchecked")
    public void create(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        Step step = steps.require(in.getHeader(STEP, String.class));
        Instant now = clock.instant();
        Object dateHeader = in.getHeader(ISSUE_DATE);
        LocalDate date = dateHeader == null ? IssueClock.issueDateAt(now) : LocalDate.parse(dateHeader.toString());
        Map<String, Object> params = in.getHeader(PARAMS, Map.class);
        JobMessage message = new JobMessage(UUID.randomUUID().toString(), step.id(), date.toString(),
                in.getHeader(CHAIN_ID, String.class), params);
        java.util.Date fired = in.getHeader(FIRE_TIME, java.util.Date.class);
        Instant notBefore = in.getHeader(NOT_BEFORE, Instant.class);
        boolean held = notBefore != null && notBefore.isAfter(now);
        String trigger = in.getHeader(TRIGGER, "cron", String.class);
        try {
            store.insert(new MapSqlParameterSource().addValue("id", message.jobId()).addValue("step", step.id())
                    .addValue("status", (held ? JobStatus.SCHEDULED : JobStatus.QUEUED).id())
                    .addValue("next", held ? Sql.ts(notBefore) : null).addValue("queuedAt", held ? null : Sql.ts(now))
                    .addValue("queue", step.queue().id()).addValue("date", date).addValue("chain", message.chainId())
                    .addValue("trigger", trigger)
                    .addValue("params", json.writeValueAsString(message.params()))
                    .addValue("max", policy.maxAttempts().apply(step)).addValue("maxRedeliveries", policy.maxRedeliveries())
                    .addValue("now", Sql.ts(now))
                    .addValue("fire", fired == null ? null : Sql.ts(fired.toInstant())));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            StepLog.of(step, null).warn("The cron fire of {} already queued a job; not queueing it twice.", fired.toInstant());
            exchange.setRouteStop(true);
            return;
        }
        in.setHeader(JOB_ID, message.jobId());
        if (held) {
            // it waits in the store, as a retry does; the retry poll queues it when its time comes
            exchange.setRouteStop(true);
            StepLog.of(step, message.jobId()).info("Scheduled for {} on '{}' for issue {} ({}).", notBefore,
                    step.queue().id(), date, trigger);
            return;
        }
        in.setHeader(QUEUE, step.queue().id());
        in.setBody(json.writeValueAsString(message));
        StepLog.of(step, message.jobId()).info("Queued on '{}' for issue {} ({}).", step.queue().id(), date, trigger);
    }

    /**
     * The queue did not take a job that is recorded as queued (Redis unreachable): it is not lost, since recovery
     * puts queued jobs that are not on the queue back once it answers again. The trigger still succeeds.
     */
    @Handler
    public void handOffFailed(Exchange exchange) {
        var in = exchange.getMessage();
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Step step = steps.byId(in.getHeader(STEP, String.class)).orElse(steps.first());
        StepLog.of(step, in.getHeader(JOB_ID, String.class)).warn("The queue did not take the job ({}); it stays queued "
                + "in the store and is handed to the queue as soon as the queue answers.", error == null ? "unknown" : error.getMessage());
    }

    /** A worker took the job: mark it running and expose its fields as headers for the step route. */
    @Handler
    public void start(Exchange exchange) throws JsonProcessingException {
        String queue = exchange.getMessage().getHeader(QUEUE, String.class);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                queueSlotFreed.accept(queue);
            }
        });
        JobMessage message = json.readValue(exchange.getMessage().getBody(String.class), JobMessage.class);
        Step step = steps.require(message.step());
        StepLog log = StepLog.of(step, message.jobId());
        if (exchange.getContext().isStopping()) {
            // Camel drains the in-memory queue before it stops: running every job would hold the stop up to its
            // shutdown timeout (31 s seen). The job stays queued in the store, and recovery puts it on a queue again
            // once this process is gone: at the next start, or in another process (JobRecovery).
            log.info("Not started: the service is stopping; it stays queued for the next start.");
            exchange.setRouteStop(true);
            return;
        }
        int deliveries = exchange.getMessage().getHeader(DELIVERIES, 1, Integer.class);
        if (deliveries > 1 && !recovery.mayTakeRedelivered(message.jobId(), deliveries, log)) {
            exchange.setRouteStop(true);
            return;
        }
        Instant now = clock.instant();
        Optional<JobStore.Run> run = store.start(message.jobId(), now, worker);
        if (run.isEmpty()) {
            if (store.cancelIfRequested(message.jobId(), now)) {
                log.warn("Not started: a cancel was asked for while it waited; cancelled.");
                store.find(message.jobId()).ifPresent(job -> records.endChain(job, "cancelled"));
            } else {
                log.info("Not started: the job is no longer queued (cancelled, finished or taken by another worker).");
            }
            exchange.setRouteStop(true);
            return;
        }
        control.started(run.get(), now.plus(policy.timeout().apply(step)));
        // however the step ends - completed, failed, stopped - this process lets go of the job only then,
        // so a stop request holds for every branch still running
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                control.finished(message.jobId());
            }
        });
        var in = exchange.getMessage();
        in.setHeader(JOB_ID, message.jobId());
        in.setHeader(STEP, step.id());
        in.setHeader(ISSUE_DATE, LocalDate.parse(message.issueDate()));
        in.setHeader(CHAIN_ID, message.chainId());
        in.setHeader(PARAMS, message.params());
        exchange.setProperty(StepResult.PROPERTY, new StepResult());
        exchange.setProperty(STARTED_AT, now);
        log.info("Starting job for issue {} at {}.", message.issueDate(), now);
    }

    /** The step route finished: store its result and, in a chained run, name the next step. */
    @Handler
    public void complete(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        Step step = steps.require(in.getHeader(STEP, String.class));
        StepResult result = exchange.getProperty(StepResult.PROPERTY, StepResult.class);
        in.removeHeader(NEXT_STEP);
        Instant now = clock.instant();
        Map<String, Object> columns = new HashMap<>();
        columns.put("finished_at", Sql.ts(now));
        columns.put("result", json.writeValueAsString(result.toMap()));
        columns.put("progress", JobRecords.truncate(result.summary(), 200));
        columns.put("error", null); // an earlier attempt's error is no longer the job's
        StepLog log = StepLog.of(step, jobId);
        if (!store.transition(control.run(jobId), jobId, JobStatus.COMPLETED, columns)) {
            if (control.isGivenUp(jobId)) {
                log.warn("Finished here after another worker took the job over: this result is dropped; the chain "
                        + "goes on from that worker's run.");
            }
            return;
        }
        log.info("Job complete: {}", json.writeValueAsString(result.toMap()));
        Instant startedAt = exchange.getProperty(STARTED_AT, Instant.class);
        metrics.completed(step, startedAt == null ? null : Duration.between(startedAt, now));
        resolveDeadLetters(step, in.getHeader(ISSUE_DATE, LocalDate.class), jobId, startedAt, log);
        String chainId = in.getHeader(CHAIN_ID, String.class);
        if (chainId != null && (control.stopRequested(jobId)
                || store.find(jobId).map(JobStore.Job::cancelRequestedAt).isPresent())) {
            log.warn("Finished before the cancel asked of it could stop it; the chain stops here.");
            runs.failed(chainId, step, "cancelled");
            return;
        }
        if (chainId != null) {
            runs.stepCompleted(chainId, step, result);
            steps.next(step).ifPresentOrElse(next -> in.setHeader(NEXT_STEP, next.id()), () -> runs.finished(chainId));
        }
    }

    /**
     * The step now completed for the issue fixes its earlier dead letters there, so the list shows which are still
     * open. The job is complete either way: a store that fails this bookkeeping only leaves them open.
     */
    private void resolveDeadLetters(Step step, LocalDate issueDate, String jobId, Instant startedAt, StepLog log) {
        try {
            int fixed = deadLetters.resolve(step.id(), issueDate, jobId, startedAt);
            if (fixed > 0) {
                log.info("Fixed {} earlier dead letter(s) of this step for issue {}.", fixed, issueDate);
            }
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not mark the earlier dead letters of this step for issue {} fixed; they stay open: {}",
                    issueDate, e.getMostSpecificCause().getMessage());
        }
    }

    /** A safe point found the job cancelled (or past its timeout): it ends there, its finished work kept. */
    @Handler
    public void stopped(Exchange exchange) {
        var in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        JobStoppedException stop = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, JobStoppedException.class);
        if (control.isGivenUp(jobId)) {
            return; // stopped because it was no longer this process's: the job's record is its new holder's
        }
        if (stop != null && !stop.timedOut() && store.transition(control.run(jobId), jobId, JobStatus.CANCELLED,
                Map.of("finished_at", Sql.ts(clock.instant()), "error", "cancelled by an operator"))) {
            Step step = steps.require(in.getHeader(STEP, String.class));
            StepLog.of(step, jobId).warn("Job cancelled at a safe point; work finished before it is kept.");
            metrics.task(step.id(), JobMetrics.CANCELLED);
            store.find(jobId).ifPresent(job -> records.endChain(job, "cancelled"));
        }
    }
}
