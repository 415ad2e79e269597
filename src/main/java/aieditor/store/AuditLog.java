package aieditor.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.util.Map;

/** Who did what to which issue, for the record. */
public final class AuditLog {
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String subject, String detail) {
        jdbc.update("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (:at, :actor, :action, :subject, :detail)",
                Map.of("at", Sql.ts(clock.instant()), "actor", actor, "action", action, "subject", subject,
                        "detail", detail == null ? "" : detail));
    }
}
