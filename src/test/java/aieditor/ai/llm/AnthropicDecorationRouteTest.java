package aieditor.ai.llm;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.ModelCall;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application with decoration, bolding and social on Anthropic, against a fake Anthropic that edits
 * like a model would: the providers, routes/llm.camel.yaml and the step's degradation working together.
 */
class AnthropicDecorationRouteTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 17);
    private static final FakeServer ANTHROPIC = start();

    private static volatile boolean boldingMalformed;
    private static volatile String refusedTitle;

    private static FakeServer start() {
        FakeServer server = FakeServer.start(AnthropicDecorationRouteTest::edit);
        // read by the application's properties before the Camel context starts
        System.setProperty("ai.anthropic.api-key", "test-key");
        System.setProperty("ai.anthropic.base-url", server.url());
        System.setProperty("ai.anthropic.requests-per-second", "50");
        System.setProperty("ai.cleaning.provider", "offline");
        System.setProperty("ai.scoring.provider", "offline");
        System.setProperty("ai.http.initial-backoff-ms", "10");
        return server;
    }

    /** Answers each task as its system prompt asks; malformed where the test says so. */
    private static Response edit(Request request) {
        ModelCall call = ModelCall.of(request);
        String system = call.system();
        String user = call.user();
        if (call.decoration()) {
            return call.title().equals(refusedTitle) ? Response.ok(Answers.anthropic("Sorry, I cannot summarise this.", "end_turn"))
                    : ModelCall.decorated("Briefly: " + call.title(60),
                    "The first point of the story.", "A second point with 40 figures.", "The third point.");
        }
        String answer;
        if (system.contains("Markdown bold")) {
            answer = boldingMalformed ? "{\"bullets\": [\"**The first point**\"" : user.replace("The first", "**The first**")
                    .replace("40 figures", "**40 figures**").replace("The third", "**The third**");
        } else {
            answer = Answers.json(Map.of("post", "New today. " + call.field("Link")));
        }
        return Response.ok(Answers.anthropic(answer, "end_turn"));
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
    }

    @BeforeEach
    void editNormally() {
        boldingMalformed = false;
        refusedTitle = null;
        ANTHROPIC.reset();
        jdbc().update("DELETE FROM llm_usage");
    }

    @Test
    void should_record_the_configured_model_and_prompt_version_for_each_decorated_slot() throws Exception {
        runPipeline(DATE);

        List<Map<String, Object>> decorations = rows("SELECT * FROM decorations WHERE issue_date = ?", DATE);
        assertThat(decorations).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("decorated");
            assertThat(d.get("provider")).isEqualTo("anthropic");
            assertThat(d.get("model")).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(d.get("prompt_version")).isEqualTo(1);
            assertThat((String) d.get("headline")).startsWith("Briefly: ");
            assertThat((String) d.get("bullets")).contains("**40 figures**");
            assertThat(d.get("bold_fallback")).isEqualTo(false);
        });
        assertThat(rows("SELECT post_text FROM social_posts")).hasSize(5)
                .allSatisfy(p -> assertThat((String) p.get("post_text")).startsWith("New today. http"));
        assertThat(ANTHROPIC.requests()).hasSize(15).allSatisfy(r -> {
            assertThat(r.header("x-api-key")).isEqualTo("test-key");
            assertThat(r.json().path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        });
        assertThat(count("SELECT COUNT(*) FROM llm_usage WHERE status = 'ok' AND input_tokens = 120")).isEqualTo(15);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get("llm.requests").tags("provider", "anthropic", "status", "ok").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(15);
        assertThat(meters.get("llm.requests").tags("task", "decoration", "model", "claude-sonnet-4-5-20250929", "status", "ok")
                .counter().count()).isEqualTo(5);
    }

    @Test
    void should_send_unbolded_bullets_when_bolding_answers_malformed_twice() throws Exception {
        boldingMalformed = true;

        runPipeline(DATE);

        assertThat(rows("SELECT * FROM decorations WHERE issue_date = ?", DATE)).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("decorated");
            assertThat(d.get("bold_fallback")).isEqualTo(true);
            assertThat((String) d.get("bullets")).doesNotContain("**");
        });
        assertThat(count("SELECT COUNT(*) FROM llm_usage WHERE task = 'bolding' AND status = 'malformed'")).isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void should_fail_and_dead_letter_only_the_slot_whose_decoration_answers_malformed_twice() {
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection")) {
            assertThat(runStep(step, DATE).get("status")).isEqualTo("completed");
        }
        refusedTitle = jdbc().queryForObject("SELECT a.title FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                + "WHERE s.issue_date = ? AND s.slot = 2", String.class, DATE);

        Map<String, Object> job = runStep("decoration", DATE);

        assertThat(job.get("status")).isEqualTo("completed");
        List<Map<String, Object>> decorations = rows("SELECT slot, status, error FROM decorations WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(decorations).extracting(d -> d.get("status"))
                .containsExactly("decorated", "failed", "decorated", "decorated", "decorated");
        assertThat((String) decorations.get(1).get("error")).contains("no usable decoration answer in two tries");
        assertThat(rows("SELECT slot, error_type FROM dead_letters")).singleElement().satisfies(dl -> {
            assertThat(dl.get("slot")).isEqualTo(2);
            assertThat(dl.get("error_type")).isEqualTo(LlmException.class.getName());
        });
        // two tries per attempt: the first attempt and the step's two redeliveries
        assertThat(count("SELECT COUNT(*) FROM llm_usage WHERE task = 'decoration' AND status = 'malformed'")).isEqualTo(6);
    }
}
