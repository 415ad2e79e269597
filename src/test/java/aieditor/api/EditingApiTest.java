package aieditor.api;

import aieditor.desk.Eml;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The editor's operations over the REST API, on an issue the real pipeline made (offline providers): edit, replace,
 * regenerate, move, history, send now - each a new version, each recompiled, what was edited is what is sent, and a
 * sent issue refuses every change.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:editing-api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/editing-api", "api.trigger-secret=test-secret",
        "approval.auto-approve=false", "jobs.poll-period-ms=100", "retry.max-redeliveries=0"})
class EditingApiTest {
    private static final int PORT = Network.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATE = "2026-11-17";

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final ApiClient api = new ApiClient(PORT, "test-secret");

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    @BeforeEach
    void anIssueAwaitingApproval() throws Exception {
        for (String t : List.of("slot_versions", "deliveries", "jobs", "decorations", "images", "slot_selections",
                "prefilter_log", "social_posts", "issues")) {
            jdbc().update("DELETE FROM " + t);
        }
        Path outbox = Path.of("target/test-data/editing-api/outbox", DATE);
        if (Files.exists(outbox)) {
            try (var files = Files.walk(outbox)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertThat(api.post("/jobs/pipeline", "{\"date\": \"" + DATE + "\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                json(api.get("/jobs?step=social_sync&status=completed")).path("total").asInt() == 1);
        assertThat(json(api.get("/issues/" + DATE)).path("status").asText()).isEqualTo("awaiting_approval");
    }

    private JsonNode slot(int n) throws Exception {
        return json(api.get("/issues/" + DATE + "/slots")).path("slots").get(n - 1);
    }

    private String html() throws Exception {
        return json(api.get("/issues/" + DATE)).path("html").asText();
    }

    @Test
    void should_show_each_slot_with_its_score_and_why_it_was_chosen() throws Exception {
        JsonNode reply = json(api.get("/issues/" + DATE + "/slots"));
        assertThat(reply.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(reply.path("slots")).hasSize(5);
        JsonNode lead = reply.path("slots").get(0);
        assertThat(lead.path("slot").asInt()).isEqualTo(1);
        assertThat(lead.path("why_chosen").asText()).startsWith("slot 1 with score ").contains("passed prefilter");
        assertThat(lead.path("rationale").asText()).isNotBlank();
        assertThat(lead.path("score").asDouble()).isPositive();
        assertThat(lead.path("bullets")).hasSize(3);
        assertThat(lead.path("status").asText()).isEqualTo("decorated");
        assertThat(api.get("/issues/" + DATE + "/slots/1/candidates").statusCode()).isEqualTo(200);
        assertThat(new ApiClient(PORT, null).get("/issues/" + DATE + "/slots").statusCode()).isEqualTo(401);
        assertThat(api.get("/issues/2001-01-01/slots").statusCode()).isEqualTo(404);
        assertThat(api.get("/issues/" + DATE + "/slots/9/candidates").statusCode()).isEqualTo(404);
    }

    @Test
    void should_refuse_an_edit_naming_the_field_that_is_wrong() throws Exception {
        String path = "/issues/" + DATE + "/slots/1";
        String before = slot(1).path("headline").asText();
        record Case(String body, String message) {
        }
        for (Case c : List.of(
                new Case("{\"bullets\": [\"a\", \"b\", \"c\"]}", "'headline' must be a non-empty text"),
                new Case("{\"headline\": \"  \", \"bullets\": [\"a\", \"b\", \"c\"]}", "'headline' must be a non-empty text"),
                new Case("{\"headline\": \"" + "x".repeat(81) + "\", \"bullets\": [\"a\", \"b\", \"c\"]}", "'headline' is 81 characters, over the limit of 80"),
                new Case("{\"headline\": \"H\", \"bullets\": [\"a\", \"b\"]}", "'bullets' must be a list of exactly 3 texts"),
                new Case("{\"headline\": \"H\", \"bullets\": \"a\"}", "'bullets' must be a list of exactly 3 texts"),
                new Case("{\"headline\": \"H\", \"bullets\": [\"a\", 7, \"c\"]}", "'bullets[1]' must be a non-empty text"),
                new Case("{\"headline\": \"H\", \"bullets\": [\"a\", \"b\", \"" + "y".repeat(401) + "\"]}", "'bullets[2]' is 401 characters"),
                new Case("{\"headline\": \"H\", \"bullets\": [\"a\", \"b\", \"c\"], \"by\": 5}", "'by' must be a text"))) {
            HttpResponse<String> r = api.put(path, c.body());
            assertThat(r.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(json(r).path("error").asText()).as(c.body()).startsWith(c.message());
        }
        assertThat(api.put(path, "{\"headline\": ").statusCode()).isEqualTo(400);
        assertThat(api.put("/issues/" + DATE + "/slots/abc", "{}").statusCode()).isEqualTo(400);
        assertThat(api.put("/issues/" + DATE + "/slots/9", "{\"headline\": \"H\", \"bullets\": [\"a\", \"b\", \"c\"]}").statusCode()).isEqualTo(404);
        assertThat(slot(1).path("headline").asText()).isEqualTo(before);
        assertThat(json(api.get("/issues/" + DATE + "/history")).path("versions")).isEmpty();
    }

    @Test
    void should_store_an_edit_as_a_new_version_and_compile_exactly_it_then_send_it() throws Exception {
        String original = slot(1).path("headline").asText();
        HttpResponse<String> edited = api.put("/issues/" + DATE + "/slots/1", "{\"headline\": \"Editors <b>rewrote</b> the lead\", "
                + "\"bullets\": [\"First, with a **bold** fact.\", \"Second point.\", \"Third point.\"], \"by\": \"Ann\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).path("headline").asText()).isEqualTo("Editors <b>rewrote</b> the lead");
        assertThat(json(edited).path("provider").asText()).isEqualTo("editor");

        assertThat(html()).contains("Editors &lt;b&gt;rewrote&lt;/b&gt; the lead").contains("<strong>bold</strong>")
                .doesNotContain(">" + original + "<");
        JsonNode versions = json(api.get("/issues/" + DATE + "/history")).path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(versions.get(0).path("change").asText()).isEqualTo("edit");
        assertThat(versions.get(0).path("actor").asText()).isEqualTo("Ann");
        assertThat(versions.get(0).path("at").asText()).isNotBlank();
        assertThat(versions.get(1).path("version").asInt()).isEqualTo(1);
        assertThat(versions.get(1).path("change").asText()).isEqualTo("pipeline");
        assertThat(versions.get(1).path("headline").asText()).isEqualTo(original);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM audit_log WHERE actor = 'Ann' AND action = 'slot.edit'", Integer.class)).isEqualTo(1);

        HttpResponse<String> send = api.post("/issues/" + DATE + "/send", "{\"by\": \"Ann\"}");
        assertThat(send.statusCode()).as(send.body()).isEqualTo(200);
        assertThat(json(send).path("send").asText()).isEqualTo("now");
        assertThat(json(send).path("approved_by").asText()).isEqualTo("Ann");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/issues/" + DATE)).path("status").asText().equals("sent"));
        Path eml = Path.of("target/test-data/editing-api/outbox", DATE, "newsletter.eml");
        assertThat(Eml.text(eml)).contains("Editors <b>rewrote</b> the lead").contains("First, with a bold fact.");

        // sent: it stays as it went out
        for (HttpResponse<String> r : List.of(
                api.put("/issues/" + DATE + "/slots/1", "{\"headline\": \"Too late\", \"bullets\": [\"a\", \"b\", \"c\"]}"),
                api.post("/issues/" + DATE + "/slots/2/regenerate", "{}"),
                api.post("/issues/" + DATE + "/slots/2/move", "{\"direction\": \"up\"}"),
                api.post("/issues/" + DATE + "/slots/2/replace", "{\"article_id\": 1}"),
                api.post("/issues/" + DATE + "/send", "{}"))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        }
        assertThat(json(api.put("/issues/" + DATE + "/slots/1", "{\"headline\": \"Too late\", \"bullets\": [\"a\", \"b\", \"c\"]}"))
                .path("error").asText()).isEqualTo("Issue " + DATE + " was already sent: it can no longer be changed");
        assertThat(html()).contains("Editors &lt;b&gt;rewrote&lt;/b&gt; the lead").doesNotContain("Too late");
    }

    @Test
    void should_replace_a_story_with_a_candidate_and_decorate_it() throws Exception {
        JsonNode candidates = json(api.get("/issues/" + DATE + "/slots/2/candidates")).path("candidates");
        assertThat(candidates).isNotEmpty();
        JsonNode best = candidates.get(0);
        assertThat(best.path("why_not_chosen").asText()).isNotBlank();
        assertThat(best.path("score").asDouble()).isPositive();
        List<Double> scores = new ArrayList<>();
        candidates.forEach(c -> scores.add(c.path("score").asDouble()));
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        long old = slot(2).path("article_id").asLong();

        HttpResponse<String> r = api.post("/issues/" + DATE + "/slots/2/replace",
                "{\"article_id\": " + best.path("article_id").asLong() + ", \"by\": \"Ann\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode now = json(r);
        assertThat(now.path("article_id").asLong()).isEqualTo(best.path("article_id").asLong());
        assertThat(now.path("status").asText()).isEqualTo("decorated");
        assertThat(now.path("why_chosen").asText()).contains("chosen by Ann on the desk");
        assertThat(now.path("has_image").asBoolean()).isTrue();
        assertThat(html()).contains(Html(now.path("headline").asText()));
        JsonNode after = json(api.get("/issues/" + DATE + "/slots/2/candidates")).path("candidates");
        List<Long> ids = new ArrayList<>();
        after.forEach(c -> ids.add(c.path("article_id").asLong()));
        assertThat(ids).doesNotContain(best.path("article_id").asLong());
        assertThat(json(api.get("/issues/" + DATE + "/history")).path("versions").get(0).path("change").asText()).isEqualTo("replace");

        // a story already in a slot, or one that never passed prefilter, is no candidate
        long inSlot1 = slot(1).path("article_id").asLong();
        assertThat(api.post("/issues/" + DATE + "/slots/2/replace", "{\"article_id\": " + inSlot1 + "}").statusCode()).isEqualTo(400);
        assertThat(json(api.post("/issues/" + DATE + "/slots/2/replace", "{\"article_id\": \"x\"}")).path("error").asText())
                .startsWith("'article_id' must be");
        assertThat(old).isNotEqualTo(now.path("article_id").asLong());
    }

    @Test
    void should_regenerate_a_slot_over_an_edit_and_move_slots() throws Exception {
        String made = slot(3).path("headline").asText();
        assertThat(api.put("/issues/" + DATE + "/slots/3", "{\"headline\": \"Hand-written\", \"bullets\": [\"a\", \"b\", \"c\"]}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> again = api.post("/issues/" + DATE + "/slots/3/regenerate", "{\"by\": \"Bo\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        // the offline decorator is deterministic: decorated again, the slot has the model's headline back
        assertThat(json(again).path("headline").asText()).isEqualTo(made);
        assertThat(json(again).path("provider").asText()).isEqualTo("offline");
        assertThat(html()).doesNotContain("Hand-written");

        long first = slot(1).path("article_id").asLong();
        long second = slot(2).path("article_id").asLong();
        HttpResponse<String> moved = api.post("/issues/" + DATE + "/slots/1/move", "{\"direction\": \"down\", \"by\": \"Bo\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).path("slot").asInt()).isEqualTo(2);
        assertThat(slot(1).path("article_id").asLong()).isEqualTo(second);
        assertThat(slot(2).path("article_id").asLong()).isEqualTo(first);
        String html = html();
        assertThat(html.indexOf(Html(slot(1).path("headline").asText()))).isLessThan(html.indexOf(Html(slot(2).path("headline").asText())));
        assertThat(api.post("/issues/" + DATE + "/slots/1/move", "{\"direction\": \"up\"}").statusCode()).isEqualTo(409);
        assertThat(api.post("/issues/" + DATE + "/slots/5/move", "{\"direction\": \"down\"}").statusCode()).isEqualTo(409);
        assertThat(json(api.post("/issues/" + DATE + "/slots/2/move", "{\"direction\": \"sideways\"}")).path("error").asText())
                .isEqualTo("'direction' must be \"up\" or \"down\"");
        JsonNode versions = json(api.get("/issues/" + DATE + "/history")).path("versions");
        assertThat(versions.get(0).path("change").asText()).isEqualTo("move");
        assertThat(versions.get(0).path("actor").asText()).isEqualTo("Bo");
    }

    private static String Html(String text) {
        return aieditor.html_compile.Html.escape(text);
    }
}
