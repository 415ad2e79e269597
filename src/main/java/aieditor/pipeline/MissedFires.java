package aieditor.pipeline;

import aieditor.store.Sql;
import org.apache.camel.Handler;
import org.apache.camel.Header;
import org.quartz.CronExpression;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Scheduled fires that never ran. After each cron fire has queued its job, the step's cron times between its
 * previous recorded fire and this one that have no job are recorded in missed_fires: the fires Quartz skipped
 * (later than the misfire threshold it fires once now instead) and those lost with a scheduler that died between
 * taking a fire and recording its job. Late fires of a catch-up run alongside each other, so one may look missed to
 * another for a moment: each fire also clears the rows of its stretch whose job did turn up, its own included.
 */
public final class MissedFires {
    /** How far back a fire looks for fires that never ran, and how far back GET /jobs/queue lists them. */
    static final Duration WINDOW = Duration.ofDays(7);
    /** A fast cron down for a week would miss far more; the first this many after the previous fire are recorded. */
    static final int MAX_PER_FIRE = 1000;
    static final int MAX_LISTED = 100;

    public record Missed(String step, Instant fireTime) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ScheduleSettings schedule;
    private final Clock clock;
    private final Steps steps;

    public MissedFires(NamedParameterJdbcTemplate jdbc, ScheduleSettings schedule, Steps steps, Clock clock) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Called by the schedule route once the fire's job is recorded. */
    @Handler
    public void record(@Header(JobHeaders.STEP) String stepId, @Header(JobHeaders.FIRE_TIME) Date fired) {
        if (fired == null) {
            return; // not a Quartz fire (a test sends one by hand): no scheduled time to look back from
        }
        Step step = steps.require(stepId);
        Instant fire = fired.toInstant();
        Instant previous = jdbc.query("SELECT MAX(fire_time) AS previous FROM jobs WHERE step = :step AND fire_time < :fire",
                Map.of("step", step.id(), "fire", Sql.ts(fire)), (rs, i) -> Sql.instant(rs, "previous")).get(0);
        // the step's first fire has nothing to look back to
        Instant from = previous == null ? fire : latest(previous, clock.instant().minus(WINDOW));
        int recorded = 0;
        for (Instant t : expected(schedule.cron(step.id()), from, fire, MAX_PER_FIRE)) {
            recorded += insert(step, t);
        }
        jdbc.update("DELETE FROM missed_fires WHERE step = :step AND fire_time >= :from AND fire_time <= :fire AND EXISTS "
                + "(SELECT 1 FROM jobs j WHERE j.step = missed_fires.step AND j.fire_time = missed_fires.fire_time)",
                Map.of("step", step.id(), "from", Sql.ts(from), "fire", Sql.ts(fire)));
        if (recorded > 0) {
            StepLog.of(step, null).warn("{} scheduled fire(s) between {} and {} never ran; recorded as missed.",
                    recorded, from, fire);
        }
    }

    /** One row, unless the fire has a job after all or is already recorded. */
    private int insert(Step step, Instant t) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("step", step.id()).addValue("t", Sql.ts(t))
                .addValue("now", Sql.ts(clock.instant()));
        try {
            return jdbc.update("INSERT INTO missed_fires (step, fire_time, recorded_at) "
                    + "SELECT CAST(:step AS VARCHAR(40)), :t, :now WHERE NOT EXISTS "
                    + "(SELECT 1 FROM jobs WHERE step = :step AND fire_time = :t) AND NOT EXISTS "
                    + "(SELECT 1 FROM missed_fires WHERE step = :step AND fire_time = :t)", p);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return 0; // another scheduler recorded it at the same moment
        }
    }

    /** The missed fires of the last {@link #WINDOW}, newest first, at most {@link #MAX_LISTED}. */
    public List<Missed> recent() {
        return jdbc.query("SELECT step, fire_time FROM missed_fires WHERE fire_time >= :since "
                        + "ORDER BY fire_time DESC, step LIMIT :max",
                Map.of("since", Sql.ts(clock.instant().minus(WINDOW)), "max", MAX_LISTED),
                (rs, i) -> new Missed(rs.getString("step"), Sql.instant(rs, "fire_time")));
    }

    /** The cron's fire times strictly between {@code after} and {@code before}, oldest first, at most {@code max}. */
    static List<Instant> expected(CronExpression cron, Instant after, Instant before, int max) {
        List<Instant> times = new ArrayList<>();
        Date t = cron.getTimeAfter(Date.from(after));
        while (t != null && t.toInstant().isBefore(before) && times.size() < max) {
            times.add(t.toInstant());
            t = cron.getTimeAfter(t);
        }
        return times;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
