package aieditor.ai.llm;

import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gemini generateContent through routes/llm.camel.yaml, as the cleaning provider uses it. */
class GeminiProviderTest {
    static final String MODEL = "gemini-3-flash-preview";
    static final String RAW = "<nav>Home</nav><p>Orchard Compute shipped 1,200 chips.</p><footer>Subscribe</footer>";

    private LlmHarness harness;
    private LlmCleaner cleaner;

    @BeforeEach
    void start() throws Exception {
        harness = new LlmHarness();
        cleaner = new LlmCleaner(harness.client(new GeminiVendor(), 3), harness.prompts(), new TaskModel(MODEL, 8192, 40));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void should_send_key_system_instruction_and_json_mode_and_skip_thoughts() {
        harness.server.then(Response.ok(Answers.gemini("{\"text\": \"Orchard Compute shipped 1,200 chips.\"}", "STOP")));

        assertThat(cleaner.clean(RAW)).isEqualTo("Orchard Compute shipped 1,200 chips.");

        Request sent = harness.server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-3-flash-preview:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("test-key");
        assertThat(sent.json().path("systemInstruction").path("parts").path(0).path("text").asText())
                .contains("Return the article text only").contains("{\"text\": \"...\"}");
        assertThat(sent.json().path("contents").path(0).path("role").asText()).isEqualTo("user");
        // the input is cut to the configured budget (40 characters here)
        assertThat(sent.json().path("contents").path(0).path("parts").path(0).path("text").asText()).isEqualTo(RAW.substring(0, 40));
        assertThat(sent.json().path("generationConfig").path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(sent.json().path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(8192);
        assertThat(harness.store.jdbc().getJdbcTemplate().queryForObject("SELECT output_tokens FROM llm_usage", Long.class))
                .isEqualTo(80L);
    }

    @Test
    void should_fail_without_retrying_when_the_prompt_is_blocked() {
        harness.server.answerWith(r -> Response.ok(Answers.geminiBlocked("SAFETY")));

        assertThatThrownBy(() -> cleaner.clean(RAW)).isInstanceOf(LlmException.class)
                .hasMessageContaining("gemini declined the cleaning request: prompt blocked: SAFETY");
        assertThat(harness.server.requests()).hasSize(1);
        assertThat(harness.usageStatuses()).containsExactly("refused");
    }

    @Test
    void should_retry_when_unavailable() {
        harness.server.then(Response.json(503, Answers.geminiError(503, "UNAVAILABLE", "The model is overloaded.")),
                Response.json(504, Answers.geminiError(504, "DEADLINE_EXCEEDED", "Deadline exceeded.")),
                Response.ok(Answers.gemini("{\"text\": \"Clean.\"}", "STOP")));

        assertThat(cleaner.clean(RAW)).isEqualTo("Clean.");
        assertThat(harness.usageStatuses()).containsExactly("http_503", "http_504", "ok");
    }

    @Test
    void should_treat_max_tokens_as_truncated_and_give_up_after_the_second() {
        harness.server.answerWith(r -> Response.ok(Answers.gemini("{\"text\": \"Orchard Compute shi", "MAX_TOKENS")));

        assertThatThrownBy(() -> cleaner.clean(RAW)).isInstanceOf(LlmException.class).hasMessageContaining("cut off");
        assertThat(harness.server.requests()).hasSize(2);
    }

    @Test
    void should_fail_at_once_on_a_bad_request_with_the_vendors_message() {
        harness.server.then(Response.json(400, Answers.geminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")));

        assertThatThrownBy(() -> cleaner.clean(RAW)).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 400: INVALID_ARGUMENT: API key not valid");
        assertThat(harness.server.requests()).hasSize(1);
    }
}
