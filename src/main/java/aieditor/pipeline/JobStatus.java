package aieditor.pipeline;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The job lifecycle, and the one place that says which moves between states are allowed.
 *
 * <pre>
 * queued -> running -> completed
 *              |  \-> queued     (handed back: its worker died or shut down, the queue delivers it again)
 *              |  \-> retrying -> queued (after backoff)
 *              |  \-> dead       (attempts used up; dead-letter row)
 *              |  \-> failed     (timed out; dead-letter row)
 *              \----> cancelled  (stopped at a safe point)
 * queued, retrying -> cancelled (at once)
 * scheduled -> queued (at its time: a send held for the next send time) | cancelled (at once)
 * </pre>
 */
public enum JobStatus {
    SCHEDULED, QUEUED, RUNNING, RETRYING, COMPLETED, FAILED, CANCELLED, DEAD;

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            SCHEDULED, EnumSet.of(QUEUED, CANCELLED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(COMPLETED, QUEUED, RETRYING, DEAD, FAILED, CANCELLED),
            RETRYING, EnumSet.of(QUEUED, CANCELLED),
            COMPLETED, EnumSet.noneOf(JobStatus.class),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class),
            DEAD, EnumSet.noneOf(JobStatus.class));

    public boolean canMoveTo(JobStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The states from which {@code target} may be reached. */
    public static Set<JobStatus> sourcesOf(JobStatus target) {
        Set<JobStatus> from = EnumSet.noneOf(JobStatus.class);
        ALLOWED.forEach((s, next) -> {
            if (next.contains(target)) {
                from.add(s);
            }
        });
        return from;
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
