package aieditor.ai.llm;

import aieditor.fixtures.Answers;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.model.Article;
import aieditor.model.Decoration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Anthropic Messages API through routes/llm.camel.yaml: what we send, and every way an answer can go wrong. */
class AnthropicProviderTest {
    static final String MODEL = "claude-sonnet-4-5-20250929";
    static final Article ARTICLE = new Article(7L, "northwind", "Orchard Compute ships its first inference chip",
            "https://news.example/orchard", "https://news.example/orchard", null, Instant.parse("2026-11-20T08:00:00Z"),
            "A new chip.", "<p>Orchard Compute shipped 1,200 chips to three cloud providers.</p>");
    static final String GOOD = "{\"headline\": \"Orchard Compute ships its first chip\", "
            + "\"bullets\": [\"It shipped 1,200 chips.\", \"Three clouds buy it.\", \"Volume starts in May.\"]}";

    private LlmHarness harness;
    private LlmDecorator decorator;

    @BeforeEach
    void start() throws Exception {
        harness = new LlmHarness();
        decorator = new LlmDecorator(harness.client(new AnthropicVendor(), 4), harness.prompts(), new TaskModel(MODEL, 1024, 8000));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private Decoration decorate() {
        return decorator.decorate(ARTICLE, "Orchard Compute shipped 1,200 chips to three cloud providers.", 80);
    }

    @Test
    void should_send_key_version_and_system_prompt_apart_from_messages() {
        harness.server.then(Response.ok(Answers.anthropic(GOOD, "end_turn")));

        Decoration d = decorate();

        assertThat(d.headline()).isEqualTo("Orchard Compute ships its first chip");
        assertThat(d.bullets()).hasSize(3);
        Request sent = harness.server.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("test-key");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("content-type")).startsWith("application/json");
        assertThat(sent.headers()).doesNotContainKeys("llmmodel", "authorization");
        assertThat(sent.json().path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(sent.json().path("system").asText()).contains("at most 80 characters").doesNotContain("{headline_max}");
        assertThat(sent.json().path("messages")).hasSize(1);
        assertThat(sent.json().path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.json().path("messages").path(0).path("content").asText()).contains("Orchard Compute shipped 1,200 chips");
        assertThat(decorator.name()).isEqualTo("anthropic");
        assertThat(decorator.model()).isEqualTo(MODEL);
    }

    @Test
    void should_record_tokens_and_meters_for_each_call() {
        harness.server.then(Response.ok(Answers.anthropic(GOOD, "end_turn")));

        decorate();

        Map<String, Object> row = harness.store.jdbc().getJdbcTemplate().queryForMap("SELECT * FROM llm_usage");
        assertThat(row).containsEntry("provider", "anthropic").containsEntry("model", MODEL)
                .containsEntry("task", "decoration").containsEntry("status", "ok")
                .containsEntry("input_tokens", 120L).containsEntry("output_tokens", 40L);
        assertThat(harness.meters.get("llm.requests").tags("provider", "anthropic", "status", "ok").counter().count()).isEqualTo(1);
        assertThat(harness.meters.get("llm.tokens").tags("provider", "anthropic", "direction", "output").counter().count()).isEqualTo(40);
        assertThat(harness.meters.get("llm.request").tags("provider", "anthropic").timer().count()).isEqualTo(1);
    }

    @Test
    void should_wait_what_retry_after_says_on_429_and_try_again() {
        harness.server.then(Response.json(429, Answers.anthropicError("rate_limit_error", "Number of requests has exceeded your rate limit"),
                Map.of("retry-after", "7")), Response.ok(Answers.anthropic(GOOD, "end_turn")));

        assertThat(decorate().bullets()).hasSize(3);

        assertThat(harness.server.requests()).hasSize(2);
        assertThat(harness.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(harness.usageStatuses()).containsExactly("http_429", "ok");
    }

    @Test
    void should_back_off_exponentially_with_jitter_when_overloaded() {
        String overloaded = Answers.anthropicError("overloaded_error", "Overloaded");
        harness.server.then(Response.json(529, overloaded), Response.json(529, overloaded),
                Response.ok(Answers.anthropic(GOOD, "end_turn")));

        decorate();

        assertThat(harness.server.requests()).hasSize(3);
        assertThat(harness.waits).hasSize(2);
        assertThat(harness.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(harness.waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    @Test
    void should_give_up_after_the_configured_attempts() {
        harness.server.answerWith(r -> Response.json(529, Answers.anthropicError("overloaded_error", "Overloaded")));

        assertThatThrownBy(this::decorate).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 529: overloaded_error: Overloaded").hasMessageContaining("after 4 attempts");
        assertThat(harness.server.requests()).hasSize(4);
    }

    @Test
    void should_fail_at_once_with_the_vendors_message_on_401() {
        harness.server.then(Response.json(401, Answers.anthropicError("authentication_error", "invalid x-api-key")));

        assertThatThrownBy(this::decorate).isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 401: authentication_error: invalid x-api-key")
                .hasMessageNotContaining("test-key");
        assertThat(harness.server.requests()).hasSize(1);
        assertThat(harness.waits).isEmpty();
    }

    @Test
    void should_not_wait_longer_than_max_backoff_when_retry_after_asks_for_more() {
        harness.server.then(Response.json(429, Answers.anthropicError("rate_limit_error", "slow down"), Map.of("retry-after", "600")));

        assertThatThrownBy(this::decorate).isInstanceOf(LlmException.class).hasMessageContaining("asks to wait 600 s");
        assertThat(harness.waits).isEmpty();
    }

    @Test
    void should_ask_once_more_for_a_malformed_answer_then_give_up() {
        harness.server.answerWith(r -> Response.ok(Answers.anthropic("Here is the headline: Orchard ships", "end_turn")));

        assertThatThrownBy(this::decorate).isInstanceOf(LlmException.class)
                .hasMessageContaining("no usable decoration answer in two tries").hasMessageContaining("no JSON object");
        assertThat(harness.server.requests()).hasSize(2);
        assertThat(harness.usageStatuses()).containsExactly("malformed", "malformed");
    }

    @Test
    void should_use_the_second_answer_when_only_the_first_is_malformed() {
        harness.server.then(Response.ok(Answers.anthropic("{\"headline\": \"x\", \"bullets\": [\"only one\"]}", "end_turn")),
                Response.ok(Answers.anthropic("```json\n" + GOOD + "\n```", "end_turn")));

        assertThat(decorate().headline()).isEqualTo("Orchard Compute ships its first chip");
        assertThat(harness.usageStatuses()).containsExactly("malformed", "ok");
    }

    @Test
    void should_treat_a_max_tokens_stop_as_truncated_and_ask_once_more() {
        harness.server.answerWith(r -> Response.ok(Answers.anthropic("{\"headline\": \"Orchard Compute ships", "max_tokens")));

        assertThatThrownBy(this::decorate).isInstanceOf(LlmException.class).hasMessageContaining("cut off at 1024 tokens");
        assertThat(harness.usageStatuses()).containsExactly("truncated", "truncated");
    }

    @Test
    void should_reject_a_headline_over_the_limit() {
        String longHeadline = "{\"headline\": \"" + "x".repeat(81) + "\", \"bullets\": [\"a\", \"b\", \"c\"]}";
        harness.server.then(Response.ok(Answers.anthropic(longHeadline, "end_turn")), Response.ok(Answers.anthropic(GOOD, "end_turn")));

        assertThat(decorate().headline()).hasSizeLessThanOrEqualTo(80);
        assertThat(harness.server.requests()).hasSize(2);
    }

    @Test
    void should_reject_bolding_that_rewords_a_bullet() {
        LlmBolder bolder = new LlmBolder(harness.client(new AnthropicVendor(), 4), harness.prompts(), new TaskModel(MODEL, 1024, 8000));
        List<String> bullets = List.of("It shipped 1,200 chips.", "Three clouds buy it.");
        harness.server.then(Response.ok(Answers.anthropic("{\"bullets\": [\"It shipped **1,200 chips**.\", \"Three **big** clouds buy it.\"]}", "end_turn")),
                Response.ok(Answers.anthropic("{\"bullets\": [\"It shipped **1,200 chips**.\", \"**Three clouds** buy it.\"]}", "end_turn")));

        assertThat(bolder.bold(bullets)).containsExactly("It shipped **1,200 chips**.", "**Three clouds** buy it.");
        assertThat(harness.server.requests().get(0).json().path("messages").path(0).path("content").asText())
                .isEqualTo("{\"bullets\":[\"It shipped 1,200 chips.\",\"Three clouds buy it.\"]}");
    }

    @Test
    void should_repair_bold_spans_that_start_or_end_mid_phrase_without_asking_again() {
        LlmBolder bolder = new LlmBolder(harness.client(new AnthropicVendor(), 4), harness.prompts(), new TaskModel(MODEL, 1024, 8000));
        List<String> bullets = List.of("CISA added 30 actively exploited flaws to its catalogue.",
                "Researchers found at least four malicious packages on npm.",
                "The flaw affects Java 6 among other releases.", "It shipped in the spring.");
        harness.server.then(Response.ok(Answers.anthropic("{\"bullets\": [\"CISA added **30 actively** exploited flaws to its catalogue.\", "
                + "\"Researchers found at **least four malicious** packages on npm.\", "
                + "\"The flaw affects Java **6 among** other releases.\", \"It shipped **in the** spring.\"]}", "end_turn")));

        assertThat(bolder.bold(bullets)).containsExactly("CISA added **30 actively exploited flaws** to its catalogue.",
                "Researchers found at least **four malicious packages** on npm.",
                "The flaw affects **Java 6** among other releases.", "It shipped in the spring.");
        assertThat(harness.server.requests()).hasSize(1);
    }
}
