package aieditor.prefilter;

import aieditor.store.Sql;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The prefilter log: every pass and exclusion decided for an issue, by prefilter and slot_selection. */
public final class PrefilterLog {
    public static final String PASS = "pass";
    public static final String EXCLUDE = "exclude";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public PrefilterLog(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A re-run replaces the step's earlier decisions for the issue rather than adding to them. */
    public void clear(LocalDate issueDate, String step) {
        jdbc.update("DELETE FROM prefilter_log WHERE issue_date = :d AND step = :step", Map.of("d", issueDate, "step", step));
    }

    public void pass(LocalDate issueDate, String step, long articleId, String reason) {
        insert(issueDate, step, articleId, PASS, reason, null);
    }

    public void exclude(LocalDate issueDate, String step, long articleId, String reason) {
        insert(issueDate, step, articleId, EXCLUDE, reason, null);
    }

    /** Excluded as another report of the story that article {@code into} tells. */
    public void merge(LocalDate issueDate, String step, long articleId, long into, String reason) {
        insert(issueDate, step, articleId, EXCLUDE, reason, into);
    }

    /** Article ids that passed prefilter for the issue. */
    public List<Long> passed(LocalDate issueDate) {
        return jdbc.queryForList("SELECT article_id FROM prefilter_log WHERE issue_date = :d AND step = :step AND decision = :pass",
                Map.of("d", issueDate, "step", PrefilterStep.ID, "pass", PASS), Long.class);
    }

    private void insert(LocalDate issueDate, String step, long articleId, String decision, String reason, Long mergedInto) {
        jdbc.update("INSERT INTO prefilter_log (issue_date, article_id, step, decision, reason, created_at, merged_into) "
                        + "VALUES (:d, :a, :step, :decision, :reason, :now, :into)",
                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                        .addValue("d", issueDate).addValue("a", articleId).addValue("step", step)
                        .addValue("decision", decision).addValue("into", mergedInto)
                        .addValue("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
                        .addValue("now", Sql.ts(clock.instant())));
    }
}
