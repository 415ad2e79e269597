package aieditor.archive;

import aieditor.store.Issues;
import aieditor.store.Sql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The issues readers received: status {@code sent} (set by mautic_send, or by an operator confirming an uncertain
 * send), with the HTML that went out. When it went out is the delivery's {@code sent_at}; an issue marked sent without
 * a delivery row of its own (a channel changed since) falls back to the issue's last change, which was that marking.
 * An issue compiled, awaiting approval or approved is not here.
 */
final class SentIssues {
    private static final String SENT_AT = "COALESCE((SELECT MAX(d.sent_at) FROM deliveries d WHERE d.issue_date = i.issue_date "
            + "AND d.status = 'sent'), i.updated_at) AS sent_at";
    private static final String SENT = "FROM issues i WHERE i.status = :sent AND i.html IS NOT NULL";

    private final NamedParameterJdbcTemplate jdbc;

    SentIssues(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of the archive's list and one entry of its feed. */
    record Listed(LocalDate date, String subject, String preheader, Instant sentAt) {
    }

    record Sent(Listed issue, String html) {
    }

    /** Up to {@code limit} sent issues dated before {@code before} (null: any), newest first. */
    List<Listed> newest(LocalDate before, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("sent", Issues.SENT).addValue("limit", limit);
        String where = "";
        if (before != null) {
            where = " AND i.issue_date < :before";
            p.addValue("before", before);
        }
        return jdbc.query("SELECT i.issue_date, i.subject, i.preheader, " + SENT_AT + " " + SENT + where
                + " ORDER BY i.issue_date DESC LIMIT :limit", p, (rs, n) -> listed(rs));
    }

    Optional<Sent> find(LocalDate date) {
        return jdbc.query("SELECT i.issue_date, i.subject, i.preheader, i.html, " + SENT_AT + " " + SENT
                        + " AND i.issue_date = :d", new MapSqlParameterSource("sent", Issues.SENT).addValue("d", date),
                (rs, n) -> new Sent(listed(rs), rs.getString("html"))).stream().findFirst();
    }

    boolean isSent(LocalDate date) {
        return !jdbc.queryForList("SELECT i.issue_date " + SENT + " AND i.issue_date = :d",
                new MapSqlParameterSource("sent", Issues.SENT).addValue("d", date), LocalDate.class).isEmpty();
    }

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Listed(Sql.date(rs, "issue_date"), rs.getString("subject"), rs.getString("preheader"),
                Sql.instant(rs, "sent_at"));
    }
}
