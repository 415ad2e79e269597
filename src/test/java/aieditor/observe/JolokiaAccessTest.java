package aieditor.observe;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jolokia for Hawtio at /observe/jolokia: anonymous reads from this machine, including the read-only operations
 * Hawtio 4 runs for route diagrams, sources and statistics; anything that changes something only with the
 * operator's Basic credentials; errors in words.
 */
class JolokiaAccessTest extends PipelineTestSupport {
    private static final int PORT = Network.freePort();
    private static final String USER = "operator";
    // made up per run: no credential lives in the code
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final String JOLOKIA = "http://127.0.0.1:" + PORT + "/observe/jolokia";
    private static final String ROUTE_MBEAN = "org.apache.camel:context=ai-editor,type=routes,name=%22decoration%22";
    private static final String ROUTE = "org.apache.camel:context=ai-editor,type=routes,name=\\\"decoration\\\"";
    private static final String CONTEXT = "org.apache.camel:context=ai-editor,type=context,name=\\\"ai-editor\\\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A qualified Java class name (java.lang.IllegalArgumentException, javax.management.InstanceNotFoundException). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
    private static final String STOP_DECORATION = """
            {"type": "exec", "mbean": "org.apache.camel:context=ai-editor,type=routes,name=\\"decoration\\"", "operation": "stop()"}""";

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
        System.setProperty("jolokia.username", USER);
        System.setProperty("jolokia.password", PASSWORD);
    }

    @Test
    void should_answer_an_anonymous_read_of_a_step_route_from_this_machine() throws Exception {
        var response = Http.get(JOLOKIA + "/read/" + ROUTE_MBEAN + "/ExchangesTotal");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.path("status").asInt()).as(response.body()).isEqualTo(200);
        assertThat(answer.path("value").isNumber()).isTrue();
    }

    @Test
    void should_refuse_anonymous_exec_and_wrong_credentials() throws Exception {
        assertThat(Http.get(JOLOKIA + "/exec/" + ROUTE_MBEAN + "/stop()").statusCode()).isEqualTo(401);
        assertThat(Http.postJson(JOLOKIA, STOP_DECORATION, null, null).statusCode()).isEqualTo(401);
        assertThat(Http.get(JOLOKIA + "/?p=/exec/" + ROUTE_MBEAN + "/stop()").statusCode()).isEqualTo(401);
        assertThat(Http.postJson(JOLOKIA, STOP_DECORATION, USER, "not-the-password").statusCode()).isEqualTo(401);

        assertThat(context.getRouteController().getRouteStatus("decoration").isStarted()).isTrue();
    }

    @Test
    void should_let_an_operator_stop_and_start_a_route() throws Exception {
        var stop = Http.postJson(JOLOKIA, STOP_DECORATION, USER, PASSWORD);

        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(stop.body()).path("status").asInt()).as(stop.body()).isEqualTo(200);
        assertThat(context.getRouteController().getRouteStatus("decoration").isStopped()).isTrue();

        var start = Http.get(JOLOKIA + "/exec/" + ROUTE_MBEAN + "/start()", USER, PASSWORD);
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(context.getRouteController().getRouteStatus("decoration").isStarted()).isTrue();
    }

    @Test
    void should_answer_hawtios_empty_bulk_request() throws Exception {
        HttpResponse<String> response = Http.postJson(JOLOKIA, "[]", null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isArray()).isTrue();
        assertThat(JSON.readTree(response.body())).isEmpty();
    }

    @Test
    void should_show_an_anonymous_local_reader_routes_statistics_diagram_and_source() throws Exception {
        // the requests Hawtio 4.2 makes for the routes list, the route diagram (with its statistics) and the source
        String bulk = "[" + String.join(",",
                "{\"type\": \"read\", \"mbean\": \"" + ROUTE + "\", \"attribute\": [\"ExchangesTotal\", \"State\"]}",
                "{\"type\": \"search\", \"mbean\": \"org.apache.camel:type=routes,*\"}",
                "{\"type\": \"exec\", \"mbean\": \"" + CONTEXT + "\", \"operation\": \"dumpRoutesAsXml()\"}",
                "{\"type\": \"exec\", \"mbean\": \"" + CONTEXT + "\", \"operation\": \"dumpRoutesStatsAsXml\", \"arguments\": [true, true]}",
                "{\"type\": \"exec\", \"mbean\": \"" + ROUTE + "\", \"operation\": \"dumpRouteStatsAsXml\", \"arguments\": [true, true]}",
                "{\"type\": \"exec\", \"mbean\": \"" + ROUTE + "\", \"operation\": \"dumpRouteAsXml()\"}",
                "{\"type\": \"exec\", \"mbean\": \"" + ROUTE + "\", \"operation\": \"isUpdateRouteEnabled()\"}") + "]";

        HttpResponse<String> response = Http.postJson(JOLOKIA, bulk, null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answers = JSON.readTree(response.body());
        assertThat(answers).hasSize(7);
        for (JsonNode answer : answers) {
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
        }
        assertThat(answers.get(0).path("value").path("State").asText()).isEqualTo("Started");
        assertThat(answers.get(2).path("value").asText()).contains("<route ").contains("id=\"decoration\"");
        assertThat(answers.get(3).path("value").asText()).contains("<routeStat id=\"decoration\"");
        assertThat(answers.get(4).path("value").asText()).contains("<routeStat id=\"decoration\"").contains("<processorStat");
        assertThat(answers.get(5).path("value").asText()).contains("<route ").contains("decorate-slot");
        // the GET form too
        HttpResponse<String> get = Http.get(JOLOKIA + "/exec/" + ROUTE_MBEAN + "/dumpRouteAsXml()");
        assertThat(JSON.readTree(get.body()).path("value").asText()).as(get.body()).contains("<route ");
    }

    @Test
    void should_ask_for_credentials_before_anything_changes() throws Exception {
        List<String> changes = List.of(
                exec(ROUTE, "stop()"), exec(ROUTE, "start()"), exec(ROUTE, "suspend()"), exec(ROUTE, "resume()"),
                exec(ROUTE, "remove()"), exec(ROUTE, "restart()"), exec(ROUTE, "reset()"), exec(ROUTE, "reset(boolean)", "true"),
                exec(ROUTE, "stopAndFail()"), exec(ROUTE, "setTracing(java.lang.Boolean)", "true"),
                exec(CONTEXT, "stop()"), exec(CONTEXT, "suspend()"), exec(CONTEXT, "startAllRoutes()"),
                exec(CONTEXT, "sendStringBody(java.lang.String,java.lang.String)", "\"direct:enqueue\"", "\"x\""),
                exec(CONTEXT, "createEndpoint(java.lang.String)", "\"log:x\""),
                // the source with its placeholders resolved would show the providers' keys
                exec(CONTEXT, "dumpRoutesAsXml(boolean)", "true"), exec(ROUTE, "dumpRouteAsXml(boolean,boolean)", "true", "false"),
                // by name only: one of its overloads changes something
                exec(ROUTE, "stop"), exec(ROUTE, "reset"),
                "{\"type\": \"write\", \"mbean\": \"" + ROUTE + "\", \"attribute\": \"Tracing\", \"value\": true}",
                "{\"type\": \"exec\", \"mbean\": \"org.apache.camel:type=routes,*\", \"operation\": \"stop()\"}",
                "{\"type\": \"exec\", \"mbean\": \"java.lang:type=Memory\", \"operation\": \"gc()\"}",
                // one change in a bulk of reads refuses the bulk
                "[{\"type\": \"version\"}, " + exec(ROUTE, "stop()") + "]");
        for (String change : changes) {
            HttpResponse<String> response = Http.postJson(JOLOKIA, change, null, null);

            assertThat(response.statusCode()).as(change + " -> " + response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(change).isPresent();
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(change).contains("credentials");
        }
        assertThat(Http.get(JOLOKIA + "/exec/" + ROUTE_MBEAN + "/suspend()").statusCode()).isEqualTo(401);
        assertThat(Http.get(JOLOKIA + "/write/" + ROUTE_MBEAN + "/Tracing/true").statusCode()).isEqualTo(401);

        assertThat(context.getRouteController().getRouteStatus("decoration").isStarted()).isTrue();
        assertThat(context.getRoute("decoration")).isNotNull();
        assertThat(context.isTracing()).isFalse();
    }

    @Test
    void should_answer_errors_in_words() throws Exception {
        // Hawtio's profile view asks for a signature Camel 4.17 does not have
        JsonNode noSuchSignature = JSON.readTree(Http.postJson(JOLOKIA, exec(ROUTE, "dumpRouteStatsAsXml()"), null, null).body());
        assertThat(noSuchSignature.path("status").asInt()).isEqualTo(400);
        assertThat(noSuchSignature.path("error").asText()).contains("dumpRouteStatsAsXml()").contains("no operation");
        assertInWords(noSuchSignature);

        JsonNode noSuchMBean = JSON.readTree(Http.get(JOLOKIA + "/read/org.apache.camel:context=ai-editor,type=routes,name=%22nope%22/State").body());
        assertThat(noSuchMBean.path("status").asInt()).isEqualTo(404);
        assertInWords(noSuchMBean);
        JsonNode noSuchAttribute = JSON.readTree(Http.get(JOLOKIA + "/read/" + ROUTE_MBEAN + "/Nope").body());
        assertThat(noSuchAttribute.path("status").asInt()).isEqualTo(404);
        assertThat(noSuchAttribute.path("error").asText()).contains("Nope");
        assertInWords(noSuchAttribute);

        // an operation that throws: route updates are not enabled
        HttpResponse<String> failed = Http.postJson(JOLOKIA, exec(ROUTE, "updateRouteFromXml(java.lang.String)", "\"<routes/>\""),
                USER, PASSWORD);
        JsonNode failure = JSON.readTree(failed.body());
        assertThat(failure.path("status").asInt()).as(failed.body()).isEqualTo(500);
        assertThat(failure.path("error").asText()).startsWith("The operation updateRouteFromXml(java.lang.String) failed");
        assertInWords(failure);

        HttpResponse<String> malformed = Http.postJson(JOLOKIA, "{\"type\": ", null, null);
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertInWords(JSON.readTree(malformed.body()));
    }

    @Test
    void should_not_show_system_properties_to_anonymous_readers() throws Exception {
        // where a password passed as -Djolokia.password=... would be
        HttpResponse<String> anonymous = Http.get(JOLOKIA + "/read/java.lang:type=Runtime/SystemProperties");
        assertThat(anonymous.body()).doesNotContain(PASSWORD);
        assertThat(JSON.readTree(anonymous.body()).path("status").asInt()).as(anonymous.body()).isEqualTo(403);
        assertThat(Http.get(JOLOKIA + "/read/java.lang:type=Runtime").body()).doesNotContain(PASSWORD);
        assertThat(Http.get(JOLOKIA + "/read/java.lang:type=Runtime/InputArguments").body()).doesNotContain("jolokia");

        assertThat(Http.get(JOLOKIA + "/read/java.lang:type=Runtime/SystemProperties", USER, PASSWORD).body()).contains(PASSWORD);
        assertThat(JSON.readTree(Http.get(JOLOKIA + "/read/java.lang:type=Runtime/Uptime").body()).path("value").isNumber()).isTrue();
    }

    private static String exec(String mbean, String operation, String... arguments) {
        return "{\"type\": \"exec\", \"mbean\": \"" + mbean + "\", \"operation\": \"" + operation + "\""
                + (arguments.length == 0 ? "" : ", \"arguments\": [" + String.join(", ", arguments) + "]") + "}";
    }

    private static void assertInWords(JsonNode answer) {
        assertThat(answer.path("error").asText()).as(answer.toString()).isNotBlank().doesNotContain("Exception");
        assertThat(CLASS_NAME.matcher(answer.path("error").asText().replace("updateRouteFromXml(java.lang.String)", "")).find())
                .as(answer.path("error").asText()).isFalse();
        assertThat(answer.has("error_type")).as(answer.toString()).isFalse();
        assertThat(answer.has("stacktrace")).as(answer.toString()).isFalse();
        assertThat(answer.toString()).doesNotContain("Exception");
    }
}
