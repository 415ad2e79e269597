package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The database is the source of truth for jobs; the queue only carries them. This finds the jobs nothing carries
 * any more and puts them back: a running job whose worker stopped beating (SIGKILL, a lost host), a queued job whose
 * hand-off to the queue was lost (Redis down when it was queued), and, on the in-memory queue, the jobs a process
 * that died was holding.
 *
 * <p>Every process writes a heartbeat on the jobs it runs, and one for itself, which holds the jobs waiting in its
 * in-memory queue (a queued job names its holder). A job whose heartbeat, or whose holder's, is older than
 * {@code lostAfter} has lost its holder. A heartbeat can also be old because the
 * database was unreachable, so nothing is judged lost until this process has reached the database again for
 * {@code lostAfter}: the live holders have beaten again by then.
 *
 * <p>An outage does not always show as an error: the connection pool makes every call wait for a connection (up to
 * its connection timeout, 5 s), so during a shorter outage calls hang and then succeed once the database is back,
 * and nothing ever fails. So a silence counts as an outage too: this process must also have reached the store every
 * few seconds (its heartbeat touches the store each round, even when it holds no job), and a gap longer than two
 * heartbeats restarts the wait as an error does. A fault of the queue (Redis) is not one of the store.
 */
public final class JobRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);
    /** A process silent this long is gone for good: the jobs it held were taken over long since. */
    private static final Duration FORGET_HOLDERS_AFTER = Duration.ofDays(1);

    /**
     * @param heartbeat  how often holders beat
     * @param lostAfter  a job whose holder has not beaten for this long has lost it
     * @param handOff    a queued job not on the queue this long after it was queued has lost its hand-off
     */
    public record Settings(Duration heartbeat, Duration lostAfter, Duration handOff) {
    }

    private final JobStore store;
    private final JobControl control;
    private final Supplier<Optional<Set<String>>> jobsHeld;
    private final DeadLetters deadLetters;
    private final JobMetrics metrics;
    private final JobRecords records;
    private final Settings settings;
    private final Clock clock;
    private volatile Instant storeReachableSince;
    private volatile boolean storeDown;
    /** When a store call of this process last came back (null: none yet); a longer silence than {@link #maxSilence} is an outage. */
    private volatile Instant lastContact;
    private volatile boolean transportDown;

    /**
     * @param jobsHeld the ids of the jobs the queue holds, read in one step; empty when it cannot tell (the in-memory
     *                 queue, held by one process whose heartbeats say so instead)
     */
    JobRecovery(JobStore store, JobControl control, Supplier<Optional<Set<String>>> jobsHeld, DeadLetters deadLetters,
                JobMetrics metrics, JobRecords records, Settings settings, Clock clock) {
        this.store = store;
        this.control = control;
        this.jobsHeld = jobsHeld;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
        this.storeReachableSince = clock.instant();
    }

    /**
     * Beats for this process, which holds the jobs waiting in its in-memory queue, and for each job it runs. Holding
     * nothing, it still finds out this way whether it reaches the store (see maxSilence).
     */
    @Handler
    public void heartbeat() {
        try {
            store.heartbeat(control.runningIds(), clock.instant());
            reachable();
            stopSuperseded();
        } catch (DataAccessException e) {
            unreachable(e);
        }
    }

    /**
     * Runs here whose job another worker has taken over meanwhile - this process stalled (a frozen host, a long
     * pause) past the time its holder counts as lost - are stopped at once: their calls in flight are cut, and
     * nothing they do from here on reaches the job's record.
     */
    private void stopSuperseded() {
        for (JobStore.Run run : store.supersededOf(control.runs())) {
            control.giveUp(run.jobId());
            control.requestStop(run.jobId(), false);
            store.find(run.jobId()).ifPresent(job -> StepLog.of(job.step(), job.id()).warn(
                    "No longer this process's to run: taken over by {} while this process gave no sign of life "
                            + "(it is {} now, attempt {}, redelivery {}). Its run here is stopped; nothing it does counts.",
                    job.worker(), job.status().id(), job.attempt(), job.redeliveries()));
        }
    }

    /**
     * A redelivered message (its lease ran out) whose job is still recorded as running. If the job's holder still
     * beats, it is alive and keeps the job - the lease only ran out because the queue was unreachable - and this
     * delivery is dropped. Otherwise the holder is lost and this worker takes the job over.
     */
    boolean mayTakeRedelivered(String jobId, int deliveries, StepLog log) {
        JobStore.Job job = store.find(jobId).orElse(null);
        if (job == null || job.status() != JobStatus.RUNNING) {
            return true;
        }
        if (control.isRunning(jobId) || !holderLost(job.heartbeatAt())) {
            log.info("Redelivered (delivery {}), but worker {} still runs it (heartbeat at {}): left to it.",
                    deliveries, job.worker(), job.heartbeatAt());
            return false;
        }
        return takeOverLost(job, "its worker " + job.worker() + " stopped renewing its lease").isPresent();
    }

    /**
     * A running job lost its worker: it is queued again as a redelivery, which does not use up one of its failure
     * attempts. A job that loses its worker more often than its redelivery budget allows is dead; one an operator
     * cancelled stays cancelled. Returns its queue message when it is to be queued again.
     */
    Optional<Map<String, Object>> takeOverLost(JobStore.Job job, String why) {
        StepLog log = StepLog.of(job.step(), job.id());
        Instant now = clock.instant();
        if (job.cancelRequestedAt() != null) {
            if (store.cancelIfRequested(job.id(), now)) {
                log.warn("Lost its worker after a cancel was asked for: cancelled, not run again.");
                metrics.task(job.step(), JobMetrics.CANCELLED);
                records.endChain(job, "cancelled");
            }
            return Optional.empty();
        }
        if (job.redeliveries() >= job.maxRedeliveries()) {
            String reason = why + ", and the job had already been taken over " + job.redeliveries() + " times";
            if (store.transition(job.id(), JobStatus.DEAD, Map.of("error", JobRecords.truncate(reason, JobRecords.MAX_ERROR),
                    "finished_at", Sql.ts(now)))) {
                long id = deadLetters.store(new DeadLetters.Failure(job.id(), job.step(), job.issueDate(), job.step(), null,
                        new IllegalStateException(reason), records.message(job)));
                log.error("Job dead: {}. Recorded as dead letter {}.", reason, id);
                metrics.dead(records.step(job));
                records.endChain(job, reason);
            }
            return Optional.empty();
        }
        if (!store.redeliver(job.id(), now, job.heartbeatAt())) {
            return Optional.empty(); // another process noticed first, or the job moved on
        }
        log.warn("Taken over: {}. Queued again as redelivery {} of {} (attempt {} of {} is not used up).", why,
                job.redeliveries() + 1, job.maxRedeliveries(), Math.max(job.attempt(), 1), job.maxAttempts());
        metrics.task(job.step(), JobMetrics.REDELIVERED);
        return Optional.of(records.queueMessage(job));
    }

    /** Whether a job whose heartbeat is {@code heartbeatAt} has lost its holder, judged from here and now. */
    boolean holderLost(Instant heartbeatAt) {
        Instant now = clock.instant();
        return steady(now) && (heartbeatAt == null || heartbeatAt.isBefore(now.minus(settings.lostAfter())));
    }

    /** This process has reached the store long enough for live holders to have beaten since. */
    private boolean steady(Instant now) {
        return !storeDown && lastContact != null && !lastContact.isBefore(now.minus(maxSilence()))
                && !storeReachableSince.isAfter(now.minus(settings.lostAfter()));
    }

    /**
     * The longest this process goes without a store call coming back while the store answers: its heartbeat and
     * recovery each call it every heartbeat period. Longer means the calls hang (the pool waits for a connection the
     * database does not give): the live holders cannot beat either.
     */
    private Duration maxSilence() {
        return settings.heartbeat().multipliedBy(2);
    }

    /** The jobs to put back on the queue, each claimed in the database first so only one process puts it back. */
    @Handler
    public List<Map<String, Object>> recover() {
        List<Map<String, Object>> due = new ArrayList<>();
        Instant now = clock.instant();
        try {
            if (!steady(now)) {
                return due;
            }
            Instant stale = now.minus(settings.lostAfter());
            for (JobStore.Job job : store.runningWithoutHeartbeat(stale)) {
                if (!control.isRunning(job.id())) {
                    takeOverLost(job, "its worker " + job.worker() + " has given no sign of life for "
                            + Duration.between(job.heartbeatAt() == null ? job.startedAt() : job.heartbeatAt(), now).toSeconds() + " s")
                            .ifPresent(due::add);
                }
            }
            Optional<Set<String>> onQueue;
            try {
                onQueue = jobsHeld.get();
            } catch (RuntimeException e) {
                // Redis' errors are DataAccessExceptions too, but the store answered: only this round's hand-off
                // check waits for the queue, and the store's wait is not restarted
                reachable();
                if (!transportDown) {
                    transportDown = true;
                    LOG.warn("The queue is unreachable; lost hand-offs are looked for once it answers: {}", e.getMessage());
                }
                return due;
            }
            transportDown = false;
            List<JobStore.Job> queued = onQueue.isPresent() ? store.queuedSince(now.minus(settings.handOff()))
                    : store.queuedWithoutHolder(stale);
            for (JobStore.Job job : queued) {
                if (onQueue.map(held -> !held.contains(job.id())).orElse(true) && store.reclaimQueued(job, now)) {
                    StepLog.of(job.step(), job.id()).warn(onQueue.isPresent()
                            ? "Was queued {} s ago but is not on the queue (its hand-off was lost); queued again."
                            : "Was waiting in a process that stopped {} s ago; queued again here.",
                            Duration.between(job.queuedAt() == null ? job.createdAt() : job.queuedAt(), now).toSeconds());
                    due.add(records.queueMessage(job));
                }
            }
            store.forgetHolders(now.minus(FORGET_HOLDERS_AFTER));
            reachable();
        } catch (DataAccessException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            LOG.warn("Job recovery skipped a round: {}", e.getMessage()); // the transport is down: the next round tries again
        }
        return due;
    }

    private void reachable() {
        Instant now = clock.instant();
        Duration silence = lastContact == null ? Duration.ZERO : Duration.between(lastContact, now);
        if (storeDown) {
            storeReachableSince = now;
            storeDown = false;
            LOG.info("The store is reachable again; jobs whose holder stopped beating are judged lost only after {} s.",
                    settings.lostAfter().toSeconds());
        } else if (silence.compareTo(maxSilence()) > 0) {
            storeReachableSince = now;
            LOG.warn("The store did not answer for {} s (calls waited for a connection); jobs whose holder stopped beating "
                    + "are judged lost only after {} s.", silence.toSeconds(), settings.lostAfter().toSeconds());
        }
        if (lastContact == null || now.isAfter(lastContact)) {
            lastContact = now;
        }
    }

    private void unreachable(DataAccessException e) {
        if (!storeDown) {
            storeDown = true;
            LOG.warn("The store is unreachable; heartbeats and job recovery wait until it is back: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}
