package aieditor.airtable;

import aieditor.decoration.DecorationStep;
import aieditor.slot_selection.SlotSelectionStep;
import aieditor.model.WebLink;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies an issue's newsletter selects (after slot_selection) and decorations (after decoration) to the AI Editor
 * base, keyed by issue date and slot. Airtable is a mirror for editors, not the store: a failed sync is recorded
 * in the step's result and the issue goes on.
 */
public final class AirtableSync {
    static final List<String> MERGE_ON = List.of("Issue Date", "Slot");

    private final AirtableClient client;
    private final NamedParameterJdbcTemplate jdbc;
    private final DecoratedStories stories;
    private final String base;
    private final String selectsTable;
    private final String decorationsTable;

    public AirtableSync(AirtableClient client, NamedParameterJdbcTemplate jdbc, DecoratedStories stories, String base,
                        String selectsTable, String decorationsTable) {
        this.client = client;
        this.jdbc = jdbc;
        this.stories = stories;
        this.base = base;
        this.selectsTable = selectsTable;
        this.decorationsTable = decorationsTable;
    }

    public void selects(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                        @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        List<Map<String, Object>> records = jdbc.query("SELECT s.slot, s.score, a.title, a.url, a.source FROM slot_selections s "
                + "JOIN articles a ON a.id = s.article_id WHERE s.issue_date = :d ORDER BY s.slot", Map.of("d", issueDate), (rs, i) -> {
            Map<String, Object> f = key(issueDate, rs.getInt("slot"));
            f.put("Title", rs.getString("title"));
            // only http(s) links leave the store: an editor could click whatever reaches the base
            f.put("URL", WebLink.clean(rs.getString("url")));
            f.put("Source", rs.getString("source"));
            f.put("Score", rs.getDouble("score"));
            return f;
        });
        sync(StepLog.of(SlotSelectionStep.ID, jobId), result, "newsletter selects", selectsTable, records);
    }

    public void decorations(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                            @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        List<Map<String, Object>> records = stories.list(issueDate).stream().map(s -> {
            Map<String, Object> f = key(issueDate, s.slot());
            f.put("Headline", s.headline());
            f.put("Bullets", String.join("\n", s.bullets()));
            f.put("URL", WebLink.clean(s.url()));
            f.put("Source", s.source());
            return f;
        }).toList();
        sync(StepLog.of(DecorationStep.ID, jobId), result, "decorations", decorationsTable, records);
    }

    private void sync(StepLog out, StepResult result, String what, String table, List<Map<String, Object>> records) {
        try {
            int requests = client.upsert(base, table, records, MERGE_ON);
            out.info("Airtable: {} {} synced to {}/{} in {} requests.", records.size(), what, base, table, requests);
        } catch (Exception e) {
            result.error("airtable", what, aieditor.pipeline.FailureText.of(e));
            out.warn("Airtable: the {} could not be synced, the issue goes on without: {}", what, e.getMessage());
        }
    }

    private static Map<String, Object> key(LocalDate issueDate, int slot) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Issue Date", issueDate.toString());
        f.put("Slot", slot);
        return f;
    }
}
