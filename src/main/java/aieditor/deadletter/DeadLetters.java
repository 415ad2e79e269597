package aieditor.deadletter;

import aieditor.pipeline.Jobs;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.store.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the shared dead-letter channel puts what finally failed: the original message, the step and route, the
 * error, and when. A failure inside one slot is isolated (the step goes on); any other failure ends its job.
 */
public final class DeadLetters {
    public static final String SLOT = "slot";
    /** Exchange property set on what was dead-lettered, so isolating steps can tell a failed item from a degraded one. */
    public static final String DEAD_LETTER_ID = "deadLetterId";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Jobs jobs;
    private final Duration retention;

    public DeadLetters(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Jobs jobs, Duration retention) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.retention = retention;
    }

    @Handler
    public long record(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = new IllegalStateException("Unknown failure");
        }
        var in = exchange.getMessage();
        String jobId = in.getHeader(Jobs.JOB_ID, String.class);
        String stepId = in.getHeader(Jobs.STEP, String.class);
        Integer slot = in.getHeader(SLOT, Integer.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        Instant now = Instant.now();
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("job", jobId).addValue("step", stepId).addValue("route", routeId).addValue("slot", slot)
                .addValue("type", error.getClass().getName())
                .addValue("message", truncate(String.valueOf(error.getMessage()), 4000))
                .addValue("original", original(in.getBody()))
                .addValue("at", Sql.ts(now)).addValue("expires", Sql.ts(now.plus(retention)));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO dead_letters (job_id, step, route_id, slot, error_type, error_message, original_message, failed_at, expires_at) "
                + "VALUES (:job, :step, :route, :slot, :type, :message, :original, :at, :expires)", p, key, new String[]{"id"});
        long id = key.getKey().longValue();
        exchange.setProperty(DEAD_LETTER_ID, id);

        Step step = stepId == null ? null : Step.byId(stepId).orElse(null);
        String what = slot != null ? "Slot " + slot : "Job";
        String line = "{} failed in route '{}' after redelivery: {}: {}. Recorded as dead letter {}.";
        if (step != null) {
            StepLog.of(step, jobId).error(line, what, routeId, error.getClass().getSimpleName(), error.getMessage(), id);
        } else {
            org.slf4j.LoggerFactory.getLogger(DeadLetters.class)
                    .error(line, what, routeId, error.getClass().getSimpleName(), error.getMessage(), id);
        }
        if (slot == null && jobId != null && step != null) {
            jobs.fail(jobId, in.getHeader(Jobs.CHAIN_ID, String.class), step, error);
        }
        return id;
    }

    /** Keeps the message replayable: text stays as it is, objects become JSON. */
    private String original(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            return String.valueOf(body);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
