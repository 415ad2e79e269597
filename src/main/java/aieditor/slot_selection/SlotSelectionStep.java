package aieditor.slot_selection;

import aieditor.prefilter.PrefilterStep;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.PermanentFailure;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.prefilter.PrefilterLog;
import aieditor.store.Issues;
import aieditor.store.Sql;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2: fills the issue's slots from the articles that passed prefilter, highest score first, slot 1 the lead,
 * with at most a configured number of stories per source. Every passed article left out is logged with why.
 */
public final class SlotSelectionStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "slot_selection";

    private final NamedParameterJdbcTemplate jdbc;
    private final PrefilterLog log;
    private final Issues issues;
    private final Settings settings;
    private final Clock clock;

    /**
     * How an issue is filled.
     *
     * @param slots        slots.count: the stories of an issue, slot 1 the lead
     * @param maxPerSource slots.max-per-source
     */
    public record Settings(int slots, int maxPerSource) {
    }

    public SlotSelectionStep(NamedParameterJdbcTemplate jdbc, PrefilterLog log, Issues issues, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.log = log;
        this.issues = issues;
        this.settings = settings;
        this.clock = clock;
    }

    record Ranked(long id, String source, double score) {
    }

    public void run(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                    @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        int slots = settings.slots();
        int maxPerSource = settings.maxPerSource();
        StepLog out = StepLog.of(SlotSelectionStep.ID, jobId);
        if (issues.isSent(issueDate)) {
            out.info("Issue {} was already sent: keeping its slots.", issueDate);
            result.summary("issue already sent, slots kept");
            return;
        }
        List<Ranked> ranked = jdbc.query("SELECT a.id, a.source, s.total FROM prefilter_log p "
                        + "JOIN articles a ON a.id = p.article_id JOIN scores s ON s.article_id = a.id "
                        + "WHERE p.issue_date = :d AND p.step = :step AND p.decision = :pass ORDER BY s.total DESC, a.id",
                Map.of("d", issueDate, "step", PrefilterStep.ID, "pass", PrefilterLog.PASS),
                (rs, i) -> new Ranked(rs.getLong(1), rs.getString(2), rs.getDouble(3)));
        if (ranked.isEmpty()) {
            // selecting again finds the same nothing: new articles need ingest and the prefilter to run again
            throw new PermanentFailure("No article passed the prefilter for issue " + issueDate
                    + ": nothing to select (the prefilter log says why each was excluded)");
        }
        log.clear(issueDate, SlotSelectionStep.ID);
        List<Ranked> chosen = new ArrayList<>();
        Map<String, Integer> perSource = new HashMap<>();
        for (Ranked r : ranked) {
            int fromSource = perSource.getOrDefault(r.source(), 0);
            if (chosen.size() >= slots) {
                log.exclude(issueDate, SlotSelectionStep.ID, r.id(), "ranked below the " + slots + " selected stories");
            } else if (fromSource >= maxPerSource) {
                log.exclude(issueDate, SlotSelectionStep.ID, r.id(),
                        "source cap: " + r.source() + " already has " + fromSource + " of at most " + maxPerSource);
            } else {
                chosen.add(r);
                perSource.put(r.source(), fromSource + 1);
                log.pass(issueDate, SlotSelectionStep.ID, r.id(), "slot " + chosen.size() + " with score " + r.score());
            }
        }
        jdbc.update("DELETE FROM slot_selections WHERE issue_date = :d", Map.of("d", issueDate));
        for (int i = 0; i < chosen.size(); i++) {
            Ranked r = chosen.get(i);
            jdbc.update("INSERT INTO slot_selections (issue_date, slot, article_id, score, selected_at) VALUES (:d, :slot, :a, :score, :now)",
                    Map.of("d", issueDate, "slot", i + 1, "a", r.id(), "score", r.score(), "now", Sql.ts(clock.instant())));
            out.info("Slot {}: article {} from {} (score {}).", i + 1, r.id(), r.source(), r.score());
        }
        if (chosen.size() < slots) {
            out.warn("Only {} of {} slots could be filled for issue {}.", chosen.size(), slots, issueDate);
            result.error("slots", chosen.size(), "only " + chosen.size() + " of " + slots + " slots filled");
        }
        issues.setStatus(issueDate, Issues.SLOTS_SELECTED, "slot_selection");
        result.processed(ranked.size());
        result.written(chosen.size());
        result.summary(chosen.size() + " slots selected from " + ranked.size() + " candidates");
    }
}
