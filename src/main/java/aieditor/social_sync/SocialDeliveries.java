package aieditor.social_sync;

import aieditor.store.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The social_deliveries table as the post-once guarantee: an attempt claims a story's post on a channel before it
 * sends and records how it went afterwards. A posted one is never claimed again. A claim is held by a job: the same
 * job's retry takes it over at once, another job only after the lease ran out, because the holder may still be
 * sending. A post a channel refused is not claimed again by the job it was refused in (its retry would only be
 * refused again); a new run, an operator's, tries it again.
 */
public final class SocialDeliveries {
    public static final String SENDING = "sending";
    public static final String POSTED = "posted";
    public static final String FAILED = "failed";

    enum Claim { SEND, POSTED, HELD_BY_ANOTHER_JOB, REFUSED_IN_THIS_JOB }

    /** One story's post on one channel, as the API shows it. */
    public record Row(int slot, String channel, String status, String idempotencyKey, Integer httpStatus, String remoteId,
                      String remoteUrl, String error, Boolean retryable, int attempts, Instant postedAt, Instant updatedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration lease;

    public SocialDeliveries(NamedParameterJdbcTemplate jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    Claim claim(LocalDate issueDate, int slot, String channel, String key, String jobId, Instant now) {
        MapSqlParameterSource p = where(issueDate, slot, channel).addValue("key", key).addValue("job", jobId)
                .addValue("now", Sql.ts(now)).addValue("stale", Sql.ts(now.minus(lease)));
        try {
            jdbc.update("INSERT INTO social_deliveries (issue_date, slot, channel, idempotency_key, status, attempts, "
                    + "claimed_by, claimed_at, updated_at) VALUES (:d, :slot, :channel, :key, 'sending', 0, :job, :now, :now)", p);
            return Claim.SEND;
        } catch (DuplicateKeyException e) {
            // one conditional UPDATE, so two attempts racing for the same post cannot both win it
            int taken = jdbc.update("UPDATE social_deliveries SET status = 'sending', idempotency_key = :key, claimed_by = :job, "
                    + "claimed_at = :now, updated_at = :now WHERE " + ROW + " AND status <> 'posted' "
                    + "AND NOT (status = 'failed' AND retryable = FALSE AND claimed_by = :job) "
                    + "AND (status <> 'sending' OR claimed_by = :job OR claimed_at < :stale)", p);
            if (taken == 1) {
                return Claim.SEND;
            }
            String status = jdbc.queryForObject("SELECT status FROM social_deliveries WHERE " + ROW, p, String.class);
            return switch (status) {
                case POSTED -> Claim.POSTED;
                case FAILED -> Claim.REFUSED_IN_THIS_JOB;
                default -> Claim.HELD_BY_ANOTHER_JOB;
            };
        }
    }

    void posted(LocalDate issueDate, int slot, String channel, Posted posted, int attempts, Instant now) {
        jdbc.update("UPDATE social_deliveries SET status = 'posted', http_status = :http, remote_id = :id, remote_url = :url, "
                + "error = NULL, retryable = NULL, attempts = attempts + :n, posted_at = :now, updated_at = :now WHERE " + ROW,
                where(issueDate, slot, channel).addValue("http", posted.httpStatus()).addValue("id", cut(posted.remoteId(), 200))
                        .addValue("url", cut(posted.remoteUrl(), 2000)).addValue("n", attempts).addValue("now", Sql.ts(now)));
    }

    void failed(LocalDate issueDate, int slot, String channel, PostFailure failure, int attempts, Instant now) {
        jdbc.update("UPDATE social_deliveries SET status = 'failed', http_status = :http, error = :error, retryable = :retryable, "
                + "attempts = attempts + :n, updated_at = :now WHERE " + ROW,
                where(issueDate, slot, channel).addValue("http", failure.httpStatus() == 0 ? null : failure.httpStatus())
                        .addValue("error", cut(failure.getMessage(), 2000)).addValue("retryable", failure.retryable())
                        .addValue("n", attempts).addValue("now", Sql.ts(now)));
    }

    /** The issue's posts on every channel, by slot then channel. */
    public List<Row> ofIssue(LocalDate issueDate) {
        return jdbc.query("SELECT * FROM social_deliveries WHERE issue_date = :d ORDER BY slot, channel",
                new MapSqlParameterSource("d", issueDate), (rs, i) -> new Row(rs.getInt("slot"), rs.getString("channel"),
                        rs.getString("status"), rs.getString("idempotency_key"), (Integer) rs.getObject("http_status"),
                        rs.getString("remote_id"), rs.getString("remote_url"), rs.getString("error"),
                        (Boolean) rs.getObject("retryable"), rs.getInt("attempts"), Sql.instant(rs, "posted_at"),
                        Sql.instant(rs, "updated_at")));
    }

    private static final String ROW = "issue_date = :d AND slot = :slot AND channel = :channel";

    private static MapSqlParameterSource where(LocalDate issueDate, int slot, String channel) {
        return new MapSqlParameterSource().addValue("d", issueDate).addValue("slot", slot).addValue("channel", channel);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
