package aieditor.pipeline;

import aieditor.fixtures.SettableClock;
import aieditor.store.Sql;
import aieditor.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which scheduled fires never ran, on the embedded database (PostgreSQL: {@link MissedFiresPostgresTest}) with
 * fixed instants and a clock the test sets: the prefilter cron runs Tuesday to Saturday at 02:00 UTC (Tuesday
 * 2026-11-17 is the first of a week).
 */
class MissedFiresTest {
    private static final Instant TUESDAY = Instant.parse("2026-11-17T02:00:00Z");
    private static final Instant WEDNESDAY = TUESDAY.plus(Duration.ofDays(1));
    private static final Instant THURSDAY = TUESDAY.plus(Duration.ofDays(2));
    private static final Instant FRIDAY = TUESDAY.plus(Duration.ofDays(3));

    private final Store store = newStore();
    private final SettableClock clock = new SettableClock(FRIDAY.plusSeconds(1));
    private final ScheduleSettings schedule = settings();
    private final MissedFires missed = new MissedFires(store.jdbc(), schedule, BundledSteps.steps(), clock);

    /** The embedded database, new for each test; {@link MissedFiresPostgresTest} runs the same tests on PostgreSQL. */
    Store newStore() {
        return new Store("jdbc:h2:mem:missed-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 2);
    }

    @BeforeEach
    void empty() {
        store.jdbc().getJdbcTemplate().update("DELETE FROM missed_fires");
        store.jdbc().getJdbcTemplate().update("DELETE FROM jobs");
    }

    @AfterEach
    void close() {
        store.stop();
    }

    @Test
    void should_list_the_cron_times_strictly_between_two_instants_up_to_a_cap() {
        var cron = schedule.cron("prefilter");
        assertThat(MissedFires.expected(cron, TUESDAY, FRIDAY, 10)).containsExactly(WEDNESDAY, THURSDAY);
        // Saturday, then no fire on Sunday and Monday, then Tuesday
        assertThat(MissedFires.expected(cron, FRIDAY, FRIDAY.plus(Duration.ofDays(5)), 10))
                .containsExactly(FRIDAY.plus(Duration.ofDays(1)), FRIDAY.plus(Duration.ofDays(4)));
        assertThat(MissedFires.expected(cron, TUESDAY.minusSeconds(1), FRIDAY.plusSeconds(1), 2)).containsExactly(TUESDAY, WEDNESDAY);
        assertThat(MissedFires.expected(cron, TUESDAY, WEDNESDAY, 10)).isEmpty();
    }

    @Test
    void should_record_the_fires_between_the_previous_recorded_fire_and_this_one_that_never_ran() {
        job(TUESDAY);
        fire(FRIDAY);

        assertThat(missed.recent()).containsExactly(missed(THURSDAY), missed(WEDNESDAY));
        fire(FRIDAY); // the same fire once more changes nothing
        assertThat(missed.recent()).hasSize(2);
    }

    @Test
    void should_record_nothing_for_a_steps_first_fire_or_a_fire_right_after_the_previous_one() {
        fire(TUESDAY);
        fire(WEDNESDAY);
        assertThat(missed.recent()).isEmpty();
    }

    @Test
    void should_clear_a_fire_recorded_as_missed_when_its_late_job_turns_up_after_all() {
        // a catch-up: Wednesday's and Thursday's late fires run alongside each other, and Thursday's looks back first
        job(TUESDAY);
        fire(THURSDAY);
        assertThat(missed.recent()).containsExactly(missed(WEDNESDAY));

        fire(WEDNESDAY);
        assertThat(missed.recent()).isEmpty();
    }

    @Test
    void should_record_the_scheduled_fires_a_fire_once_now_stands_in_for() {
        // later than the misfire threshold Quartz fires once, now, off the cron's times
        job(TUESDAY);
        Instant now = FRIDAY.plus(Duration.ofMinutes(47)).plusMillis(123);
        clock.set(now);
        fire(now);
        assertThat(missed.recent()).containsExactly(missed(FRIDAY), missed(THURSDAY), missed(WEDNESDAY));
    }

    @Test
    void should_look_back_and_list_one_week_only() {
        job(TUESDAY.minus(Duration.ofDays(14)));
        fire(FRIDAY);
        // a week back from the clock, a second after Friday's fire: Friday the 13th at 02:00 is just too old
        assertThat(missed.recent()).containsExactly(missed(THURSDAY), missed(WEDNESDAY), missed(TUESDAY),
                missed(Instant.parse("2026-11-14T02:00:00Z")));

        clock.set(FRIDAY.plus(Duration.ofDays(8)));
        assertThat(missed.recent()).isEmpty();
    }

    /** A cron fire of prefilter: its job, then what the schedule route does after it. */
    private void fire(Instant at) {
        job(at);
        missed.record("prefilter", Date.from(at));
    }

    private void job(Instant fireTime) {
        store.jdbc().update("INSERT INTO jobs (id, step, queue, status, issue_date, trigger_kind, attempt, max_attempts, "
                + "created_at, fire_time) SELECT :id, 'prefilter', 'default', 'completed', :date, 'cron', 1, 3, :t, :t "
                + "WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE step = 'prefilter' AND fire_time = :t)",
                new MapSqlParameterSource().addValue("id", UUID.randomUUID().toString())
                        .addValue("date", fireTime.atOffset(ZoneOffset.UTC).toLocalDate()).addValue("t", Sql.ts(fireTime)));
    }

    private static MissedFires.Missed missed(Instant fireTime) {
        return new MissedFires.Missed("prefilter", fireTime);
    }

    private static ScheduleSettings settings() {
        Map<String, String> crons = new HashMap<>();
        for (String step : BundledSteps.steps().ids()) {
            crons.put(step, "0 0 0 1 1 ? 2099");
        }
        crons.put("prefilter", "0 0 2 ? * TUE-SAT");
        return new ScheduleSettings(true, ZoneId.of("UTC"), crons, Duration.ofMinutes(5));
    }
}
