package aieditor.mautic_send;

import aieditor.store.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Types;
import java.time.Clock;
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
    enum Outcome { SEND, ALREADY_SENT, HELD_BY_ANOTHER_ATTEMPT, UNCERTAIN }

    static final String UNCERTAIN = "uncertain";

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration lease;
    private final Clock clock;

    DeliveryClaims(NamedParameterJdbcTemplate jdbc, Duration lease, Clock clock) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.clock = clock;
    }

    Outcome claim(String key, LocalDate issueDate, String channel, String jobId) {
        Instant now = clock.instant();
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
            return switch (status) {
                case "sent" -> Outcome.ALREADY_SENT;
                case UNCERTAIN -> Outcome.UNCERTAIN;
                default -> Outcome.HELD_BY_ANOTHER_ATTEMPT;
            };
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

            @Override
            public void recordHandOver() {
                jdbc.update("UPDATE deliveries SET handed_over_at = :now WHERE idempotency_key = :key",
                        Map.of("now", Sql.ts(clock.instant()), "key", key));
            }

            @Override
            public boolean handedOver() {
                return !jdbc.queryForList("SELECT handed_over_at FROM deliveries WHERE idempotency_key = :key "
                        + "AND handed_over_at IS NOT NULL", Map.of("key", key), Object.class).isEmpty();
            }

            @Override
            public void clearHandOver() {
                jdbc.update("UPDATE deliveries SET handed_over_at = NULL WHERE idempotency_key = :key", Map.of("key", key));
            }
        };
    }

    /** The send's outcome is unknown: nothing sends for the issue until an operator decides. */
    void uncertain(String key) {
        jdbc.update("UPDATE deliveries SET status = :u WHERE idempotency_key = :key AND status = 'sending'",
                Map.of("u", UNCERTAIN, "key", key));
    }

    /**
     * An operator's decision on an uncertain send: it went out (recorded as sent), or it did not (the claim is
     * released, so the next send sends it). Returns false when the issue's delivery is not uncertain.
     */
    boolean decide(String key, boolean wentOut, String actor) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("key", key).addValue("by", actor)
                .addValue("now", Sql.ts(clock.instant())).addValue("u", UNCERTAIN);
        return 1 == (wentOut
                ? jdbc.update("UPDATE deliveries SET status = 'sent', sent_at = :now, decided_by = :by, "
                        + "location = COALESCE(location, 'confirmed by ' || :by) WHERE idempotency_key = :key AND status = :u", p)
                : jdbc.update("UPDATE deliveries SET status = 'sending', handed_over_at = NULL, claimed_by = NULL, "
                        + "decided_by = :by WHERE idempotency_key = :key AND status = :u", p));
    }

    /** The issue's delivery row as the API shows it, if a send was ever claimed. */
    Optional<Map<String, Object>> view(String key) {
        return jdbc.query("SELECT channel, status, location, external_id, handed_over_at, sent_at, decided_by FROM deliveries "
                + "WHERE idempotency_key = :key", Map.of("key", key), (rs, i) -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("channel", rs.getString("channel"));
            m.put("status", rs.getString("status"));
            m.put("location", rs.getString("location"));
            m.put("external_id", rs.getString("external_id"));
            m.put("handed_over_at", Sql.instant(rs, "handed_over_at"));
            m.put("sent_at", Sql.instant(rs, "sent_at"));
            m.put("decided_by", rs.getString("decided_by"));
            return m;
        }).stream().findFirst();
    }

    void sent(String key, Receipt receipt) {
        jdbc.update("UPDATE deliveries SET status = 'sent', location = :loc, sent_at = :now, "
                + "external_id = COALESCE(:id, external_id), sent_count = :sent, failed_count = :failed WHERE idempotency_key = :key",
                new MapSqlParameterSource().addValue("loc", receipt.location()).addValue("now", Sql.ts(clock.instant()))
                        .addValue("id", receipt.externalId(), Types.VARCHAR).addValue("sent", receipt.sentCount())
                        .addValue("failed", receipt.failedCount()).addValue("key", key));
    }
}
