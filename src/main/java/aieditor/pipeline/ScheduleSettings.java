package aieditor.pipeline;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * The schedule's settings (schedule.* in application.properties): whether this process runs the crons, each step's
 * cron and their time zone, and how late a fire may run and still count as the fire it was scheduled as.
 *
 * @param enabled          whether this process runs the schedule (roles scheduler and all); only such a process
 *                         takes part in Quartz firing
 * @param misfireThreshold a fire later than this is a misfire (see {@link #MISFIRE_POLICY})
 */
public record ScheduleSettings(boolean enabled, ZoneId zone, Map<String, String> crons, Duration misfireThreshold) {
    /**
     * What becomes of a fire that could not run on time. Catching up keeps a takeover (about 15 s after a scheduler
     * dies) or a restart from skipping a step such as mautic_send; beyond the threshold only the latest run is worth
     * doing, and the operator learns of the rest from missed_fires. Quartz does this with a cron trigger's default
     * misfire instruction (fire once now) and the job store's misfireThreshold.
     */
    public static final String MISFIRE_POLICY = "catch up: a fire late by less than misfire_threshold_seconds (a "
            + "scheduler taking over from one that died, a restart) still runs, once, as the fire it was scheduled as; "
            + "a later one runs once now, and the scheduled fires it stands in for are listed in missed_fires";

    public ScheduleSettings {
        if (misfireThreshold.toSeconds() < 1) {
            throw new IllegalArgumentException("schedule.misfire-threshold-seconds must be at least 1, got "
                    + misfireThreshold.toSeconds());
        }
        crons = Map.copyOf(crons);
    }

    /** Reads schedule.* for the steps of the chain: each needs its cron {@code schedule.<id>}. */
    public static ScheduleSettings read(Function<String, String> prop, Steps steps) {
        Map<String, String> crons = new LinkedHashMap<>();
        for (String id : steps.ids()) {
            crons.put(id, prop.apply("schedule." + id));
        }
        return new ScheduleSettings(Boolean.parseBoolean(prop.apply("schedule.enabled")),
                ZoneId.of(prop.apply("schedule.timezone")), crons,
                Duration.ofSeconds(Long.parseLong(prop.apply("schedule.misfire-threshold-seconds"))));
    }

    /** The step's cron in the schedule's time zone; a new one per call, as Quartz does not promise it is thread-safe. */
    public CronExpression cron(String stepId) {
        String expression = crons.get(stepId);
        if (expression == null) {
            throw new UnknownStepException(stepId, List.copyOf(crons.keySet()));
        }
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException e) {
            throw new IllegalArgumentException("schedule." + stepId + " is not a cron expression: " + e.getMessage(), e);
        }
    }
}
