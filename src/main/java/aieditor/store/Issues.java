package aieditor.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The issues table: one newsletter per date and where it stands. Status changes are audited. */
public final class Issues {
    public static final String OPEN = "open";
    public static final String SLOTS_SELECTED = "slots_selected";
    public static final String DECORATED = "decorated";
    public static final String IMAGES_READY = "images_ready";
    public static final String COMPILED = "compiled";
    public static final String AWAITING_APPROVAL = "awaiting_approval";
    public static final String APPROVED = "approved";
    public static final String SENT = "sent";

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public Issues(NamedParameterJdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<String> status(LocalDate date) {
        List<String> rows = jdbc.queryForList("SELECT status FROM issues WHERE issue_date = :d", Map.of("d", date), String.class);
        return rows.stream().findFirst();
    }

    /** The dates whose issue waits for an editor's approval. */
    public java.util.Set<LocalDate> awaitingApproval() {
        return new java.util.HashSet<>(jdbc.queryForList("SELECT issue_date FROM issues WHERE status = :s",
                Map.of("s", AWAITING_APPROVAL), LocalDate.class));
    }

    public boolean isSent(LocalDate date) {
        return status(date).filter(SENT::equals).isPresent();
    }

    /** Moves the issue to {@code status}, creating it if needed. */
    public void setStatus(LocalDate date, String status, String actor) {
        Map<String, Object> p = Map.of("d", date, "s", status, "now", Sql.ts(clock.instant()));
        int updated = jdbc.update("UPDATE issues SET status = :s, updated_at = :now WHERE issue_date = :d", p);
        if (updated == 0) {
            jdbc.update("INSERT INTO issues (issue_date, status, created_at, updated_at) VALUES (:d, :s, :now, :now)", p);
        }
        audit.record(actor, "issue.status", date.toString(), status);
    }

    /**
     * An editor approves the compiled issue for sending. Only an issue awaiting approval can be approved; the
     * approval is audited with who gave it.
     */
    public boolean approve(LocalDate date, String actor) {
        int updated = jdbc.update("UPDATE issues SET status = :approved, approved_by = :actor, approved_at = :now, updated_at = :now "
                        + "WHERE issue_date = :d AND status = :awaiting",
                Map.of("approved", APPROVED, "actor", actor, "now", Sql.ts(clock.instant()), "d", date, "awaiting", AWAITING_APPROVAL));
        if (updated == 1) {
            audit.record(actor, "issue.approved", date.toString(), "approved for sending");
        }
        return updated == 1;
    }

    public void saveCompiled(LocalDate date, String subject, String preheader, String html, String text, int htmlBytes) {
        Map<String, Object> p = new HashMap<>();
        p.put("d", date);
        p.put("subject", subject);
        p.put("preheader", preheader);
        p.put("html", html);
        p.put("text", text);
        p.put("bytes", htmlBytes);
        p.put("now", Sql.ts(clock.instant()));
        jdbc.update("UPDATE issues SET subject = :subject, preheader = :preheader, html = :html, text_version = :text, "
                + "html_bytes = :bytes, updated_at = :now WHERE issue_date = :d", p);
    }

    /** What an operator sees of an issue: where it stands and its HTML preview. */
    public Optional<Map<String, Object>> view(LocalDate date) {
        return jdbc.query("SELECT issue_date, status, subject, preheader, html_bytes, html, approved_by, approved_at, "
                + "created_at, updated_at FROM issues WHERE issue_date = :d", Map.of("d", date), (rs, i) -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("issue_date", date.toString());
            m.put("status", rs.getString("status"));
            m.put("subject", rs.getString("subject"));
            m.put("preheader", rs.getString("preheader"));
            m.put("html_bytes", rs.getObject("html_bytes"));
            m.put("approved_by", rs.getString("approved_by"));
            m.put("approved_at", Sql.instant(rs, "approved_at"));
            m.put("updated_at", Sql.instant(rs, "updated_at"));
            m.put("html", rs.getString("html"));
            return m;
        }).stream().findFirst();
    }

    /** The compiled issue, if html_compile has run for the date. */
    public Optional<Compiled> compiled(LocalDate date) {
        return jdbc.query("SELECT subject, preheader, html, text_version FROM issues WHERE issue_date = :d AND html IS NOT NULL",
                Map.of("d", date), (rs, i) -> new Compiled(rs.getString("subject"), rs.getString("preheader"),
                        rs.getString("html"), rs.getString("text_version"))).stream().findFirst();
    }

    public record Compiled(String subject, String preheader, String html, String text) {
    }
}
