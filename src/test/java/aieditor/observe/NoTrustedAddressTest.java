package aieditor.observe;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no trusted address (observe.trusted-addresses empty) and no operator credentials, even this machine's
 * loopback caller is a stranger: info, metrics, health details and Jolokia are refused with 403 (there are no
 * credentials to ask for), and the health status still answers.
 */
class NoTrustedAddressTest extends PipelineTestSupport {
    private static final int PORT = Network.freePort();
    private static final String BASE = "http://127.0.0.1:" + PORT;

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
        System.setProperty("observe.trusted-addresses", "");
        System.setProperty("jolokia.username", "");
        System.setProperty("jolokia.password", "");
    }

    @Test
    void should_refuse_everything_but_the_health_status_with_403() throws Exception {
        for (String path : List.of("/observe/info", "/observe/metrics", "/observe/health?data=true",
                "/observe/jolokia/version", "/observe/jolokia/read/java.lang:type=Runtime/Uptime")) {
            HttpResponse<String> response = Http.get(BASE + path);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(new ObjectMapper().readTree(response.body()).path("error").asText()).as(path)
                    .contains("no operator credentials are configured");
        }
        for (String path : List.of("/observe/health", "/observe/health/live", "/observe/health/ready")) {
            assertThat(Http.get(BASE + path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void should_refuse_any_credentials_when_none_are_configured() throws Exception {
        HttpResponse<String> response = Http.get(BASE + "/observe/info", "", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
                .contains("no operator credentials are configured");
    }
}
