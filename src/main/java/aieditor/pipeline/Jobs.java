package aieditor.pipeline;

import aieditor.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The job lifecycle around each step: created when triggered, started when a worker takes it, then completed,
 * retried with backoff, dead, timed out or cancelled. Headers set here are what the step routes read.
 */
public final class Jobs {
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
    /** A job signal (see routes/jobs.camel.yaml) asking whichever process runs the job to stop it. */
    private static final String STOP_SIGNAL = "stop:";
    /** Exchange property: when this worker started the job. */
    private static final String STARTED_AT = "jobStartedAt";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Jobs.class);

    private final JobStore store;
    private final JobControl control;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final PipelineRuns runs;
    private final JobPolicy policy;
    private final Consumer<String> queueSlotFreed;
    private volatile boolean storeDown;
    private final String worker;
    private final JobEvents metrics;
    private final Consumer<String> signals;

    /**
     * @param queueSlotFreed told the job's queue name when a job taken from the queue is done with
     * @param signals        broadcasts a job signal to every process (a running job may be on another worker)
     */
    public Jobs(JobStore store, JobControl control, DeadLetters deadLetters, ObjectMapper json, PipelineRuns runs,
                JobPolicy policy, Consumer<String> queueSlotFreed, JobEvents metrics, Consumer<String> signals) {
        this.metrics = metrics;
        this.signals = signals;
        this.queueSlotFreed = queueSlotFreed;
        this.store = store;
        this.worker = store.processName();
        this.control = control;
        this.deadLetters = deadLetters;
        this.json = json;
        this.runs = runs;
        this.policy = policy;
    }

    /** Records a queued job for the step named in the headers; the body becomes the queue message. */
    @Handler
    @SuppressWarnings("unchecked")
    public void create(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        Step step = Step.byId(in.getHeader(STEP, String.class))
                .orElseThrow(() -> new UnknownStepException(in.getHeader(STEP, String.class)));
        Object dateHeader = in.getHeader(ISSUE_DATE);
        LocalDate date = dateHeader == null ? IssueClock.issueDateAt(Instant.now()) : LocalDate.parse(dateHeader.toString());
        Map<String, Object> params = in.getHeader(PARAMS, Map.class);
        JobMessage message = new JobMessage(UUID.randomUUID().toString(), step.id(), date.toString(),
                in.getHeader(CHAIN_ID, String.class), params);
        java.util.Date fired = in.getHeader(FIRE_TIME, java.util.Date.class);
        Instant notBefore = in.getHeader(NOT_BEFORE, Instant.class);
        Instant now = Instant.now();
        boolean held = notBefore != null && notBefore.isAfter(now);
        try {
            store.insert(new MapSqlParameterSource().addValue("id", message.jobId()).addValue("step", step.id())
                    .addValue("status", (held ? JobStatus.SCHEDULED : JobStatus.QUEUED).id())
                    .addValue("next", held ? Sql.ts(notBefore) : null).addValue("queuedAt", held ? null : Sql.ts(now))
                    .addValue("queue", step.queue().id()).addValue("date", date).addValue("chain", message.chainId())
                    .addValue("trigger", in.getHeader(TRIGGER, "cron", String.class))
                    .addValue("params", json.writeValueAsString(message.params()))
                    .addValue("max", policy.maxAttempts().apply(step)).addValue("maxRedeliveries", policy.maxRedeliveries())
                    .addValue("now", Sql.ts(now))
                    .addValue("fire", fired == null ? null : Sql.ts(fired.toInstant())));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            StepLog.of(step, null).warn("The cron fire of {} already queued a job; not queueing it twice.", fired.toInstant());
            exchange.setRouteStop(true);
            return;
        }
        if (held) {
            // it waits in the store, as a retry does; the retry poll queues it when its time comes
            in.setHeader(JOB_ID, message.jobId());
            exchange.setRouteStop(true);
            StepLog.of(step, message.jobId()).info("Scheduled for {} on '{}' for issue {} ({}).", notBefore, step.queue().id(),
                    date, in.getHeader(TRIGGER, "cron", String.class));
            return;
        }
        toQueue(exchange, step, message);
        StepLog.of(step, message.jobId()).info("Queued on '{}' for issue {} ({}).", step.queue().id(), date,
                in.getHeader(TRIGGER, "cron", String.class));
    }

    /**
     * The queue did not take a job that is recorded as queued (Redis unreachable): it is not lost, since recovery
     * puts queued jobs that are not on the queue back once it answers again. The trigger still succeeds.
     */
    @Handler
    public void handOffFailed(Exchange exchange) {
        var in = exchange.getMessage();
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Step step = Step.byId(in.getHeader(STEP, String.class)).orElse(Step.INGEST);
        StepLog.of(step, in.getHeader(JOB_ID, String.class)).warn("The queue did not take the job ({}); it stays queued "
                + "in the store and is handed to the queue as soon as the queue answers.", error == null ? "unknown" : error.getMessage());
    }

    private void toQueue(Exchange exchange, Step step, JobMessage message) throws JsonProcessingException {
        var in = exchange.getMessage();
        in.setHeader(JOB_ID, message.jobId());
        in.setHeader(QUEUE, step.queue().id());
        in.setBody(json.writeValueAsString(message));
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
        Step step = Step.byId(message.step()).orElseThrow(() -> new UnknownStepException(message.step()));
        StepLog log = StepLog.of(step, message.jobId());
        if (exchange.getContext().isStopping()) {
            // Camel drains the in-memory queue before it stops: running every job would hold the stop up to its
            // shutdown timeout (31 s seen). The job stays queued in the store, and recovery puts it on a queue again
            // once this process is gone: at the next start, or in another process (JobRecovery).
            log.info("Not started: the service is stopping; it stays queued for the next start.");
            exchange.setRouteStop(true);
            return;
        }
        if (!takeOver(exchange, log, message.jobId())) {
            exchange.setRouteStop(true);
            return;
        }
        Instant now = Instant.now();
        if (!store.start(message.jobId(), now, worker)) {
            if (store.cancelIfRequested(message.jobId(), now)) {
                log.warn("Not started: a cancel was asked for while it waited; cancelled.");
                store.find(message.jobId()).ifPresent(job -> endChain(job, "cancelled"));
            } else {
                log.info("Not started: the job is no longer queued (cancelled, finished or taken by another worker).");
            }
            exchange.setRouteStop(true);
            return;
        }
        control.started(message.jobId(), now.plus(policy.timeout().apply(step)));
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

    /**
     * A redelivered message (its lease ran out) whose job is still recorded as running. If the job's holder still
     * beats, it is alive and keeps the job - the lease only ran out because the queue was unreachable - and this
     * delivery is dropped. Otherwise the holder is lost and this worker takes the job over.
     */
    private boolean takeOver(Exchange exchange, StepLog log, String jobId) {
        int deliveries = exchange.getMessage().getHeader(DELIVERIES, 1, Integer.class);
        JobStore.Job job = deliveries > 1 ? store.find(jobId).orElse(null) : null;
        if (job == null || job.status() != JobStatus.RUNNING) {
            return true;
        }
        if (control.isRunning(jobId) || !recovery().holderLost(job.heartbeatAt())) {
            log.info("Redelivered (delivery {}), but worker {} still runs it (heartbeat at {}): left to it.",
                    deliveries, job.worker(), job.heartbeatAt());
            return false;
        }
        return takeOverLost(job, "its worker " + job.worker() + " stopped renewing its lease").isPresent();
    }

    private volatile JobRecovery recovery;

    /** Set once at configuration: recovery judges whether a job's holder is lost. */
    public void recovery(JobRecovery recovery) {
        this.recovery = recovery;
    }

    private JobRecovery recovery() {
        return recovery;
    }

    /**
     * A running job lost its worker: it is queued again as a redelivery, which does not use up one of its failure
     * attempts. A job that loses its worker more often than its redelivery budget allows is dead; one an operator
     * cancelled stays cancelled. Returns its queue message when it is to be queued again.
     */
    Optional<Map<String, Object>> takeOverLost(JobStore.Job job, String why) {
        Step step = Step.byId(job.step()).orElseThrow();
        StepLog log = StepLog.of(step, job.id());
        Instant now = Instant.now();
        if (job.cancelRequestedAt() != null) {
            if (store.cancelIfRequested(job.id(), now)) {
                log.warn("Lost its worker after a cancel was asked for: cancelled, not run again.");
                metrics.task(step.id(), JobEvents.CANCELLED);
                endChain(job, "cancelled");
            }
            return Optional.empty();
        }
        if (job.redeliveries() >= job.maxRedeliveries()) {
            String reason = why + ", and the job had already been taken over " + job.redeliveries() + " times";
            if (store.transition(job.id(), JobStatus.DEAD, Map.of("error", truncate(reason, 2000), "finished_at", Sql.ts(now)))) {
                long id = deadLetters.store(new DeadLetters.Failure(job.id(), step.id(), job.issueDate(), step.id(), null,
                        new IllegalStateException(reason), message(job)));
                log.error("Job dead: {}. Recorded as dead letter {}.", reason, id);
                metrics.dead(step);
                endChain(job, reason);
            }
            return Optional.empty();
        }
        if (!store.redeliver(job.id(), now, job.heartbeatAt())) {
            return Optional.empty(); // another process noticed first, or the job moved on
        }
        log.warn("Taken over: {}. Queued again as redelivery {} of {} (attempt {} of {} is not used up).", why,
                job.redeliveries() + 1, job.maxRedeliveries(), Math.max(job.attempt(), 1), job.maxAttempts());
        metrics.task(job.step(), JobEvents.REDELIVERED);
        return Optional.of(queueMessage(job));
    }

    /** The step route finished: store its result and, in a chained run, name the next step. */
    @Handler
    public void complete(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        Step step = Step.byId(in.getHeader(STEP, String.class)).orElseThrow();
        StepResult result = exchange.getProperty(StepResult.PROPERTY, StepResult.class);
        in.removeHeader(NEXT_STEP);
        Map<String, Object> columns = new HashMap<>();
        columns.put("finished_at", Sql.ts(Instant.now()));
        columns.put("result", json.writeValueAsString(result.toMap()));
        columns.put("progress", truncate(result.summary(), 200));
        columns.put("error", null); // an earlier attempt's error is no longer the job's
        boolean completed = store.transition(jobId, JobStatus.COMPLETED, columns);
        if (!completed) {
            return;
        }
        StepLog log = StepLog.of(step, jobId);
        log.info("Job complete: {}", json.writeValueAsString(result.toMap()));
        Instant startedAt = exchange.getProperty(STARTED_AT, Instant.class);
        metrics.completed(step, startedAt);
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
            step.next().ifPresentOrElse(next -> in.setHeader(NEXT_STEP, next.id()), () -> runs.finished(chainId));
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

    /**
     * What the dead-letter channel calls once redelivery is exhausted. A failed slot is stored and isolated; a
     * failed job is retried with backoff while it has attempts left, then it is dead and stored.
     */
    @Handler
    public void failed(Exchange exchange) {
        DeadLetters.Failure f = DeadLetters.failureOf(exchange);
        Step step = f.step() == null ? null : Step.byId(f.step()).orElse(null);
        String reason = FailureText.of(f.error());
        if (f.slot() != null && control.stopRequested(f.jobId()) || control.isHandedBack(f.jobId())) {
            return; // interrupted by a stop request or a shutdown: the job did not fail
        }
        if (f.slot() != null || f.jobId() == null || step == null) {
            long id = deadLetters.store(f);
            exchange.setProperty(DeadLetters.DEAD_LETTER_ID, id);
            String what = f.slot() != null ? "Slot " + f.slot() : "A message";
            StepLog.of(step == null ? Step.INGEST : step, f.jobId()).error("{} failed in route '{}': {}. Recorded as dead letter {}.",
                    what, f.routeId(), reason, id);
            return;
        }
        StepLog log = StepLog.of(step, f.jobId());
        JobStore.Job job = store.find(f.jobId()).orElseThrow();
        if (store.cancelIfRequested(job.id(), Instant.now())) {
            log.warn("Failed ({}) after a cancel was asked for: cancelled, not retried.", reason);
            metrics.task(step.id(), JobEvents.CANCELLED);
            endChain(job, "cancelled");
            return;
        }
        boolean fatal = isFatal(f.error());
        if (fatal || isPermanent(f.error())) {
            // the JVM itself is in trouble (out of memory, stack overflow), or the step says a retry would meet the
            // same failure: retrying would only delay the operator's answer
            if (store.transition(job.id(), JobStatus.FAILED, Map.of("error", truncate(reason, 2000), "finished_at", Sql.ts(Instant.now())))) {
                long id = deadLetters.store(f);
                log.error(fatal ? "Job failed on a fatal error: {}. Not retried; recorded as dead letter {}."
                        : "Job failed: {}. A retry would meet the same, so it is not retried; recorded as dead letter {}.",
                        reason, id);
                metrics.task(step.id(), JobEvents.FAILED);
                endChain(job, reason);
            }
            return;
        }
        if (job.attempt() < job.maxAttempts()) {
            Instant next = Instant.now().plus(policy.backoff(job.attempt()));
            if (store.transition(job.id(), JobStatus.RETRYING, Map.of("error", truncate(reason, 2000), "next_attempt_at", Sql.ts(next)))) {
                log.warn("Attempt {} of {} failed: {}. Retrying at {}.", job.attempt(), job.maxAttempts(), reason, next);
                metrics.task(step.id(), JobEvents.RETRYING);
            }
            return;
        }
        if (store.transition(job.id(), JobStatus.DEAD, Map.of("error", truncate(reason, 2000), "finished_at", Sql.ts(Instant.now())))) {
            long id = deadLetters.store(f);
            log.error("Job dead after {} attempts: {}. Recorded as dead letter {}.", job.attempt(), reason, id);
            metrics.dead(step);
            endChain(job, reason);
        }
    }

    /** Whether a failure is one its step marked as not worth a retry ({@link PermanentFailure}), at any depth. */
    static boolean isPermanent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
        }
        return false;
    }

    static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }

    /** A safe point found the job cancelled (or past its timeout): it ends there, its finished work kept. */
    @Handler
    public void stopped(Exchange exchange) {
        var in = exchange.getMessage();
        String jobId = in.getHeader(JOB_ID, String.class);
        JobStoppedException stop = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, JobStoppedException.class);
        if (stop != null && !stop.timedOut() && store.transition(jobId, JobStatus.CANCELLED, Map.of("finished_at", Sql.ts(Instant.now()),
                "error", "cancelled by an operator"))) {
            Step step = Step.byId(in.getHeader(STEP, String.class)).orElseThrow();
            StepLog.of(step, jobId).warn("Job cancelled at a safe point; work finished before it is kept.");
            metrics.task(step.id(), JobEvents.CANCELLED);
            store.find(jobId).ifPresent(job -> endChain(job, "cancelled"));
        }
    }

    /** The watchdog: a job past its timeout is failed now, and its threads are interrupted. */
    @Handler
    public void expireOverdue() {
        for (String jobId : control.overdue(Instant.now())) {
            JobStore.Job job = store.find(jobId).orElse(null);
            if (job == null) {
                continue;
            }
            Step step = Step.byId(job.step()).orElseThrow();
            String reason = "timed out after " + policy.timeout().apply(step).toSeconds() + " s";
            control.requestStop(jobId, true);
            if (store.transition(jobId, JobStatus.FAILED, Map.of("finished_at", Sql.ts(Instant.now()), "error", reason))) {
                long id = deadLetters.store(new DeadLetters.Failure(jobId, step.id(), job.issueDate(), step.id(), null,
                        new JobStoppedException(jobId, true), message(job)));
                StepLog.of(step, jobId).error("Job {}: stopped, interrupted and failed. Recorded as dead letter {}.", reason, id);
                metrics.task(step.id(), JobEvents.FAILED);
                endChain(job, reason);
            }
        }
    }

    /**
     * Retries whose backoff has run out, and scheduled jobs whose time has come, moved to queued: one message per
     * job for the queue. While the store is unreachable there is nothing to do but wait; that is said once, not
     * every poll.
     */
    @Handler
    public List<Map<String, Object>> dueRetries() throws JsonProcessingException {
        List<Map<String, Object>> due = new ArrayList<>();
        List<JobStore.Job> jobs;
        try {
            jobs = store.dueRetries(Instant.now());
        } catch (org.springframework.dao.DataAccessException e) {
            if (!storeDown) {
                LOG.warn("The store is unreachable; queued retries wait until it is back: {}", e.getMostSpecificCause().getMessage());
                storeDown = true;
            }
            return due;
        }
        if (storeDown) {
            LOG.info("The store is reachable again; queued retries go on.");
            storeDown = false;
        }
        for (JobStore.Job job : jobs) {
            // this process hands it to the queue now: it holds the job from here, so recovery does not judge the
            // heartbeat of its last run (or of its creation) as a holder that died and queue it a second time
            if (store.transition(job.id(), JobStatus.QUEUED, Map.of("heartbeat_at", Sql.ts(Instant.now())))) {
                due.add(queueMessage(job));
                StepLog log = StepLog.of(Step.byId(job.step()).orElseThrow(), job.id());
                if (job.status() == JobStatus.SCHEDULED) {
                    log.info("Queued: its scheduled time {} has come.", job.nextAttemptAt());
                } else {
                    log.info("Queued again for attempt {} of {}.", job.attempt() + 1, job.maxAttempts());
                }
            }
        }
        return due;
    }

    public enum CancelOutcome { CANCELLED, STOPPING, ALREADY_FINISHED, NOT_FOUND }

    /** Cancels a queued or retrying job at once; asks a running one to stop at its next safe point. */
    public CancelOutcome cancel(String jobId, String actor) {
        JobStore.Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return CancelOutcome.NOT_FOUND;
        }
        if (job.status() == JobStatus.RUNNING) {
            // kept in the store, so the cancel holds if the job is redelivered, retried or recovered elsewhere
            store.requestCancel(jobId, Instant.now());
            control.requestStop(jobId, false);
            signals.accept(STOP_SIGNAL + jobId);
            StepLog.of(Step.byId(job.step()).orElseThrow(), jobId).warn("Cancel requested by {}: stopping at the next safe point.", actor);
            return CancelOutcome.STOPPING;
        }
        if (store.transition(jobId, JobStatus.CANCELLED, Map.of("finished_at", Sql.ts(Instant.now()), "error", "cancelled by " + actor))) {
            StepLog.of(Step.byId(job.step()).orElseThrow(), jobId).warn("Cancelled by {} before it ran.", actor);
            endChain(job, "cancelled");
            return CancelOutcome.CANCELLED;
        }
        return store.find(jobId).filter(j -> j.status() == JobStatus.RUNNING).isPresent()
                ? cancel(jobId, actor) : CancelOutcome.ALREADY_FINISHED;
    }

    /**
     * This process is shutting down and gave the running job back to the queue: it is queued again for another
     * worker, and its interrupted work here is neither a failure nor a result.
     */
    public void handedBack(String jobId) {
        control.handedBack(jobId);
        store.find(jobId).filter(job -> job.status() == JobStatus.RUNNING).ifPresent(job -> {
            // like a lost worker, a stopping one is no failure of the job: its attempt is given back
            if (store.redeliver(jobId, Instant.now(), job.heartbeatAt())) {
                StepLog.of(Step.byId(job.step()).orElseThrow(), jobId).warn("Handed back to the queue at shutdown; another worker takes it over.");
            }
        });
    }

    /**
     * Whether the job's work may still start a model call (aieditor.ai.llm.CallGuard): null while it may; "timeout"
     * or "cancelled" once it was asked to stop here. A job this process does not run (any more) is asked of its
     * record: a final one, or one whose cancel was asked for, starts nothing. Unreadable store: no refusal, the
     * stop requests of the jobs running here still hold.
     */
    public String callsStopped(String jobId) {
        Boolean timedOut = control.stopRequest(jobId);
        if (timedOut != null) {
            return timedOut ? "timeout" : "cancelled";
        }
        if (control.isRunning(jobId)) {
            return null;
        }
        if (control.isHandedBack(jobId)) {
            return "cancelled";
        }
        try {
            JobStore.Job job = store.find(jobId).orElse(null);
            if (job == null || (!job.status().isFinal() && job.cancelRequestedAt() == null)) {
                return null;
            }
            return job.status() == JobStatus.FAILED && job.error() != null && job.error().startsWith("timed out")
                    ? "timeout" : "cancelled";
        } catch (org.springframework.dao.DataAccessException e) {
            return null;
        }
    }

    /** A job signal from any process: a stop request reaches the job here if this process runs it. */
    @Handler
    public void onSignal(String signal) {
        if (signal != null && signal.startsWith(STOP_SIGNAL)) {
            String jobId = signal.substring(STOP_SIGNAL.length());
            if (control.requestStop(jobId, false)) {
                store.find(jobId).flatMap(job -> Step.byId(job.step())).ifPresent(step -> StepLog.of(step, jobId)
                        .warn("Cancel requested: stopping at the next safe point, interrupting calls in flight."));
            }
        }
    }

    /** Cancels every job that has not finished; returns how many were cancelled or asked to stop. */
    public int cancelAll(String actor) {
        int n = 0;
        for (JobStore.Job job : store.withStatus(JobStatus.SCHEDULED, JobStatus.QUEUED, JobStatus.RETRYING, JobStatus.RUNNING)) {
            CancelOutcome outcome = cancel(job.id(), actor);
            if (outcome == CancelOutcome.CANCELLED || outcome == CancelOutcome.STOPPING) {
                n++;
            }
        }
        return n;
    }

    /** What direct:requeue puts on the queue for the job: {queue, message}. */
    Map<String, Object> queueMessage(JobStore.Job job) {
        Map<String, Object> m = new HashMap<>();
        m.put(QUEUE, job.queue());
        m.put("message", message(job));
        return m;
    }

    private String message(JobStore.Job job) {
        try {
            Map<String, Object> params = job.params() == null ? Map.of() : json.readValue(job.params(), Map.class);
            return json.writeValueAsString(new JobMessage(job.id(), job.step(), job.issueDate().toString(), job.chainId(), params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + job.id() + " has unreadable params", e);
        }
    }

    private void endChain(JobStore.Job job, String reason) {
        if (job.chainId() != null) {
            runs.failed(job.chainId(), Step.byId(job.step()).orElseThrow(), reason);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
