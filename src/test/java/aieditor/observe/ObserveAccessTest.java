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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * /observe/info, /observe/metrics and the details of /observe/health follow the Jolokia policy: this machine
 * without credentials, anywhere else only with the operator's; health status stays open for load balancers.
 *
 * <p>The remote caller is real: the test calls the server on a non-loopback address of this machine, so the request
 * arrives from that address. On a machine without one, the trusted addresses are set to none, so that requests
 * from 127.0.0.1 count as remote, and the tests of a local caller are skipped.
 */
class ObserveAccessTest extends PipelineTestSupport {
    private static final int PORT = Network.freePort();
    private static final String USER = "operator";
    // made up per run: no credential lives in the code
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final String INTERFACE = Network.nonLoopbackAddress().orElse(null);
    private static final String REMOTE = "http://" + (INTERFACE != null ? INTERFACE : "127.0.0.1") + ":" + PORT;
    private static final String LOCAL = "http://127.0.0.1:" + PORT;
    /** Pid, user and directories; every meter; every check's details. */
    private static final List<String> DETAILS = List.of("/observe/info", "/observe/metrics",
            "/observe/health?data=true", "/observe/health/ready?data=true", "/observe/health/live?data=true");
    private static final List<String> PROBES = List.of("/observe/health", "/observe/health/live", "/observe/health/ready");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
        System.setProperty("jolokia.username", USER);
        System.setProperty("jolokia.password", PASSWORD);
        if (INTERFACE == null) {
            System.setProperty("observe.trusted-addresses", "");
        }
    }

    @Test
    void should_refuse_details_to_an_anonymous_remote_caller_and_ask_for_credentials() throws Exception {
        for (String path : DETAILS) {
            HttpResponse<String> response = Http.get(REMOTE + path);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm="));
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(path)
                    .contains("anonymous").contains("credentials");
            assertThat(response.body()).as(path).doesNotContain("\"pid\"", "jvm_memory", "\"data\"", "Exception");
        }
    }

    @Test
    void should_refuse_wrong_credentials_from_anywhere() throws Exception {
        for (String base : List.of(REMOTE, LOCAL)) {
            for (String path : DETAILS) {
                HttpResponse<String> response = Http.get(base + path, USER, "not-the-password");

                assertThat(response.statusCode()).as(base + path).isEqualTo(401);
                assertThat(JSON.readTree(response.body()).path("error").asText()).as(base + path)
                        .isEqualTo("Wrong credentials.");
            }
            // a bearer token, the control API's scheme, is not the operator's credentials either
            assertThat(Http.getAuthorized(base + "/observe/info", "Bearer " + PASSWORD).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void should_answer_an_operator_from_anywhere() throws Exception {
        assertThat(Http.get(REMOTE + "/observe/info", USER, PASSWORD).body()).contains("\"pid\"");
        assertThat(Http.get(REMOTE + "/observe/metrics", USER, PASSWORD).body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> health = Http.get(REMOTE + "/observe/health?data=true", USER, PASSWORD);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(check(JSON.readTree(health.body()), "database").path("data").path("database").asText()).isEqualTo("H2");
        // the scheme's letter case does not matter (RFC 7235)
        HttpResponse<String> lowercase = Http.getAuthorized(REMOTE + "/observe/info",
                Http.basic(USER, PASSWORD).replace("Basic", "basic"));
        assertThat(lowercase.statusCode()).as(lowercase.body()).isEqualTo(200);
    }

    @Test
    void should_keep_health_status_open_for_load_balancers() throws Exception {
        for (String path : PROBES) {
            HttpResponse<String> response = Http.get(REMOTE + path);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(response.body()).as(path).doesNotContain("\"data\"");
        }
        // Render's health check (render.yaml healthCheckPath) among them
        assertThat(PROBES).contains(renderHealthCheckPath());
    }

    @Test
    void should_answer_an_anonymous_caller_on_this_machine() throws Exception {
        assumeTrue(INTERFACE != null, "no non-loopback address here: 127.0.0.1 stands in for a remote caller");

        assertThat(Http.get(LOCAL + "/observe/info").body()).contains("\"pid\"");
        assertThat(Http.get(LOCAL + "/observe/metrics").body()).contains("jvm_memory_used_bytes");
        assertThat(check(JSON.readTree(Http.get(LOCAL + "/observe/health?data=true").body()), "queues")
                .path("data").path("transport").asText()).isEqualTo("seda");
    }

    @Test
    void should_refuse_jolokia_to_an_anonymous_remote_caller() throws Exception {
        HttpResponse<String> read = Http.get(REMOTE + "/observe/jolokia/read/java.lang:type=Memory/HeapMemoryUsage");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(401);
        assertThat(JSON.readTree(read.body()).path("error").asText()).contains("from this machine");

        HttpResponse<String> operator = Http.get(REMOTE + "/observe/jolokia/read/java.lang:type=Memory/HeapMemoryUsage",
                USER, PASSWORD);
        assertThat(JSON.readTree(operator.body()).path("status").asInt()).as(operator.body()).isEqualTo(200);
    }

    private static String renderHealthCheckPath() throws Exception {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("render.yaml")).stream()
                .filter(l -> l.trim().startsWith("healthCheckPath:")).map(l -> l.split(":", 2)[1].trim())
                .findFirst().orElseThrow();
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("No health check '" + name + "' in " + health);
    }
}
