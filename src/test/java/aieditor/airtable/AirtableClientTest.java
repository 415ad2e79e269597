package aieditor.airtable;

import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.TestRoutes;
import aieditor.http.HttpRoutes;
import aieditor.ingest.AirtableArticles;
import aieditor.model.Article;
import aieditor.pipeline.StepResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Airtable client through routes/airtable.camel.yaml against a fake Airtable. */
class AirtableClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeServer AIRTABLE = FakeServer.start(r -> Response.json(200, "{}"));
    private static CamelContext context;
    private AirtableClient client;

    @BeforeAll
    static void routes() throws Exception {
        context = TestRoutes.start(Map.of("airtable.api-url", AIRTABLE.url()),
                Map.of("airtableSync", new AirtableSync(null, null, null, "appEditor", "tblSelects", "tblDecorations")),
                "airtable.camel.yaml");
    }

    @AfterAll
    static void stop() {
        context.stop();
        AIRTABLE.close();
    }

    @BeforeEach
    void client() {
        AIRTABLE.reset();
        client = new AirtableClient(new HttpRoutes(context), JSON, "test-secret", Duration.ofMillis(50), 3);
    }

    @Test
    void should_follow_the_offset_through_every_page_and_map_the_columns() {
        AIRTABLE.answerWith(r -> Response.json(200, switch (String.valueOf(r.query())) {
            case "pageSize=100" -> "{\"records\":[" + record("rec1", "First story") + "," + record("rec2", "Second story") + "],\"offset\":\"itr1/rec2\"}";
            case "pageSize=100&offset=itr1%2Frec2" -> "{\"records\":[" + record("rec3", "Third story")
                    + ",{\"id\":\"rec4\",\"fields\":{\"Source\":\"Nothing else\"}}],\"offset\":\"itr2/rec4\"}";
            case "pageSize=100&offset=itr2%2Frec4" -> "{\"records\":[" + record("rec5", "Fifth story") + "]}";
            default -> "{\"records\":[]}";
        }));
        StepResult result = new StepResult();

        List<Article> articles = new AirtableArticles(client, "appArticles", "tblArticles",
                "title=Title, url=URL, source=Source, published=Published, body=Body").read(result, "job-1");

        assertThat(AIRTABLE.requests()).extracting(Request::path).containsOnly("/v0/appArticles/tblArticles");
        assertThat(AIRTABLE.requests()).extracting(Request::query)
                .containsExactly("pageSize=100", "pageSize=100&offset=itr1%2Frec2", "pageSize=100&offset=itr2%2Frec4");
        assertThat(AIRTABLE.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer test-secret"));
        assertThat(articles).extracting(Article::title).containsExactly("First story", "Second story", "Third story", "Fifth story");
        assertThat(articles.get(0).url()).isEqualTo("https://news.example/first-story");
        assertThat(articles.get(0).source()).isEqualTo("orchard-bulletin");
        assertThat(articles.get(0).publishedAt()).hasToString("2026-11-21T08:00:00Z");
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e).containsEntry("source", "airtable:rec4"));
    }

    @Test
    void should_upsert_23_records_in_three_batches_of_at_most_ten() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        IntStream.rangeClosed(1, 23).forEach(i -> records.add(Map.of("Issue Date", "2026-11-22", "Slot", i)));

        int requests = client.upsert("appEditor", "tblSelects", records, List.of("Issue Date", "Slot"));

        assertThat(requests).isEqualTo(3);
        List<Request> patches = AIRTABLE.requests("PATCH", "/v0/appEditor/tblSelects");
        assertThat(patches).hasSize(3);
        List<Integer> sizes = new ArrayList<>();
        for (Request patch : patches) {
            JsonNode body = JSON.readTree(patch.body());
            assertThat(patch.header("Content-Type")).startsWith("application/json");
            assertThat(body.path("performUpsert").path("fieldsToMergeOn").toString()).isEqualTo("[\"Issue Date\",\"Slot\"]");
            assertThat(body.path("typecast").asBoolean()).isTrue();
            assertThat(body.path("records").get(0).path("fields").has("Issue Date")).isTrue();
            sizes.add(body.path("records").size());
        }
        assertThat(sizes).containsExactly(10, 10, 3);
        assertThat(JSON.readTree(patches.get(2).body()).path("records").get(2).path("fields").path("Slot").asInt()).isEqualTo(23);
    }

    @Test
    void should_pause_after_a_429_and_then_retry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AIRTABLE.answerWith(r -> calls.incrementAndGet() == 1
                ? Response.json(429, "{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\"}]}")
                : Response.json(200, "{\"records\":[]}"));
        long started = System.nanoTime();

        client.upsert("appEditor", "tblSelects", List.of(Map.of("Issue Date", "2026-11-22", "Slot", 1)), List.of("Issue Date", "Slot"));

        assertThat(AIRTABLE.requests("PATCH", "/v0/appEditor/tblSelects")).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void should_report_airtables_error_message() {
        AIRTABLE.answerWith(r -> Response.json(422, "{\"error\":{\"type\":\"INVALID_VALUE_FOR_COLUMN\",\"message\":\"Field \\\"Slot\\\" cannot accept the provided value\"}}"));

        assertThatThrownBy(() -> client.upsert("appEditor", "tblSelects", List.of(Map.of("Slot", "x")), List.of("Slot")))
                .isInstanceOf(AirtableException.class)
                .hasMessage("Airtable appEditor/tblSelects answered HTTP 422: INVALID_VALUE_FOR_COLUMN Field \"Slot\" cannot accept the provided value");
    }

    private static String record(String id, String title) {
        return "{\"id\":\"" + id + "\",\"createdTime\":\"2026-11-21T08:00:00.000Z\",\"fields\":{\"Title\":\"" + title
                + "\",\"URL\":\"https://news.example/" + title.toLowerCase().replace(' ', '-') + "\",\"Source\":\"Orchard Bulletin\","
                + "\"Published\":\"2026-11-21T08:00:00.000Z\",\"Body\":\"Some text about " + title + ".\"}}";
    }
}
