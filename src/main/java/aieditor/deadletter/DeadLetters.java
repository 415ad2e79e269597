package aieditor.deadletter;

import aieditor.store.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.time.Duration;
import java.time.Instant;

/**
 * The dead_letters table: what finally failed, with enough to understand and replay it - the original message,
 * the step and route, the slot if any, the error, and when. Rows expire after the retention period.
 */
public final class DeadLetters {
    public static final String SLOT = "slot";
    /** Exchange property set on what was dead-lettered, so isolating steps can tell a failed item from a degraded one. */
    public static final String DEAD_LETTER_ID = "deadLetterId";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Duration retention;

    public DeadLetters(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Duration retention) {
        this.jdbc = jdbc;
        this.json = json;
        this.retention = retention;
    }

    public record Failure(String jobId, String step, String routeId, Integer slot, Throwable error, Object original) {
    }

    /** The failure the dead-letter channel is handling on this exchange. */
    public static Failure failureOf(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        var in = exchange.getMessage();
        return new Failure(in.getHeader("jobId", String.class), in.getHeader("step", String.class),
                exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), in.getHeader(SLOT, Integer.class),
                error == null ? new IllegalStateException("Unknown failure") : error, in.getBody());
    }

    public long store(Failure f) {
        Instant now = Instant.now();
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("job", f.jobId()).addValue("step", f.step()).addValue("route", f.routeId()).addValue("slot", f.slot())
                .addValue("type", f.error().getClass().getName())
                .addValue("message", truncate(String.valueOf(f.error().getMessage()), 4000))
                .addValue("original", original(f.original()))
                .addValue("at", Sql.ts(now)).addValue("expires", Sql.ts(now.plus(retention)));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO dead_letters (job_id, step, route_id, slot, error_type, error_message, original_message, failed_at, expires_at) "
                + "VALUES (:job, :step, :route, :slot, :type, :message, :original, :at, :expires)", p, key, new String[]{"id"});
        return key.getKey().longValue();
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
