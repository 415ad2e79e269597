package aieditor.mautic_send;

import aieditor.pipeline.IssueClock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * When an issue an editor approves goes out. Normally at its scheduled send time, which is its own day's
 * mautic_send fire: the schedule sends it then. Once that time has passed no fire will send it (each fire sends its
 * own day's issue), so it goes out at once, or, with {@code approval.send-when-past=next-fire}, at the next fire by a
 * job held until then. An issue of a day without a send is held for the first fire after its day begins: it never
 * goes out before its day unless the editor asks for it ({"send": "now"}).
 */
public final class SendTiming {
    /** What approving an issue whose send time has passed does. */
    public enum WhenPast {
        NOW, NEXT_FIRE;

        public static WhenPast parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "now" -> NOW;
                case "next-fire" -> NEXT_FIRE;
                default -> throw new IllegalArgumentException("approval.send-when-past must be now or next-fire, got '" + value + "'");
            };
        }
    }

    /** NOW: queue mautic_send now; AT_CRON_FIRE: the schedule's own fire sends it; HELD: a job is held until then. */
    public enum Mode { NOW, AT_CRON_FIRE, HELD }

    public record Decision(Mode mode, Instant at) {
        /** As the API says it: "now", or "scheduled" for a later send. */
        public String send() {
            return mode == Mode.NOW ? "now" : "scheduled";
        }
    }

    private final SendSchedule schedule;
    private final WhenPast whenPast;
    private final boolean scheduleRuns;
    private final Clock clock;

    /**
     * @param scheduleRuns whether some process fires the crons (this one, or a scheduler in distributed mode); if
     *                     none does, a send left to the schedule would never happen, so a job is held for its time
     */
    public SendTiming(SendSchedule schedule, WhenPast whenPast, boolean scheduleRuns, Clock clock) {
        this.schedule = schedule;
        this.whenPast = whenPast;
        this.scheduleRuns = scheduleRuns;
        this.clock = clock;
    }

    public Decision decide(LocalDate date, boolean sendNow) {
        Instant now = clock.instant();
        if (sendNow) {
            return new Decision(Mode.NOW, now);
        }
        Optional<Instant> ownFire = schedule.fireFor(date, now);
        if (ownFire.isPresent()) {
            return new Decision(scheduleRuns ? Mode.AT_CRON_FIRE : Mode.HELD, ownFire.get());
        }
        if (date.isAfter(IssueClock.issueDateAt(now))) {
            // its day has no send of its own: the first send after the day begins, never before it
            return schedule.firstFireFrom(date, now).map(at -> new Decision(Mode.HELD, at))
                    .orElse(new Decision(Mode.NOW, now));
        }
        if (whenPast == WhenPast.NEXT_FIRE) {
            return schedule.fireAfter(now).map(at -> new Decision(Mode.HELD, at)).orElse(new Decision(Mode.NOW, now));
        }
        return new Decision(Mode.NOW, now);
    }
}
