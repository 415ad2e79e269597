package aieditor.observe;

import aieditor.PipelineTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jolokia for Hawtio at /observe/jolokia: anonymous reads from this machine, writes and exec only with the
 * operator's Basic credentials.
 */
class JolokiaAccessTest extends PipelineTestSupport {
    private static final int PORT = Http.freePort();
    private static final String USER = "operator";
    // made up per run: no credential lives in the code
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final String JOLOKIA = "http://127.0.0.1:" + PORT + "/observe/jolokia";
    private static final String ROUTE_MBEAN = "org.apache.camel:context=ai-editor,type=routes,name=%22decoration%22";
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
}
