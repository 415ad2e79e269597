package aieditor.api;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without TRIGGER_SECRET the API does not run open: it refuses every call and says why. */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:closed-api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/closed", "api.trigger-secret="})
class ClosedApiTest {
    private static final int PORT = Network.freePort();

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @Test
    void should_refuse_every_call_when_no_secret_is_configured() throws Exception {
        for (String token : new String[]{null, "", "anything"}) {
            HttpResponse<String> r = new ApiClient(PORT, token).post("/jobs/ingest", "{}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("TRIGGER_SECRET is not set");
        }
    }
}
