package aieditor.api;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import aieditor.store.Sources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The control API over real HTTP: success and error replies of every endpoint, and auth. */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/api", "api.trigger-secret=test-secret",
        "jobs.poll-period-ms=100", "jobs.max-attempts.mautic_send=1", "retry.max-redeliveries=0"})
class ControlApiTest {
    private static final int PORT = Network.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    private final ApiClient api = new ApiClient(PORT, "test-secret");

    @BeanInject
    CamelContext context;

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private String finalStatus(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = json(api.get("/jobs/status/" + jobId)).path("status").asText();
            return s.equals("completed") || s.equals("dead") || s.equals("failed") || s.equals("cancelled");
        });
        return json(api.get("/jobs/status/" + jobId)).path("status").asText();
    }

    @Test
    void should_refuse_calls_without_the_right_bearer_token() throws Exception {
        for (ApiClient caller : new ApiClient[]{new ApiClient(PORT, null), new ApiClient(PORT, "wrong-secret")}) {
            HttpResponse<String> r = caller.post("/jobs/ingest", "{}");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).path("error").asText()).isEqualTo("Missing or wrong bearer token");
            assertThat(caller.get("/dlq").statusCode()).isEqualTo(401);
            assertThat(caller.get("/issues/2026-11-12").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void should_answer_client_mistakes_with_4xx_and_a_message() throws Exception {
        HttpResponse<String> unknownStep = api.post("/jobs/publish_everything", "{}");
        assertThat(unknownStep.statusCode()).isEqualTo(404);
        assertThat(json(unknownStep).path("error").asText()).contains("valid steps: [ingest, ai_scoring");

        assertThat(api.post("/jobs/ingest", "{\"date\": ").statusCode()).isEqualTo(400);
        assertThat(json(api.post("/jobs/ingest", "[1, 2]")).path("error").asText()).isEqualTo("The body must be a JSON object");
        assertThat(json(api.post("/jobs/ingest", "{\"date\": 20261112}")).path("error").asText()).contains("'date' must be a date");
        assertThat(api.post("/jobs/ingest", "{\"date\": \"2026-02-30\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/jobs/ingest", "{\"pad\": \"" + "x".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);

        assertThat(api.get("/jobs/status/no-such-job").statusCode()).isEqualTo(404);
        assertThat(api.post("/jobs/no-such-job/cancel", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/jobs?status=sleeping").statusCode()).isEqualTo(400);
        assertThat(api.get("/jobs?size=0").statusCode()).isEqualTo(400);
        assertThat(api.get("/jobs?page=abc").statusCode()).isEqualTo(400);
        assertThat(api.get("/issues/not-a-date").statusCode()).isEqualTo(400);
        assertThat(api.get("/issues/2001-01-01").statusCode()).isEqualTo(404);
        assertThat(api.post("/issues/2001-01-01/approve", "{}").statusCode()).isEqualTo(404);
        assertThat(api.post("/dlq/424242/replay", null).statusCode()).isEqualTo(404);
        assertThat(api.post("/dlq/abc/replay", null).statusCode()).isEqualTo(400);
        assertThat(api.post("/jobs/ingest", "{\"date\": ").body()).doesNotContain("Exception").doesNotContain("at aieditor");
    }

    @Test
    void should_name_the_field_of_a_null_a_wrong_type_or_a_date_out_of_range() throws Exception {
        HttpResponse<String> nullParam = api.post("/jobs/ingest", "{\"date\": \"2026-11-09\", \"feed\": {\"urls\": [\"a\", null]}}");
        assertThat(nullParam.statusCode()).isEqualTo(400);
        assertThat(json(nullParam).path("error").asText()).isEqualTo("'feed.urls[1]' must not be null; leave it out instead");
        assertThat(json(api.post("/jobs/pipeline", "{\"date\": null}")).path("error").asText())
                .isEqualTo("'date' must not be null; leave it out instead");

        int jobsBefore = json(api.get("/jobs")).path("total").asInt();
        for (String date : new String[]{"+99999-01-01", "1999-12-31", "2101-01-01"}) {
            HttpResponse<String> r = api.post("/jobs/pipeline", "{\"date\": \"" + date + "\"}");
            assertThat(r.statusCode()).as(date).isEqualTo(400);
            assertThat(json(r).path("error").asText()).as(date)
                    .isEqualTo("'date' must be an issue date from 2000-01-01 to 2100-12-31, got '" + date + "'");
            assertThat(api.get("/issues/" + date).statusCode()).as(date).isEqualTo(400);
        }
        assertThat(json(api.get("/jobs")).path("total").asInt()).as("nothing was queued").isEqualTo(jobsBefore);

        assertThat(json(api.post("/issues/2026-11-12/approve", "{\"by\": 7}")).path("error").asText()).isEqualTo("'by' must be a text");
        assertThat(json(api.post("/issues/2026-11-12/delivery", "{\"decision\": \"sent\", \"by\": [1]}")).path("error").asText())
                .isEqualTo("'by' must be a text");
        assertThat(json(api.post("/issues/2026-11-12/approve", "{\"send\": true}")).path("error").asText()).contains("'send'");
        assertThat(json(api.put("/issues/2026-11-12/slots/1", "{\"headline\": 5}")).path("error").asText()).contains("'headline'");
    }

    @Test
    void should_answer_paths_and_methods_without_a_route_in_json() throws Exception {
        for (String path : new String[]{"/jobsx", "/issues/2026-11-12/nothing", "/no/such/path", "/dlq/1/2/3"}) {
            HttpResponse<String> r = api.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json(r).path("error").asText()).as(path).isEqualTo("No endpoint GET " + path + "; see /openapi.json");
        }
        HttpResponse<String> wrongMethod = api.put("/jobs/pipeline", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).path("error").asText()).contains("PUT").contains("/jobs/pipeline");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
        HttpResponse<String> form = Http.send(Http.request("http://127.0.0.1:" + PORT + "/jobs/pipeline")
                .header("Authorization", "Bearer test-secret").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).path("error").asText()).contains("application/json").contains("application/x-www-form-urlencoded");
    }

    @Test
    void should_take_the_bearer_scheme_in_any_case_and_name_no_class_in_any_reply() throws Exception {
        for (String scheme : new String[]{"bearer", "BEARER", "Bearer"}) {
            HttpResponse<String> r = Http.getAuthorized("http://127.0.0.1:" + PORT + "/jobs/queue", scheme + " test-secret");
            assertThat(r.statusCode()).as(scheme).isEqualTo(200);
        }
        String jobId = json(api.post("/jobs/mautic_send", "{\"date\": \"2026-11-10\"}")).path("job_id").asText();
        assertThat(finalStatus(jobId)).isEqualTo("dead");
        String replies = api.get("/jobs/status/" + jobId).body() + api.get("/dlq").body() + api.get("/jobs?status=dead").body();
        assertThat(replies).doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b").doesNotContain("java.").doesNotContain("aieditor.")
                .doesNotContain("error_type");
    }

    @Test
    void should_trigger_follow_and_list_jobs() throws Exception {
        HttpResponse<String> accepted = api.post("/jobs/ingest", "{\"date\": \"2026-11-12\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = json(accepted);
        assertThat(job.path("step").asText()).isEqualTo("ingest");
        assertThat(job.path("queue").asText()).isEqualTo("default");
        assertThat(job.path("issue_date").asText()).isEqualTo("2026-11-12");

        assertThat(finalStatus(job.path("job_id").asText())).isEqualTo("completed");
        JsonNode status = json(api.get("/jobs/status/" + job.path("job_id").asText()));
        assertThat(status.path("result").path("written").asInt()).isPositive();
        assertThat(status.path("trigger").asText()).isEqualTo("api");
        assertThat(status.path("attempt").asInt()).isEqualTo(1);

        JsonNode list = json(api.get("/jobs?step=ingest&status=completed&page=1&size=10"));
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("job_id").asText()).isEqualTo(job.path("job_id").asText());

        JsonNode queue = json(api.get("/jobs/queue"));
        assertThat(queue.path("queued").has("high")).isTrue();
        assertThat(queue.path("queued").has("low")).isTrue();
        assertThat(queue.path("running").isArray()).isTrue();

        HttpResponse<String> again = api.post("/jobs/" + job.path("job_id").asText() + "/cancel", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(api.post("/jobs/cancel-all", null)).path("cancelled").asInt()).isZero();
    }

    @Test
    void should_run_the_pipeline_show_the_issue_and_refuse_to_approve_a_sent_one() throws Exception {
        HttpResponse<String> accepted = api.post("/jobs/pipeline", "{\"date\": \"2026-11-12\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).path("chain_id").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(90)).until(() ->
                json(api.get("/jobs?step=social_sync&status=completed")).path("total").asInt() == 1);
        JsonNode issue = json(api.get("/issues/2026-11-12"));
        assertThat(issue.path("status").asText()).isEqualTo("sent");
        assertThat(issue.path("html").asText()).startsWith("<!DOCTYPE html>");
        assertThat(issue.path("html_bytes").asInt()).isPositive();
        // the message as it went: the outbox carries the five story images inside it, as cid: parts
        JsonNode message = issue.path("message");
        assertThat(message.path("channel").asText()).isEqualTo("outbox");
        assertThat(message.path("problem").isNull()).isTrue();
        assertThat(message.path("images")).hasSize(5).allSatisfy(image -> {
            assertThat(image.path("src").asText()).matches("cid:slot-[1-5]\\.issue-2026-11-12@newsletter\\.example");
            assertThat(image.path("embedded").asBoolean()).isTrue();
            assertThat(image.path("content_type").asText()).isEqualTo("image/jpeg");
            assertThat(image.path("bytes").asLong()).isPositive();
        });
        long imageBytes = 0;
        for (JsonNode image : message.path("images")) {
            imageBytes += image.path("bytes").asLong();
        }
        // base64 makes the images a third larger; the HTML and text come on top
        assertThat(message.path("bytes").asLong()).isGreaterThan(imageBytes * 4 / 3 + issue.path("html_bytes").asLong());
        JsonNode doc = json(new ApiClient(PORT, null).get("/openapi.json"));
        JsonNode documented = resolve(doc, doc.path("paths").path("/issues/{date}").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema"));
        assertThat(issue.fieldNames()).toIterable().allMatch(field -> documented.path("properties").has(field));
        JsonNode messageSchema = resolve(doc, documented.path("properties").path("message"));
        assertThat(message.fieldNames()).toIterable().allMatch(field -> messageSchema.path("properties").has(field));
        JsonNode imageSchema = resolve(doc, messageSchema.path("properties").path("images").path("items"));
        assertThat(message.path("images").get(0).fieldNames()).toIterable()
                .allMatch(field -> imageSchema.path("properties").has(field));

        HttpResponse<String> approve = api.post("/issues/2026-11-12/approve", "{\"by\": \"editor\"}");
        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(json(approve).path("error").asText()).contains("is sent");
    }

    @Test
    void should_list_dead_letters_and_replay_one_once() throws Exception {
        String jobId = json(api.post("/jobs/mautic_send", "{\"date\": \"2026-11-11\"}")).path("job_id").asText();
        assertThat(finalStatus(jobId)).isEqualTo("dead");

        JsonNode letter = null;
        for (JsonNode item : json(api.get("/dlq")).path("items")) {
            letter = item.path("job_id").asText().equals(jobId) ? item : letter;
        }
        assertThat(letter).as("the dead letter of job " + jobId).isNotNull();
        assertThat(letter.path("step").asText()).isEqualTo("mautic_send");
        assertThat(letter.path("error_message").asText()).contains("not compiled yet");

        HttpResponse<String> replay = api.post("/dlq/" + letter.path("id").asLong() + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(202);
        String replayJob = json(replay).path("job_id").asText();
        assertThat(json(api.get("/jobs/status/" + replayJob)).path("trigger").asText()).isEqualTo("replay");
        assertThat(api.post("/dlq/" + letter.path("id").asLong() + "/replay", null).statusCode()).isEqualTo(409);
    }

    /**
     * GET /sources: each source's names and the health of its last read, for an operator. The row is written as ingest
     * writes it (ingest's own tests cover what it writes): an ingest here would leave the other tests nothing new.
     */
    @Test
    void should_list_the_sources_with_their_health() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class));
        String location = "https://ledger.example/feed?x=(1)";
        new Sources(new NamedParameterJdbcTemplate(jdbc), JSON).record(new Sources.Source(location, "FEED_URL",
                "northwind-ledger", "Northwind Ledger", "The Northwind Ledger", "\"v1\"", "Thu, 19 Nov 2026 08:00:00 GMT",
                Instant.parse("2026-11-20T08:00:00Z"), "304 not modified", 0, 0,
                List.of("entry 3 has neither title nor link; skipped"), 42, null));
        try {
            HttpResponse<String> reply = api.get("/sources");
            assertThat(reply.statusCode()).isEqualTo(200);
            JsonNode sources = json(reply);
            assertThat(sources.isArray()).isTrue();
            JsonNode ledger = null;
            for (JsonNode source : sources) {
                ledger = source.path("location").asText().equals(location) ? source : ledger;
            }
            assertThat(ledger).as("the row written").isNotNull();
            assertThat(ledger.path("kind").asText()).isEqualTo("FEED_URL");
            assertThat(ledger.path("slug").asText()).isEqualTo("northwind-ledger");
            assertThat(ledger.path("display_name").asText()).isEqualTo("The Northwind Ledger");
            assertThat(ledger.path("feed_title").asText()).isEqualTo("Northwind Ledger");
            assertThat(ledger.path("last_status").asText()).isEqualTo("304 not modified");
            assertThat(ledger.path("etag").asText()).isEqualTo("\"v1\"");
            assertThat(ledger.path("errors").get(0).asText()).isEqualTo("entry 3 has neither title nor link; skipped");
            assertThat(ledger.path("duration_ms").asLong()).isEqualTo(42);
            assertThat(ledger.path("last_fetch_at").asText()).isEqualTo("2026-11-20T08:00:00Z");
            assertThat(ledger.path("retry_not_before").isNull()).isTrue();
            assertThat(new ApiClient(PORT, null).get("/sources").statusCode()).isEqualTo(401);

            // what the document says a source is, the reply has, and nothing else
            JsonNode doc = json(new ApiClient(PORT, null).get("/openapi.json"));
            JsonNode schema = doc.path("paths").path("/sources").path("get").path("responses").path("200")
                    .path("content").path("application/json").path("schema");
            assertThat(schema.path("type").asText()).isEqualTo("array");
            JsonNode item = resolve(doc, schema.path("items"));
            assertThat(ledger.fieldNames()).toIterable().allMatch(field -> item.path("properties").has(field));
            assertThat(item.path("properties").fieldNames()).toIterable().allMatch(ledger::has);
        } finally {
            jdbc.update("DELETE FROM sources WHERE location = ?", location);
        }
    }

    @Test
    void should_serve_an_openapi_document_of_the_endpoints() throws Exception {
        HttpResponse<String> doc = new ApiClient(PORT, null).get("/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode paths = json(doc).path("paths");
        assertThat(paths.has("/jobs/{step}")).isTrue();
        assertThat(paths.has("/jobs/status/{job_id}")).isTrue();
        assertThat(paths.has("/dlq/{id}/replay")).isTrue();
        assertThat(paths.has("/issues/{date}/approve")).isTrue();
        assertThat(paths.has("/sources")).isTrue();
    }

    /** What a client generator or a linter needs: where the API is, how to authenticate, what every call answers. */
    @Test
    void should_document_the_server_the_bearer_scheme_and_every_answer() throws Exception {
        JsonNode doc = json(new ApiClient(PORT, null).get("/openapi.json"));

        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("http://localhost:" + PORT);
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");

        java.util.Set<String> operationIds = new java.util.HashSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + path.getKey();
            JsonNode operation = op.getValue();
            assertThat(operationIds.add(operation.path("operationId").asText())).as("unique operationId of " + where).isTrue();
            assertThat(operation.path("summary").asText()).as("summary of " + where).isNotBlank();
            JsonNode responses = operation.path("responses");
            assertThat(responses.has("default")).as("an empty default response on " + where).isFalse();
            assertThat(responses.fieldNames()).toIterable().as("responses of " + where)
                    .anyMatch(code -> code.startsWith("2")).anyMatch(code -> code.equals("401"));
            responses.fields().forEachRemaining(r -> {
                assertThat(r.getValue().path("description").asText()).as(r.getKey() + " of " + where).isNotBlank();
                assertThat(r.getValue().path("content").path("application/json").path("schema").isMissingNode())
                        .as("schema of " + r.getKey() + " of " + where).isFalse();
            });
            operation.path("parameters").forEach(p ->
                    assertThat(p.path("description").asText()).as(p.path("name").asText() + " of " + where).isNotBlank());
        }));
        for (String withBody : new String[]{"/jobs/pipeline", "/jobs/{step}", "/dlq/{id}/replay", "/issues/{date}/approve",
                "/issues/{date}/delivery"}) {
            JsonNode body = doc.path("paths").path(withBody).path("post").path("requestBody");
            assertThat(body.path("content").path("application/json").path("schema").path("$ref").asText())
                    .as("request body of POST " + withBody).startsWith("#/components/schemas/");
        }
    }

    /**
     * A backlog is counted whole but explained only for its head: polled during a burst of thousands of queued jobs,
     * the reply stayed megabytes long.
     */
    @Test
    void should_explain_the_first_waiting_jobs_and_count_them_all() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class));
        // held in the queue of a live process elsewhere, so nothing here takes them up
        jdbc.update("INSERT INTO job_holders (id, name, heartbeat_at) VALUES ('backlog-holder', '1@elsewhere', ?)",
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
        for (int i = 0; i < 5; i++) {
            jdbc.update("INSERT INTO jobs (id, step, queue, status, issue_date, trigger_kind, params, attempt, max_attempts, "
                    + "created_at, queued_at, heartbeat_at, held_by) VALUES (?, 'prefilter', 'low', 'queued', DATE '2026-11-20', "
                    + "'rest', '{}', 0, 3, ?, ?, ?, 'backlog-holder')", "00000000-0000-0000-0000-0000000b000" + i,
                    Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        }
        try {
            JsonNode two = json(api.get("/jobs/queue?waiting=2"));
            assertThat(two.path("waiting")).hasSize(2);
            assertThat(two.path("waiting_total").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(two.path("waiting").get(0).path("position").asInt()).isEqualTo(1);
            assertThat(json(api.get("/jobs/queue")).path("waiting").size()).isEqualTo(two.path("waiting_total").asInt());
            HttpResponse<String> tooMany = api.get("/jobs/queue?waiting=1001");
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(tooMany.body()).contains("waiting");
        } finally {
            jdbc.update("DELETE FROM jobs WHERE held_by = 'backlog-holder'");
            jdbc.update("DELETE FROM job_holders WHERE id = 'backlog-holder'");
        }
    }

    /** The document describes the replies as they are: every field /jobs/queue answers with is documented. */
    @Test
    void should_document_every_field_of_the_queue_reply() throws Exception {
        JsonNode doc = json(new ApiClient(PORT, null).get("/openapi.json"));
        JsonNode schema = resolve(doc, doc.path("paths").path("/jobs/queue").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema"));
        JsonNode reply = json(api.get("/jobs/queue"));
        assertThat(reply.fieldNames()).toIterable().isNotEmpty().allMatch(field -> schema.path("properties").has(field));
        JsonNode schedule = resolve(doc, schema.path("properties").path("schedule"));
        assertThat(reply.path("schedule").fieldNames()).toIterable().allMatch(field -> schedule.path("properties").has(field));
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
