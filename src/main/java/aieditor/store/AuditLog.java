package aieditor.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.Map;

/** Who did what to which issue, for the record. */
public final class AuditLog {
    private final NamedParameterJdbcTemplate jdbc;

    public AuditLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String subject, String detail) {
        jdbc.update("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (:at, :actor, :action, :subject, :detail)",
                Map.of("at", Sql.ts(Instant.now()), "actor", actor, "action", action, "subject", subject,
                        "detail", detail == null ? "" : detail));
    }
}
