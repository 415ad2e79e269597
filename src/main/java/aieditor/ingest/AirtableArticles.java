package aieditor.ingest;

import aieditor.airtable.AirtableClient;
import aieditor.model.Article;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate articles from an Airtable table, an ingest source like a feed. Column names differ per base, so a
 * configured map says which column holds title, url, source, author, published, summary and body.
 */
public final class AirtableArticles {
    private final AirtableClient client;
    private final String base;
    private final String table;
    private final Map<String, String> columns;

    /** @param fieldMap "title=Title, url=URL, ..." article field = Airtable column */
    public AirtableArticles(AirtableClient client, String base, String table, String fieldMap) {
        this.client = client;
        this.base = base;
        this.table = table;
        this.columns = new LinkedHashMap<>();
        Arrays.stream(fieldMap.split(",")).map(String::strip).filter(p -> p.contains("="))
                .forEach(p -> columns.put(p.substring(0, p.indexOf('=')).strip(), p.substring(p.indexOf('=') + 1).strip()));
    }

    /** Records that cannot become an article (no title and no URL, a bad date) are recorded and skipped. */
    public List<Article> read(@ExchangeProperty(StepResult.PROPERTY) StepResult result, @Header(JobHeaders.JOB_ID) String jobId) {
        List<Article> articles = new ArrayList<>();
        for (JsonNode record : client.list(base, table)) {
            Map<String, String> fields = new HashMap<>();
            columns.forEach((field, column) -> {
                JsonNode value = record.path("fields").path(column);
                fields.put(field, value.isMissingNode() || value.isNull() ? null : value.asText());
            });
            try {
                articles.add(ArticleFields.toArticle(fields, fields.get("body"), "airtable"));
            } catch (IllegalArgumentException e) {
                String id = record.path("id").asText();
                result.error("source", "airtable:" + id, e.getMessage());
                StepLog.of(IngestStep.ID, jobId).warn("Skipped Airtable record {}: {}", id, e.getMessage());
            }
        }
        return articles;
    }
}
