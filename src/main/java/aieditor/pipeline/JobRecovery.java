package aieditor.pipeline;

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
    private final Supplier<HeldJobs> transport;
    private final Jobs jobs;
    private final Settings settings;
    private final Clock clock;
    private volatile Instant storeReachableSince;
    private volatile boolean storeDown;
    /** When a store call of this process last came back (null: none yet); a longer silence than {@link #maxSilence} is an outage. */
    private volatile Instant lastContact;
    private volatile boolean transportDown;

    public JobRecovery(JobStore store, JobControl control, Supplier<HeldJobs> transport,
                       Jobs jobs, Settings settings, Clock clock) {
        this.store = store;
        this.control = control;
        this.transport = transport;
        this.jobs = jobs;
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
        } catch (DataAccessException e) {
            unreachable(e);
        }
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
                    jobs.takeOverLost(job, "its worker " + job.worker() + " has given no sign of life for "
                            + Duration.between(job.heartbeatAt() == null ? job.startedAt() : job.heartbeatAt(), now).toSeconds() + " s")
                            .ifPresent(due::add);
                }
            }
            Optional<Set<String>> onQueue;
            try {
                onQueue = transport.get().jobsHeld();
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
                    StepLog.of(Step.byId(job.step()).orElseThrow(), job.id()).warn(onQueue.isPresent()
                            ? "Was queued {} s ago but is not on the queue (its hand-off was lost); queued again."
                            : "Was waiting in a process that stopped {} s ago; queued again here.",
                            Duration.between(job.queuedAt() == null ? job.createdAt() : job.queuedAt(), now).toSeconds());
                    due.add(jobs.queueMessage(job));
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
