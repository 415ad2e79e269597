package aieditor.airtable;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real application with airtable.enabled: articles come in from Airtable, selects and decorations go out. */
class AirtableSyncRouteTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean writesFail;
    private static final FakeServer AIRTABLE = start();

    private static FakeServer start() {
        FakeServer server = FakeServer.start(AirtableSyncRouteTest::answer);
        // read by the application's properties before the Camel context starts
        Map.of("airtable.enabled", "true", "airtable.api-url", server.url(), "airtable.token", "test-secret",
                "airtable.articles-base", "appArticles", "airtable.articles-table", "tblArticles",
                "airtable.editor-base", "appEditor", "airtable.selects-table", "tblSelects",
                "airtable.decorations-table", "tblDecorations", "airtable.rate-limit-pause-ms", "50").forEach(System::setProperty);
        return server;
    }

    private static Response answer(Request r) {
        if (r.method().equals("GET")) {
            return Response.json(200, "{\"records\":[{\"id\":\"recA\",\"fields\":{\"Title\":\"Airtable desk picks a new GPU cluster\","
                    + "\"URL\":\"https://desk.example/gpu-cluster\",\"Source\":\"Airtable Desk\",\"Summary\":\"A short note.\"}}]}");
        }
        return writesFail ? Response.json(503, "{\"error\":\"SERVICE_UNAVAILABLE\"}") : Response.json(200, "{\"records\":[]}");
    }

    @AfterAll
    static void stop() {
        AIRTABLE.close();
    }

    @BeforeEach
    void workingAirtable() {
        AIRTABLE.reset();
        writesFail = false;
    }

    @Test
    void should_read_airtable_articles_and_upsert_the_selects_and_decorations() throws Exception {
        runPipeline(DATE);

        assertThat(count("SELECT COUNT(*) FROM articles WHERE url = 'https://desk.example/gpu-cluster'")).isEqualTo(1);
        assertThat(AIRTABLE.requests("GET", "/v0/appArticles/tblArticles")).hasSize(1);
        Request selects = AIRTABLE.requests("PATCH", "/v0/appEditor/tblSelects").get(0);
        JsonNode body = JSON.readTree(selects.body());
        assertThat(body.path("performUpsert").path("fieldsToMergeOn").toString()).isEqualTo("[\"Issue Date\",\"Slot\"]");
        assertThat(body.path("records")).hasSize(5);
        assertThat(body.path("records").get(0).path("fields").path("Issue Date").asText()).isEqualTo("2026-11-20");
        JsonNode decorations = JSON.readTree(AIRTABLE.requests("PATCH", "/v0/appEditor/tblDecorations").get(0).body());
        assertThat(decorations.path("records")).hasSize(5);
        assertThat(decorations.path("records").get(0).path("fields").path("Headline").asText()).isNotBlank();
    }

    @Test
    void should_finish_the_issue_and_record_the_error_when_airtable_is_down() throws Exception {
        writesFail = true;

        runPipeline(DATE);

        assertThat(rows("SELECT status FROM jobs")).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("completed"));
        assertThat((String) lastJob("slot_selection").get("result")).contains("\"airtable\":\"newsletter selects\"").contains("503");
        assertThat((String) lastJob("decoration").get("result")).contains("\"airtable\":\"decorations\"");
        assertThat(count("SELECT COUNT(*) FROM issues WHERE status = 'sent'")).isEqualTo(1);
    }
}
