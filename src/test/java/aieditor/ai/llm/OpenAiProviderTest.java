package aieditor.ai.llm;

import aieditor.ai.ArticleScore;
import aieditor.ai.Keyword;
import aieditor.ai.ScoringCriteria;
import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.model.Decoration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenAI-compatible chat completions (OpenAI, Ollama, vLLM) through routes/llm.camel.yaml. */
class OpenAiProviderTest {
    static final ScoringCriteria CRITERIA = new ScoringCriteria(Instant.parse("2026-11-20T12:00:00Z"),
            Keyword.plain("chips", "inference"), Map.of(), 0.7, 24);

    private LlmHarness harness;
    private LlmScorer scorer;

    @BeforeEach
    void start() throws Exception {
        harness = new LlmHarness();
        scorer = new LlmScorer(harness.client(new OpenAiVendor(), 3), harness.prompts(), new TaskModel("llama3.1", 512, 8000));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void should_send_bearer_key_system_message_and_json_mode() {
        harness.server.then(Response.ok(Answers.openai("{\"score\": 82, \"rationale\": \"Fresh chip news.\"}", "stop")));

        ArticleScore score = scorer.score(AnthropicProviderTest.ARTICLE, CRITERIA);

        assertThat(score.total()).isEqualTo(82);
        assertThat(score.rationale()).isEqualTo("Fresh chip news.");
        assertThat(score.recency()).isBetween(0.0, 1.0);
        Request sent = harness.server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer test-key");
        assertThat(sent.json().path("model").asText()).isEqualTo("llama3.1");
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(512);
        assertThat(sent.json().path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(sent.json().path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.json().path("messages").path(0).path("content").asText()).contains("chips, inference");
        assertThat(sent.json().path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(sent.json().path("messages").path(1).path("content").asText()).contains("Orchard Compute ships its first inference chip");
    }

    @Test
    void should_reject_a_score_out_of_range_and_ask_once_more() {
        harness.server.then(Response.ok(Answers.openai("{\"score\": 140, \"rationale\": \"Huge.\"}", "stop")),
                Response.ok(Answers.openai("{\"score\": 64, \"rationale\": \"Solid.\"}", "stop")));

        assertThat(scorer.score(AnthropicProviderTest.ARTICLE, CRITERIA).total()).isEqualTo(64);
        assertThat(harness.usageStatuses()).containsExactly("malformed", "ok");
    }

    @Test
    void should_treat_finish_reason_length_as_truncated() {
        harness.server.then(Response.ok(Answers.openai("{\"score\": 6", "length")),
                Response.ok(Answers.openai("{\"score\": 61, \"rationale\": \"Fine.\"}", "stop")));

        assertThat(scorer.score(AnthropicProviderTest.ARTICLE, CRITERIA).total()).isEqualTo(61);
        assertThat(harness.usageStatuses()).containsExactly("truncated", "ok");
    }

    @Test
    void should_retry_a_server_error_and_fail_at_once_on_an_unknown_model() {
        harness.server.then(Response.json(500, Answers.openaiError("server_error", "The server had an error.")),
                Response.ok(Answers.openai("{\"score\": 50, \"rationale\": \"Average.\"}", "stop")),
                Response.json(404, Answers.openaiError("invalid_request_error", "model 'llama9' not found")));

        assertThat(scorer.score(AnthropicProviderTest.ARTICLE, CRITERIA).total()).isEqualTo(50);
        assertThatThrownBy(() -> scorer.score(AnthropicProviderTest.ARTICLE, CRITERIA)).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 404: invalid_request_error: model 'llama9' not found");
        assertThat(harness.server.requests()).hasSize(3);
    }

    @Test
    void should_write_a_social_post_with_the_link_within_the_limit() {
        LlmSocialWriter writer = new LlmSocialWriter(harness.client(new OpenAiVendor(), 3), harness.prompts(),
                new TaskModel("llama3.1", 512, 8000));
        String link = "https://news.example/orchard";
        harness.server.then(Response.ok(Answers.openai("{\"post\": \"" + "Too long ".repeat(40) + link + "\"}", "stop")),
                Response.ok(Answers.openai("{\"post\": \"Orchard ships its first chip. #AI " + link + "\"}", "stop")));

        String post = writer.post(new Decoration("Orchard ships", List.of("a", "b", "c")), link, 280);

        assertThat(post).endsWith(link).hasSizeLessThanOrEqualTo(280);
        assertThat(harness.server.requests().get(0).json().path("messages").path(0).path("content").asText())
                .contains("at most 280 characters");
    }

    @Test
    void should_write_a_social_post_without_a_link_when_the_story_has_none_to_publish() {
        LlmSocialWriter writer = new LlmSocialWriter(harness.client(new OpenAiVendor(), 3), harness.prompts(),
                new TaskModel("llama3.1", 512, 8000));
        harness.server.then(Response.ok(Answers.openai("{\"post\": \"Orchard ships its first chip. #AI\"}", "stop")));

        String post = writer.post(new Decoration("Orchard ships", List.of("a", "b", "c")), null, 280);

        assertThat(post).isEqualTo("Orchard ships its first chip. #AI");
        assertThat(harness.server.requests()).hasSize(1);
        assertThat(harness.server.requests().get(0).json().path("messages").path(1).path("content").asText())
                .contains("Link: none").doesNotContain("null");
    }
}
