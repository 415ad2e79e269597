package aieditor.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The moment an issue is judged from: the end of its date (UTC), or now when that is earlier. Windows such as
 * "articles from the last 72 hours" and recency scores count back from here, so a run for a past date sees the
 * news as it stood then.
 */
public final class IssueClock {
    private IssueClock() {
    }

    /**
     * The issue a trigger that names no date works on when it fires at {@code t} (a cron fire, a trigger without
     * "date"): the UTC date then. Deciding when the schedule sends an issue depends on this too.
     */
    public static LocalDate issueDateAt(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    public static Instant reference(LocalDate issueDate, Instant now) {
        Instant endOfDay = issueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return now.isBefore(endOfDay) ? now : endOfDay;
    }
}
