package aieditor.mautic_send;

import aieditor.fixtures.SettableClock;
import aieditor.mautic_send.SendTiming.Decision;
import aieditor.mautic_send.SendTiming.Mode;
import aieditor.mautic_send.SendTiming.WhenPast;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.BundledSteps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When an approved issue goes out, with mautic_send's cron at 10:00 Tuesday to Saturday. Each fire sends the issue
 * of its own day, so only that day's fire sends an issue; once it has passed, no fire will.
 */
class SendTimingTest {
    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));

    private SendTiming timing(WhenPast whenPast, boolean scheduleRuns, String zone) {
        return new SendTiming(new SendSchedule(settings(zone)), whenPast, scheduleRuns, clock);
    }

    private SendTiming timing() {
        return timing(WhenPast.NOW, true, "UTC");
    }

    @Test
    void should_leave_a_future_issue_to_the_fire_of_its_own_day() {
        Decision d = timing().decide(LocalDate.of(2026, 12, 8), false);

        assertThat(d).isEqualTo(new Decision(Mode.AT_CRON_FIRE, Instant.parse("2026-12-08T10:00:00Z")));
        assertThat(d.send()).isEqualTo("scheduled");
    }

    @Test
    void should_leave_todays_issue_to_todays_fire_until_it_has_fired() {
        clock.set(Instant.parse("2026-12-01T09:59:59Z"));
        assertThat(timing().decide(TUESDAY, false)).isEqualTo(new Decision(Mode.AT_CRON_FIRE, Instant.parse("2026-12-01T10:00:00Z")));

        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(timing().decide(TUESDAY, false)).as("firing now: it may already have found the issue unapproved")
                .isEqualTo(new Decision(Mode.NOW, Instant.parse("2026-12-01T10:00:00Z")));

        clock.set(Instant.parse("2026-12-01T15:30:00Z"));
        Decision late = timing().decide(TUESDAY, false);
        assertThat(late).isEqualTo(new Decision(Mode.NOW, Instant.parse("2026-12-01T15:30:00Z")));
        assertThat(late.send()).isEqualTo("now");
    }

    @Test
    void should_send_a_past_issue_at_once() {
        assertThat(timing().decide(LocalDate.of(2026, 11, 27), false)).isEqualTo(new Decision(Mode.NOW, clock.instant()));
    }

    @Test
    void should_send_at_once_when_asked_whatever_the_schedule() {
        assertThat(timing().decide(LocalDate.of(2026, 12, 8), true)).isEqualTo(new Decision(Mode.NOW, clock.instant()));
    }

    @Test
    void should_hold_a_late_issue_for_the_next_fire_when_so_configured() {
        clock.set(Instant.parse("2026-12-01T15:30:00Z"));
        SendTiming nextFire = timing(WhenPast.NEXT_FIRE, true, "UTC");

        assertThat(nextFire.decide(TUESDAY, false)).as("tomorrow's fire sends tomorrow's issue: a held job sends this one")
                .isEqualTo(new Decision(Mode.HELD, Instant.parse("2026-12-02T10:00:00Z")));
        clock.set(Instant.parse("2026-12-05T11:00:00Z"));
        assertThat(nextFire.decide(LocalDate.of(2026, 12, 4), false)).as("Saturday after the fire: next is Tuesday")
                .isEqualTo(new Decision(Mode.HELD, Instant.parse("2026-12-08T10:00:00Z")));
    }

    @Test
    void should_hold_an_issue_of_a_day_without_a_send_for_the_first_fire_after_that_day_begins() {
        Decision sunday = timing().decide(LocalDate.of(2026, 12, 6), false);

        assertThat(sunday).as("never before its day, unless asked").isEqualTo(new Decision(Mode.HELD, Instant.parse("2026-12-08T10:00:00Z")));
        assertThat(sunday.send()).isEqualTo("scheduled");
    }

    @Test
    void should_hold_a_job_for_the_send_time_when_no_process_runs_the_schedule() {
        assertThat(timing(WhenPast.NOW, false, "UTC").decide(LocalDate.of(2026, 12, 8), false))
                .isEqualTo(new Decision(Mode.HELD, Instant.parse("2026-12-08T10:00:00Z")));
    }

    @Test
    void should_read_the_cron_in_the_schedules_time_zone() {
        // 10:00 in Berlin is 09:00 UTC in winter, and its fire sends that UTC day's issue
        assertThat(timing(WhenPast.NOW, true, "Europe/Berlin").decide(LocalDate.of(2026, 12, 8), false))
                .isEqualTo(new Decision(Mode.AT_CRON_FIRE, Instant.parse("2026-12-08T09:00:00Z")));
        clock.set(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(timing(WhenPast.NOW, true, "Europe/Berlin").decide(TUESDAY, false).mode()).isEqualTo(Mode.NOW);
    }

    @Test
    void should_know_only_the_two_policies() {
        assertThat(WhenPast.parse("now")).isEqualTo(WhenPast.NOW);
        assertThat(WhenPast.parse("next-fire")).isEqualTo(WhenPast.NEXT_FIRE);
        assertThatThrownBy(() -> WhenPast.parse("later")).hasMessageContaining("approval.send-when-past");
    }

    private static ScheduleSettings settings(String zone) {
        Map<String, String> crons = new HashMap<>();
        for (String step : BundledSteps.steps().ids()) {
            crons.put(step, "0 0 0 1 1 ? 2099");
        }
        crons.put("mautic_send", "0 0 10 ? * TUE-SAT");
        return new ScheduleSettings(true, ZoneId.of(zone), crons, Duration.ofMinutes(5));
    }
}
