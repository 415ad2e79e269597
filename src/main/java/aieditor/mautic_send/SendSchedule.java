package aieditor.mautic_send;

import aieditor.pipeline.IssueClock;
import aieditor.pipeline.ScheduleSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

/**
 * When the schedule sends issues: mautic_send's cron (schedule.mautic_send, read in schedule.timezone) fires, and
 * each fire sends the issue of the day it fires on ({@link IssueClock#issueDateAt}). So an issue is sent by its own
 * day's fire, if its day has one, and by no other.
 */
public final class SendSchedule {
    private final ScheduleSettings schedule;

    public SendSchedule(ScheduleSettings schedule) {
        this.schedule = schedule;
    }

    /**
     * The fire still to come after {@code now} that sends the issue of {@code date}; empty when its day has no send
     * or its send time has come (a fire at this very moment may already have found the issue unapproved).
     */
    public Optional<Instant> fireFor(LocalDate date, Instant now) {
        return firstFireFrom(date, now).filter(fire -> IssueClock.issueDateAt(fire).equals(date));
    }

    /** The first fire after {@code now} and not before the day of {@code date} begins, whatever issue it sends. */
    public Optional<Instant> firstFireFrom(LocalDate date, Instant now) {
        Instant dayBegins = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        return fireAfter(now.isAfter(dayBegins) ? now : dayBegins.minusMillis(1));
    }

    /** The next fire strictly after {@code t}. */
    public Optional<Instant> fireAfter(Instant t) {
        Date next = schedule.cron(MauticSendStep.ID).getNextValidTimeAfter(Date.from(t));
        return Optional.ofNullable(next).map(Date::toInstant);
    }
}
