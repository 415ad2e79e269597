package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real application with social.channels=mastodon, end to end against a fake Mastodon that speaks its API. */
class MastodonPostsTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = Network.freePort();
    private static final FakeMastodon MASTODON = start();

    private static FakeMastodon start() {
        FakeMastodon mastodon = new FakeMastodon();
        // read by the application's properties before the Camel context starts (each test class has its own JVM)
        System.setProperty("social.channels", "mastodon");
        System.setProperty("social.mastodon.base-url", mastodon.url());
        System.setProperty("social.mastodon.access-token", FakeMastodon.TOKEN);
        System.setProperty("social.mastodon.visibility", "unlisted");
        System.setProperty("social.mastodon.language", "en");
        System.setProperty("social.response-timeout-ms", "2000");
        System.setProperty("camel.server.port", String.valueOf(PORT));
        return mastodon;
    }

    @AfterAll
    static void stop() {
        MASTODON.close();
    }

    @BeforeEach
    void emptyMastodon() {
        MASTODON.reset();
    }

    @Test
    void should_post_each_story_once_with_the_token_and_an_idempotency_key_and_record_its_status() throws Exception {
        runPipeline(DATE);

        List<FakeServer.Request> posts = MASTODON.posts();
        assertThat(posts).hasSize(5);
        assertThat(MASTODON.statuses()).hasSize(5);
        assertThat(posts).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + FakeMastodon.TOKEN);
            assertThat(r.header("Idempotency-Key")).startsWith("ai-editor-" + DATE + "-slot-").contains("-mastodon-");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("visibility").asText()).isEqualTo("unlisted");
            assertThat(body.path("language").asText()).isEqualTo("en");
        });
        assertThat(posts.stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet())).hasSize(5);
        // the stories go out in slot order, each its stored text
        List<String> stored = rows("SELECT post_text FROM social_posts WHERE issue_date = ? ORDER BY slot", DATE).stream()
                .map(r -> (String) r.get("post_text")).toList();
        assertThat(MASTODON.statuses()).extracting(FakeMastodon.Status::text).containsExactlyElementsOf(stored);

        List<Map<String, Object>> delivered = rows("SELECT * FROM social_deliveries WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(delivered).hasSize(5).allSatisfy(d -> assertThat(d).containsEntry("channel", "mastodon")
                .containsEntry("status", "posted").containsEntry("attempts", 1).containsEntry("http_status", 200));
        for (int i = 0; i < 5; i++) {
            FakeMastodon.Status status = MASTODON.statuses().get(i);
            assertThat(delivered.get(i)).containsEntry("remote_id", status.id())
                    .containsEntry("remote_url", MASTODON.url() + "/@editor/" + status.id())
                    .containsEntry("idempotency_key", posts.get(i).header("Idempotency-Key"));
        }
        assertThat((String) lastJob("social_sync").get("result")).contains("mastodon: 5 posted");

        // what an operator sees
        JsonNode view = JSON.readTree(get("/issues/" + DATE + "/social").body());
        assertThat(view.path("publishing").asText()).isEqualTo("on");
        assertThat(view.path("posts")).hasSize(5);
        JsonNode first = view.path("posts").get(0).path("deliveries").get(0);
        assertThat(first.path("channel").asText()).isEqualTo("mastodon");
        assertThat(first.path("status").asText()).isEqualTo("posted");
        assertThat(first.path("remote_id").asText()).isEqualTo(MASTODON.statuses().get(0).id());
        assertThat(first.path("remote_url").asText()).endsWith("/@editor/" + MASTODON.statuses().get(0).id());
        assertThat(first.path("error").isNull()).isTrue();

        // the document describes the reply as it is, field by field
        JsonNode doc = JSON.readTree(get("/openapi.json").body());
        JsonNode schema = resolve(doc, doc.path("paths").path("/issues/{date}/social").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema"));
        assertDocumented(view, schema);
        JsonNode post = resolve(doc, schema.path("properties").path("posts").path("items"));
        assertDocumented(view.path("posts").get(0), post);
        assertDocumented(first, resolve(doc, post.path("properties").path("deliveries").path("items")));
    }

    private static void assertDocumented(JsonNode reply, JsonNode schema) {
        assertThat(reply.fieldNames()).toIterable().as(schema.toString()).isNotEmpty().allMatch(f -> schema.path("properties").has(f));
        assertThat(schema.path("properties").fieldNames()).toIterable().allMatch(reply::has);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    @Test
    void should_never_create_a_second_status_on_a_re_run_or_after_a_lost_record() throws Exception {
        runPipeline(DATE);
        assertThat(MASTODON.statuses()).hasSize(5);

        // a re-run of social_sync finds every post recorded as posted: nothing is sent
        Map<String, Object> again = runStep("social_sync", DATE);
        assertThat(again.get("status")).isEqualTo("completed");
        assertThat((String) again.get("result")).contains("mastodon: 5 already posted");
        assertThat(MASTODON.posts()).hasSize(5);

        // an attempt that died after Mastodon created the status but before it was recorded: sent again with the
        // same Idempotency-Key, Mastodon answers with the status it created first
        String firstId = jdbc().queryForObject("SELECT remote_id FROM social_deliveries WHERE issue_date = ? AND slot = 2",
                String.class, DATE);
        jdbc().update("UPDATE social_deliveries SET status = 'sending', claimed_by = 'a-job-that-died', claimed_at = ?, "
                + "remote_id = NULL WHERE issue_date = ? AND slot = 2", java.sql.Timestamp.from(java.time.Instant.now()
                .minus(Duration.ofHours(1))), DATE);
        runStep("social_sync", DATE);

        assertThat(MASTODON.posts()).hasSize(6);
        assertThat(MASTODON.statuses()).as("statuses Mastodon created").hasSize(5);
        assertThat(jdbc().queryForMap("SELECT status, remote_id FROM social_deliveries WHERE issue_date = ? AND slot = 2", DATE))
                .containsEntry("status", "posted").containsEntry("remote_id", firstId);
    }

    @Test
    void should_wait_for_the_send_then_record_refusals_in_mastodons_words_without_retrying_them() throws Exception {
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration", "images", "html_compile")) {
            assertThat(runStep(step, DATE).get("status")).as(step).isEqualTo("completed");
        }
        // the schedule runs social_sync before mautic_send: the posts are written, nothing goes out
        Map<String, Object> early = runStep("social_sync", DATE);
        assertThat(early.get("status")).isEqualTo("completed");
        assertThat((String) early.get("result")).contains("not published: waiting for the issue to be sent (it is approved)");
        assertThat(MASTODON.posts()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM social_deliveries")).isZero();
        JsonNode waiting = JSON.readTree(get("/issues/" + DATE + "/social").body());
        assertThat(waiting.path("publishing").asText()).isEqualTo("waiting for the issue to be sent");
        assertThat(waiting.path("posts").get(0).path("deliveries").get(0).path("status").asText()).isEqualTo("waiting");

        // slot 1 meets a revoked token; slot 3's text is over Mastodon's 500 characters
        MASTODON.answerNext(FakeMastodon.error(401, "The access token is invalid"));
        jdbc().update("UPDATE social_posts SET post_text = ? WHERE issue_date = ? AND slot = 3", "x".repeat(501), DATE);
        assertThat(runStep("mautic_send", DATE).get("status")).isEqualTo("completed");
        Map<String, Object> published = awaitJob("social_sync", 2);

        assertThat(published.get("trigger_kind")).isEqualTo("after_send");
        assertThat(published.get("status")).isEqualTo("completed");
        assertThat(published.get("attempt")).isEqualTo(1);
        assertThat((String) published.get("result")).contains("mastodon: 3 posted, 2 refused")
                .contains("Validation failed: Text character limit of 500 exceeded");
        assertThat(MASTODON.posts()).as("one request per post: refusals are not asked again").hasSize(5);
        assertThat(MASTODON.statuses()).hasSize(3);
        Map<String, Object> tooLong = jdbc().queryForMap("SELECT * FROM social_deliveries WHERE issue_date = ? AND slot = 3", DATE);
        assertThat(tooLong).containsEntry("status", "failed").containsEntry("http_status", 422).containsEntry("retryable", false)
                .containsEntry("attempts", 1).containsEntry("error", "HTTP 422: Validation failed: Text character limit of 500 exceeded");
        assertThat((String) jdbc().queryForObject("SELECT error FROM social_deliveries WHERE issue_date = ? AND slot = 1",
                String.class, DATE)).startsWith("HTTP 401: The access token is invalid (check social.mastodon.access-token");

        JsonNode view = JSON.readTree(get("/issues/" + DATE + "/social").body());
        JsonNode slot3 = view.path("posts").get(2).path("deliveries").get(0);
        assertThat(slot3.path("status").asText()).isEqualTo("failed");
        assertThat(slot3.path("error").asText()).isEqualTo("HTTP 422: Validation failed: Text character limit of 500 exceeded");
        assertThat(slot3.path("retryable").asBoolean(true)).isFalse();
    }

    @Test
    void should_retry_a_503_in_the_job_and_post_once() throws Exception {
        MASTODON.answerNext(FakeMastodon.unavailable());

        runPipeline(DATE);

        assertThat(MASTODON.posts()).hasSize(6);
        assertThat(MASTODON.statuses()).hasSize(5);
        assertThat(MASTODON.posts().get(0).header("Idempotency-Key")).isEqualTo(MASTODON.posts().get(1).header("Idempotency-Key"));
        assertThat(jdbc().queryForMap("SELECT status, attempts FROM social_deliveries WHERE issue_date = ? AND slot = 1", DATE))
                .containsEntry("status", "posted").containsEntry("attempts", 2);
        assertThat(lastJob("social_sync")).containsEntry("status", "completed").containsEntry("attempt", 1);
    }

    @Test
    void should_post_once_when_mastodons_answer_is_lost_to_a_timeout() throws Exception {
        // Mastodon makes slot 1's status but answers after the 2 s response timeout: the retry, under the same
        // key, gets that status back
        MASTODON.delayNext(Duration.ofSeconds(3));

        runPipeline(DATE);

        assertThat(MASTODON.posts()).hasSize(6);
        assertThat(MASTODON.statuses()).hasSize(5);
        Map<String, Object> slot1 = jdbc().queryForMap("SELECT * FROM social_deliveries WHERE issue_date = ? AND slot = 1", DATE);
        assertThat(slot1).containsEntry("status", "posted").containsEntry("attempts", 2)
                .containsEntry("remote_id", MASTODON.statuses().get(0).id());
    }

    @Test
    void should_retry_the_job_when_mastodon_stays_unavailable_without_posting_twice() throws Exception {
        // retry.max-redeliveries=2: the three attempts of slot 1 in the first run all meet the outage
        MASTODON.answerNext(FakeMastodon.unavailable(), FakeMastodon.unavailable(), FakeMastodon.unavailable());

        runPipeline(DATE);

        Map<String, Object> job = lastJob("social_sync");
        assertThat(job).containsEntry("status", "completed").containsEntry("attempt", 2);
        assertThat(MASTODON.posts()).as("3 failed + 4 posted, then slot 1 in the retry").hasSize(8);
        assertThat(MASTODON.statuses()).hasSize(5);
        assertThat(jdbc().queryForMap("SELECT status, attempts, error FROM social_deliveries WHERE issue_date = ? AND slot = 1", DATE))
                .containsEntry("status", "posted").containsEntry("attempts", 4).containsEntry("error", null);
        assertThat((String) job.get("result")).contains("mastodon: 1 posted, 4 already posted");
    }

    @Test
    void should_not_ask_again_in_the_jobs_retry_what_mastodon_refused() throws Exception {
        // slot 1 is refused; slot 2 meets an outage through its three attempts, so the job is retried for it
        MASTODON.answerNext(FakeMastodon.error(422, "Validation failed: Text can't be blank"),
                FakeMastodon.unavailable(), FakeMastodon.unavailable(), FakeMastodon.unavailable());

        runPipeline(DATE);

        Map<String, Object> job = lastJob("social_sync");
        assertThat(job).containsEntry("status", "completed").containsEntry("attempt", 2);
        assertThat(MASTODON.posts()).as("1 refused + 3 unavailable + 3 posted, then only slot 2 in the retry").hasSize(8);
        assertThat(MASTODON.statuses()).hasSize(4);
        assertThat(rows("SELECT slot, status, attempts FROM social_deliveries WHERE issue_date = ? ORDER BY slot", DATE))
                .extracting(r -> r.get("slot") + " " + r.get("status") + " " + r.get("attempts"))
                .containsExactly("1 failed 1", "2 posted 4", "3 posted 1", "4 posted 1", "5 posted 1");
        assertThat((String) job.get("result")).contains("mastodon: 1 posted, 3 already posted, 1 refused")
                .contains("refused earlier in this job");
    }

    @Test
    void should_wait_out_a_rate_limit_that_lifts_within_the_wait_it_may_take() throws Exception {
        MASTODON.answerNext(FakeMastodon.rateLimitedFor(Duration.ofMillis(1500)));

        runPipeline(DATE);

        List<java.time.Instant> received = MASTODON.received();
        assertThat(received).hasSize(6);
        assertThat(Duration.between(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(MASTODON.statuses()).hasSize(5);
        assertThat(lastJob("social_sync")).containsEntry("status", "completed").containsEntry("attempt", 1);
    }

    @Test
    void should_leave_the_posts_of_a_channel_rate_limited_for_long_to_the_jobs_retry() throws Exception {
        MASTODON.answerNext(FakeMastodon.rateLimitedFor(Duration.ofMinutes(10)));

        runPipeline(DATE);

        Map<String, Object> job = lastJob("social_sync");
        assertThat(job).containsEntry("status", "completed").containsEntry("attempt", 2);
        assertThat(MASTODON.posts()).as("one 429, none of the other four tried, then five in the retry").hasSize(6);
        assertThat(MASTODON.statuses()).hasSize(5);
        assertThat(count("SELECT COUNT(*) FROM social_deliveries WHERE status = 'posted'")).isEqualTo(5);
    }

    private Map<String, Object> awaitJob(String step, int jobs) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM jobs WHERE step = ? AND status IN "
                + "('completed', 'failed', 'cancelled', 'dead')", step) >= jobs);
        return lastJob(step);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = new ApiClient(PORT, "test-secret").get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r;
    }

}
