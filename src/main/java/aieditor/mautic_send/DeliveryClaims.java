package aieditor.mautic_send;

import aieditor.store.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries table as the send-once guarantee: an attempt claims the issue's key before it sends and marks
 * it sent afterwards. A claim is held by a job; the same job's retry resumes it at once, another job only after
 * the lease ran out, because the holder may still be sending.
 */
final class DeliveryClaims {
    enum Outcome { SEND, ALREADY_SENT, HELD_BY_ANOTHER_ATTEMPT }

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration lease;

    DeliveryClaims(NamedParameterJdbcTemplate jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    Outcome claim(String key, LocalDate issueDate, String channel, String jobId) {
        Instant now = Instant.now();
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("key", key).addValue("d", issueDate)
                .addValue("channel", channel).addValue("job", jobId).addValue("now", Sql.ts(now))
                .addValue("stale", Sql.ts(now.minus(lease)));
        try {
            jdbc.update("INSERT INTO deliveries (idempotency_key, issue_date, channel, status, created_at, claimed_by, claimed_at) "
                    + "VALUES (:key, :d, :channel, 'sending', :now, :job, :now)", p);
            return Outcome.SEND;
        } catch (DuplicateKeyException e) {
            // one conditional UPDATE, so two attempts racing for a stale claim cannot both win it
            int taken = jdbc.update("UPDATE deliveries SET claimed_by = :job, claimed_at = :now WHERE idempotency_key = :key "
                    + "AND status = 'sending' AND (claimed_by = :job OR claimed_by IS NULL OR claimed_at < :stale)", p);
            if (taken == 1) {
                return Outcome.SEND;
            }
            String status = jdbc.queryForObject("SELECT status FROM deliveries WHERE idempotency_key = :key", p, String.class);
            return "sent".equals(status) ? Outcome.ALREADY_SENT : Outcome.HELD_BY_ANOTHER_ATTEMPT;
        }
    }

    Delivery.Ledger ledger(String key) {
        return new Delivery.Ledger() {
            @Override
            public Optional<String> externalId() {
                List<String> ids = jdbc.queryForList("SELECT external_id FROM deliveries WHERE idempotency_key = :key "
                        + "AND external_id IS NOT NULL", Map.of("key", key), String.class);
                return ids.stream().findFirst();
            }

            @Override
            public void recordExternalId(String externalId) {
                jdbc.update("UPDATE deliveries SET external_id = :id WHERE idempotency_key = :key",
                        Map.of("id", externalId, "key", key));
            }
        };
    }

    void sent(String key, Receipt receipt) {
        jdbc.update("UPDATE deliveries SET status = 'sent', location = :loc, sent_at = :now, "
                + "external_id = COALESCE(:id, external_id), sent_count = :sent, failed_count = :failed WHERE idempotency_key = :key",
                new MapSqlParameterSource().addValue("loc", receipt.location()).addValue("now", Sql.ts(Instant.now()))
                        .addValue("id", receipt.externalId(), Types.VARCHAR).addValue("sent", receipt.sentCount())
                        .addValue("failed", receipt.failedCount()).addValue("key", key));
    }
}
