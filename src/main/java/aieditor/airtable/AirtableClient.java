package aieditor.airtable;

import aieditor.http.HttpReply;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Airtable's records API through routes/airtable.camel.yaml, which also paces requests per base. Lists follow
 * the offset page by page; writes go in batches of ten as upserts, so a re-run updates instead of duplicating.
 * A 429 means Airtable wants a pause (30 s by its docs) before anything else is sent.
 */
public final class AirtableClient {
    static final int PAGE_SIZE = 100;
    static final int BATCH_SIZE = 10;

    private final HttpRoutes http;
    private final ObjectMapper json;
    private final String token;
    private final Duration rateLimitPause;
    private final int rateLimitRetries;

    public AirtableClient(HttpRoutes http, ObjectMapper json, String token, Duration rateLimitPause, int rateLimitRetries) {
        this.http = http;
        this.json = json;
        this.token = token;
        this.rateLimitPause = rateLimitPause;
        this.rateLimitRetries = rateLimitRetries;
    }

    /** Every record of the table: each has "id" and "fields". */
    public List<JsonNode> list(String base, String table) {
        List<JsonNode> records = new ArrayList<>();
        String offset = null;
        do {
            String query = "pageSize=" + PAGE_SIZE + (offset == null ? "" : "&offset=" + URLEncoder.encode(offset, StandardCharsets.UTF_8));
            JsonNode page = call("direct:airtable-list", base, table, null, query);
            page.path("records").forEach(records::add);
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        } while (offset != null);
        return records;
    }

    /** Creates or updates the records, matched on the merge fields; returns the number of requests made. */
    public int upsert(String base, String table, List<Map<String, Object>> fields, List<String> mergeOn) throws IOException {
        int requests = 0;
        for (int from = 0; from < fields.size(); from += BATCH_SIZE) {
            List<Map<String, Object>> records = fields.subList(from, Math.min(from + BATCH_SIZE, fields.size()))
                    .stream().map(f -> Map.<String, Object>of("fields", f)).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("performUpsert", Map.of("fieldsToMergeOn", mergeOn));
            body.put("records", records);
            body.put("typecast", true);
            call("direct:airtable-upsert", base, table, json.writeValueAsString(body), null);
            requests++;
        }
        return requests;
    }

    private JsonNode call(String route, String base, String table, String body, String query) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("airtableBase", base);
        headers.put("airtableTable", table);
        headers.put("Authorization", "Bearer " + token);
        if (body != null) {
            headers.put(Exchange.CONTENT_TYPE, "application/json");
        }
        if (query != null) {
            headers.put(Exchange.HTTP_QUERY, query);
        }
        for (int attempt = 0; ; attempt++) {
            HttpReply reply = http.call(route, body, headers);
            if (reply.status() == 429 && attempt < rateLimitRetries) {
                pause();
                continue;
            }
            if (!reply.ok()) {
                throw new AirtableException(base, table, reply, json);
            }
            try {
                return json.readTree(reply.text());
            } catch (IOException e) {
                throw new UncheckedIOException("Airtable answered " + base + "/" + table + " with something other than JSON", e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(rateLimitPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting out Airtable's rate limit", e);
        }
    }
}
