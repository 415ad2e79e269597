package aieditor.ai.llm;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.Answers;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.ModelCall;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one issue cost: the whole pipeline on a fake Anthropic (decoration, bolding, social) and a fake Gemini
 * (cleaning), one decoration call refused with a 529 and retried, then GET /issues/{date}/usage. Its figures are
 * llm_usage's rows added up, and every cost is the tokens times the default models' list prices in
 * application.properties.
 */
class IssueUsageTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 19);
    private static final int PORT = Network.freePort();
    private static final FakeServer VENDOR = start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.concurrent.atomic.AtomicBoolean overloadOnce = new java.util.concurrent.atomic.AtomicBoolean();
    private static final String CLAUDE = "claude-sonnet-4-5-20250929";
    private static final String GEMINI = "gemini-3-flash-preview";
    /** USD per million input and output tokens, as application.properties has them. */
    private static final Map<String, BigDecimal[]> PRICES = Map.of(
            CLAUDE, new BigDecimal[]{new BigDecimal("3"), new BigDecimal("15")},
            GEMINI, new BigDecimal[]{new BigDecimal("0.50"), new BigDecimal("3.00")});

    private static FakeServer start() {
        FakeServer server = FakeServer.start(IssueUsageTest::answer);
        // read by the application's properties before the Camel context starts
        System.setProperty("camel.server.port", String.valueOf(PORT));
        for (String vendor : List.of("anthropic", "gemini")) {
            System.setProperty("ai." + vendor + ".api-key", "test-key");
            System.setProperty("ai." + vendor + ".base-url", server.url());
            System.setProperty("ai." + vendor + ".requests-per-second", "50");
        }
        System.setProperty("ai.cleaning.provider", "gemini");
        System.setProperty("ai.scoring.provider", "offline");
        System.setProperty("ai.http.initial-backoff-ms", "10");
        return server;
    }

    /** Gemini cleans (200 input, 50 + 30 thinking output tokens); Anthropic writes (120 input, 40 output). */
    private static Response answer(Request request) {
        if (request.path().endsWith(":generateContent")) {
            return Response.ok(Answers.gemini(Answers.json(Map.of("text", "The article, cleaned. It has a point.")), "STOP"));
        }
        ModelCall call = ModelCall.of(request);
        String system = call.system();
        String user = call.user();
        String answer;
        if (system.contains("three bullets") && overloadOnce.compareAndSet(true, false)) {
            return Response.json(529, Answers.anthropicError("overloaded_error", "Overloaded"));
        }
        if (system.contains("three bullets")) {
            answer = Answers.json(Map.of("headline", "A headline", "bullets", List.of("One.", "Two.", "Three.")));
        } else if (system.contains("Markdown bold")) {
            answer = user.replace("One.", "**One.**");
        } else {
            String link = user.replaceAll("(?s).*Link: (\\S+).*", "$1");
            answer = Answers.json(Map.of("post", "New today. " + link));
        }
        return Response.ok(Answers.anthropic(answer, "end_turn"));
    }

    @AfterAll
    static void stop() {
        VENDOR.close();
    }

    @BeforeEach
    void noUsageYet() {
        VENDOR.reset();
        jdbc().update("DELETE FROM llm_usage");
    }

    @Test
    void should_add_up_what_each_call_of_an_issue_cost() throws Exception {
        // the first decoration call meets an overloaded Anthropic and is tried again: it is a call too
        overloadOnce.set(true);

        runPipeline(DATE);

        HttpResponse<String> reply = get("/issues/" + DATE + "/usage");
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode usage = JSON.readTree(reply.body());
        System.out.println("USAGE of issue " + DATE + " on the fake vendors: " + reply.body());
        assertThat(usage.path("calls").asLong()).isEqualTo(VENDOR.requests().size()).isEqualTo(21);
        assertThat(usage.path("calls").asLong()).isEqualTo(count("SELECT COUNT(*) FROM llm_usage"));
        assertThat(count("SELECT COUNT(*) FROM llm_usage WHERE issue_date = ? AND job_id IS NOT NULL", DATE)).isEqualTo(21);
        assertThat(count("SELECT COUNT(*) FROM llm_usage WHERE status = 'http_529'")).isEqualTo(1);

        JsonNode byTask = usage.path("by_task");
        assertThat(byTask).extracting(g -> g.path("task").asText() + "/" + g.path("model").asText() + "/" + g.path("calls").asLong())
                .containsExactly("bolding/" + CLAUDE + "/5", "cleaning/" + GEMINI + "/5", "decoration/" + CLAUDE + "/6",
                        "social/" + CLAUDE + "/5");
        long calls = 0;
        long in = 0;
        long out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (JsonNode g : byTask) {
            BigDecimal[] price = PRICES.get(g.path("model").asText());
            long gin = g.path("input_tokens").asLong();
            long gout = g.path("output_tokens").asLong();
            BigDecimal expected = price[0].multiply(BigDecimal.valueOf(gin)).add(price[1].multiply(BigDecimal.valueOf(gout)))
                    .divide(BigDecimal.valueOf(1_000_000));
            assertThat(g.path("cost_usd").decimalValue()).as("cost of %s", g).isEqualByComparingTo(expected);
            calls += g.path("calls").asLong();
            in += gin;
            out += gout;
            cost = cost.add(g.path("cost_usd").decimalValue());
        }
        assertThat(usage.path("calls").asLong()).isEqualTo(calls);
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(in).isEqualTo(5 * 200 + 15 * 120);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(out).isEqualTo(5 * 80 + 15 * 40);
        assertThat(usage.path("cost_usd").decimalValue()).isEqualByComparingTo(cost).isEqualByComparingTo("0.0161");

        // the meters say the same per task and model
        String scrape = get("/observe/metrics").body();
        assertThat(scrape).contains("llm_requests_total{model=\"" + CLAUDE + "\",provider=\"anthropic\",status=\"http_529\",task=\"decoration\"} 1.0")
                .contains("llm_tokens_total{direction=\"output\",model=\"" + GEMINI + "\",provider=\"gemini\",task=\"cleaning\"} 400.0")
                .containsPattern("llm_cost_usd_total\\{model=\"" + CLAUDE + "\",provider=\"anthropic\",task=\"social\"} 0.0048")
                .contains("llm_request_seconds_count{model=\"" + GEMINI + "\",provider=\"gemini\",task=\"cleaning\"} 5");
    }

    @Test
    void should_answer_zeros_for_an_issue_without_calls_and_refuse_a_bad_date() throws Exception {
        JsonNode none = JSON.readTree(get("/issues/2001-01-01/usage").body());
        assertThat(none.path("calls").asLong()).isZero();
        assertThat(none.path("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(none.path("by_task")).isEmpty();
        assertThat(get("/issues/yesterday/usage").statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        // the control API's bearer; /observe takes this machine's calls without it (and refuses it as wrong credentials)
        return new ApiClient(PORT, path.startsWith("/observe/") ? null : "test-secret").get(path);
    }
}
