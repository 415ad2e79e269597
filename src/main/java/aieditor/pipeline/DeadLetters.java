package aieditor.pipeline;

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

    public record Failure(String jobId, String step, java.time.LocalDate issueDate, String routeId, Integer slot,
                          Throwable error, Object original) {
    }

    /** The failure the dead-letter channel is handling on this exchange. */
    public static Failure failureOf(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error instanceof ErrorsAsFailures.ErrorThrown thrown) {
            error = thrown.getCause(); // the OutOfMemoryError or StackOverflowError itself is what happened
        }
        var in = exchange.getMessage();
        Object date = in.getHeader("issueDate");
        return new Failure(in.getHeader("jobId", String.class), in.getHeader("step", String.class),
                date == null ? null : java.time.LocalDate.parse(date.toString()), exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), in.getHeader(SLOT, Integer.class),
                error == null ? new IllegalStateException("Unknown failure") : error, in.getBody());
    }

    public long store(Failure f) {
        Instant now = Instant.now();
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("job", f.jobId()).addValue("step", f.step()).addValue("date", f.issueDate()).addValue("route", f.routeId()).addValue("slot", f.slot())
                .addValue("type", f.error().getClass().getName())
                .addValue("message", truncate(FailureText.of(f.error()), 4000))
                .addValue("original", original(f.original()))
                .addValue("at", Sql.ts(now)).addValue("expires", Sql.ts(now.plus(retention)));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO dead_letters (job_id, step, issue_date, route_id, slot, error_type, error_message, original_message, failed_at, expires_at) "
                + "VALUES (:job, :step, :date, :route, :slot, :type, :message, :original, :at, :expires)", p, key, new String[]{"id"});
        return key.getKey().longValue();
    }

    /** errorType is the failure's Java class, kept for the service's own diagnosis; replies say it in words. */
    public record Row(long id, String jobId, String step, java.time.LocalDate issueDate, String routeId, Integer slot,
                      @com.fasterxml.jackson.annotation.JsonIgnore String errorType,
                      String errorMessage, String originalMessage, Instant failedAt, Instant expiresAt,
                      Instant replayedAt, String replayJobId, Instant resolvedAt, String resolvedByJob) {
    }

    private static final org.springframework.jdbc.core.RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"),
            rs.getString("job_id"), rs.getString("step"), Sql.date(rs, "issue_date"), rs.getString("route_id"), (Integer) rs.getObject("slot"),
            rs.getString("error_type"), rs.getString("error_message"), rs.getString("original_message"),
            Sql.instant(rs, "failed_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "replayed_at"),
            rs.getString("replay_job_id"), Sql.instant(rs, "resolved_at"), rs.getString("resolved_by_job"));

    public java.util.List<Row> list(int limit, int offset) {
        return jdbc.query("SELECT * FROM dead_letters ORDER BY failed_at DESC, id DESC LIMIT :limit OFFSET :offset",
                java.util.Map.of("limit", limit, "offset", offset), ROW);
    }

    public long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters", java.util.Map.of(), Long.class);
    }

    public java.util.Optional<Row> find(long id) {
        return jdbc.query("SELECT * FROM dead_letters WHERE id = :id", java.util.Map.of("id", id), ROW).stream().findFirst();
    }

    /** Marks the row replayed by the given job, once: false when it was replayed already. */
    public boolean markReplayed(long id, String jobId) {
        return jdbc.update("UPDATE dead_letters SET replayed_at = :now, replay_job_id = :job WHERE id = :id AND replayed_at IS NULL",
                java.util.Map.of("now", Sql.ts(Instant.now()), "job", jobId, "id", id)) == 1;
    }

    /**
     * A job of the step completed for the issue: the open dead letters of that step and issue that failed before it
     * started are fixed, by it. A failed slot's only once its slot is decorated: a completed decoration may have
     * failed the slot again, or kept the decorations of an issue already sent. Returns how many it fixed.
     */
    public int resolve(String step, java.time.LocalDate issueDate, String jobId, Instant startedAt) {
        return jdbc.update("UPDATE dead_letters SET resolved_at = :now, resolved_by_job = :job WHERE step = :step "
                + "AND issue_date = :date AND resolved_at IS NULL AND failed_at < :started AND (slot IS NULL OR EXISTS "
                + "(SELECT 1 FROM decorations d WHERE d.issue_date = dead_letters.issue_date AND d.slot = dead_letters.slot "
                + "AND d.status = 'decorated'))", new MapSqlParameterSource().addValue("now", Sql.ts(Instant.now()))
                .addValue("job", jobId).addValue("step", step).addValue("date", issueDate).addValue("started", Sql.ts(startedAt)));
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
