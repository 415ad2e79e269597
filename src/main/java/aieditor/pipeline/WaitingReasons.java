package aieditor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why each job that has not started yet is waiting, in words an operator can act on: what is ahead of it and how
 * busy the workers are, its priority's cap, its retry time and the error that caused it, a send whose issue is not
 * approved, or that no worker has taken it although one should have.
 *
 * <p>It judges from the store's facts (queued, retrying, scheduled and running jobs), which every process and
 * transport shares, and from this process's queue settings. Queued jobs are taken most urgent priority first and
 * oldest first within one, as {@link JobQueue} and the Redis queue both do, so that is the order of positions.
 */
public final class WaitingReasons {
    /** A job holding more than this much error text would make the reason unreadable; the job has all of it. */
    private static final int MAX_ERROR_CHARS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * @param workers      jobs that run at once (queue.workers)
     * @param caps         jobs of each priority that may run at once; 0 or missing: no cap of its own
     * @param untakenAfter a job queued this long while a worker is free has not been taken when it should have been
     * @param zone         the time zone times are given in (the schedule's)
     * @param sendingStep  the step that sends an issue, and so sends nothing while its issue awaits approval
     */
    public record Settings(int workers, Map<Step.Queue, Integer> caps, Duration untakenAfter, ZoneId zone,
                           String sendingStep) {
        public Settings {
            caps = Map.copyOf(caps);
        }
    }

    /** @param position place in the order workers take queued jobs (1: next); null when not queued yet */
    public record Waiting(String jobId, String step, String queue, Integer position, String reason) {
    }

    private final Settings settings;
    private final Clock clock;

    public WaitingReasons(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param notStarted       queued, retrying and scheduled jobs, in any order
     * @param running          the running jobs
     * @param awaitingApproval the issue dates whose issue awaits an editor's approval
     * @return queued jobs in the order they will be taken, then retrying and scheduled jobs by when they are due
     */
    public List<Waiting> explain(List<JobStore.Job> notStarted, List<JobStore.Job> running, Set<LocalDate> awaitingApproval) {
        Instant now = clock.instant();
        Map<Step.Queue, Integer> runningPerQueue = new EnumMap<>(Step.Queue.class);
        running.forEach(j -> runningPerQueue.merge(queueOf(j), 1, Integer::sum));
        List<JobStore.Job> queued = notStarted.stream().filter(j -> j.status() == JobStatus.QUEUED)
                .sorted(Comparator.comparing(WaitingReasons::queueOf).thenComparing(WaitingReasons::queuedAt)
                        .thenComparing(JobStore.Job::id)).toList();
        List<Waiting> out = new ArrayList<>();
        Map<Step.Queue, Integer> ahead = new EnumMap<>(Step.Queue.class);
        for (JobStore.Job job : queued) {
            String why = queuedReason(job, ahead, runningPerQueue, running.size(), now);
            out.add(waiting(job, out.size() + 1, approval(job, awaitingApproval, why, isTrivial(why))));
            ahead.merge(queueOf(job), 1, Integer::sum);
        }
        notStarted.stream().filter(j -> j.status() != JobStatus.QUEUED)
                .sorted(Comparator.comparing(JobStore.Job::nextAttemptAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(job -> out.add(waiting(job, null, approval(job, awaitingApproval, laterReason(job, now), false))));
        return out;
    }

    private String queuedReason(JobStore.Job job, Map<Step.Queue, Integer> ahead, Map<Step.Queue, Integer> runningPerQueue,
                                int runningTotal, Instant now) {
        Step.Queue queue = queueOf(job);
        int cap = settings.caps().getOrDefault(queue, 0);
        String busy = runningTotal + " of " + settings.workers() + " workers busy";
        boolean allBusy = runningTotal >= settings.workers() && settings.workers() > 0;
        if (cap > 0 && runningPerQueue.getOrDefault(queue, 0) >= cap) {
            String reason = "cap of " + cap + " " + queue.id() + "-priority " + (cap == 1 ? "job" : "jobs") + " reached";
            return allBusy ? reason + "; " + busy : reason;
        }
        if (allBusy) {
            return ahead(ahead) + "; " + busy;
        }
        long waited = Duration.between(queuedAt(job), now).toSeconds();
        if (settings.workers() == 0 || waited >= settings.untakenAfter().toSeconds()) {
            return "no worker has taken it for " + waited + " s";
        }
        return "queued " + waited + " s ago; " + busy;
    }

    /** Nothing holds the job up: a worker is free and takes it in a moment. */
    private static boolean isTrivial(String reason) {
        return reason.startsWith("queued ");
    }

    private static String ahead(Map<Step.Queue, Integer> ahead) {
        List<String> parts = new ArrayList<>();
        ahead.forEach((queue, n) -> parts.add(n + " " + queue.id() + "-priority"));
        if (parts.isEmpty()) {
            return "next in line";
        }
        int last = ahead.values().stream().reduce((a, b) -> b).orElse(0);
        return "behind " + String.join(" and ", parts) + (last == 1 ? " job" : " jobs");
    }

    private String laterReason(JobStore.Job job, Instant now) {
        String at = job.nextAttemptAt() == null ? "now" : at(job.nextAttemptAt(), now);
        if (job.status() == JobStatus.SCHEDULED) {
            return "scheduled for " + at;
        }
        return "retry at " + at + " after attempt " + job.attempt() + " failed: " + shorten(job.error());
    }

    /** A sending job of an issue not yet approved sends nothing when it runs: that matters more than its place. */
    private String approval(JobStore.Job job, Set<LocalDate> awaitingApproval, String reason, boolean trivial) {
        if (!settings.sendingStep().equals(job.step()) || !awaitingApproval.contains(job.issueDate())) {
            return reason;
        }
        return trivial ? "issue awaits approval" : "issue awaits approval; " + reason;
    }

    /** The time of day when it is today in the zone, else the day too. */
    private String at(Instant t, Instant now) {
        ZonedDateTime when = t.atZone(settings.zone());
        boolean today = when.toLocalDate().equals(now.atZone(settings.zone()).toLocalDate());
        return (today ? TIME : DAY_AND_TIME).format(when);
    }

    private static String shorten(String error) {
        if (error == null) {
            return "no error recorded";
        }
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
    }

    private static Waiting waiting(JobStore.Job job, Integer position, String reason) {
        return new Waiting(job.id(), job.step(), job.queue(), position, reason);
    }

    private static Step.Queue queueOf(JobStore.Job job) {
        for (Step.Queue q : Step.Queue.values()) {
            if (q.id().equals(job.queue())) {
                return q;
            }
        }
        return Step.Queue.DEFAULT;
    }

    private static Instant queuedAt(JobStore.Job job) {
        return job.queuedAt() == null ? job.createdAt() : job.queuedAt();
    }
}
