package aieditor.observe;

import aieditor.Application;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /observe/health: every check with its details, and readiness that follows the database - here an H2 server the
 * test stops and starts again.
 */
@CamelMainTest(properties = {
        "schedule.enabled=false", "api.trigger-secret=readiness-secret",
        "aieditor.data-dir=target/test-data"})
class ReadinessTest {
    @org.apache.camel.BeanInject
    org.apache.camel.CamelContext context;

    private static final int PORT = Network.freePort();
    private static final int DB_PORT = Network.freePort();
    private static final String HEALTH = "http://127.0.0.1:" + PORT + "/observe/health";
    private static Server database = startDatabase();

    private static Server startDatabase() {
        try {
            // read by the application's properties before the Camel context starts
            System.setProperty("camel.server.port", String.valueOf(PORT));
            // a database on disk, so that like a real one it still has its tables when it comes back
            java.nio.file.Path file = java.nio.file.Path.of("target/readiness-db.mv.db");
            java.nio.file.Files.deleteIfExists(file);
            System.setProperty("db.url", "jdbc:h2:tcp://127.0.0.1:" + DB_PORT + "/./target/readiness-db;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            return Server.createTcpServer("-tcpPort", String.valueOf(DB_PORT), "-ifNotExists").start();
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    @Test
    void should_report_every_check_with_details() throws Exception {
        var response = Http.get(HEALTH + "?data=true");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(check(health, "database").path("status").asText()).isEqualTo("UP");
        assertThat(check(health, "queues").path("data").path("queue.high").asText()).isEqualTo("UP");
        assertThat(check(health, "queues").path("data").path("transport").asText()).isEqualTo("seda");
        assertThat(check(health, "scheduler").path("status").asText()).isEqualTo("UP");
        assertThat(check(health, "scheduler").path("data").path("scheduler").asText()).isEqualTo("disabled");
        assertThat(check(health, "route:decoration").path("status").asText()).isEqualTo("UP");
        assertThat(Http.get(HEALTH + "/live").statusCode()).isEqualTo(200);
    }

    @Test
    void should_go_unready_while_the_database_is_gone_and_ready_when_it_is_back() throws Exception {
        assertThat(Http.get(HEALTH + "/ready").statusCode()).isEqualTo(200);

        database.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> Http.get(HEALTH + "/ready").statusCode() == 503);
        var down = Http.get(HEALTH + "/ready?data=true");
        assertThat(check(new ObjectMapper().readTree(down.body()), "database").path("status").asText()).isEqualTo("DOWN");
        // the database is a readiness matter: restarting the application would not bring it back
        assertThat(Http.get(HEALTH + "/live").statusCode()).isEqualTo(200);
        // a trigger now records nothing and says so: 503 with Retry-After, never a 500
        var trigger = Http.postJson("http://127.0.0.1:" + PORT + "/jobs/ingest", "{}", "Bearer readiness-secret");
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(503);
        assertThat(trigger.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(trigger.body()).contains("unreachable").contains("nothing was recorded");

        database = Server.createTcpServer("-tcpPort", String.valueOf(DB_PORT), "-ifNotExists").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(HEALTH + "/ready").statusCode() == 200);
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource",
                javax.sql.DataSource.class)).queryForObject("SELECT COUNT(*) FROM jobs", Integer.class)).isZero();
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
