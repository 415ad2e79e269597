package aieditor.queue;

import aieditor.Application;
import aieditor.fixtures.Http;
import aieditor.fixtures.NeedsRedis;
import aieditor.fixtures.Network;
import aieditor.fixtures.RedisServer;
import aieditor.pipeline.Triggers;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away and comes back while jobs wait in it and more are triggered: this test runs its own Redis (with
 * its append-only file, as a production Redis keeps one) so it can stop and restart it.
 */
@CamelMainTest(properties = {"schedule.enabled=false",
        "db.url=jdbc:h2:mem:redis-restart;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "aieditor.data-dir=target/test-data/redis-restart", "queue.redis.enqueue-timeout-seconds=30"})
@NeedsRedis
class RedisRestartTest {
    private static final RedisServer REDIS = RedisServer.start("redis-restart");
    private static final int PORT = Network.freePort();

    static {
        System.setProperty("queue.redis-url", REDIS.url());
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    private static int ready() {
        try {
            return Http.status(Http.request("http://127.0.0.1:" + PORT + "/observe/health/ready").timeout(Duration.ofSeconds(5)));
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void should_lose_no_job_and_go_unready_then_ready_when_redis_restarts() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        Triggers triggers = context.getRegistry().lookupByNameAndType("triggers", Triggers.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> ready() == 200);

        // three jobs wait in Redis while no worker reads it
        context.getRouteController().stopRoute("worker");
        List<String> jobs = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            jobs.add(triggers.step("prefilter", LocalDate.of(2026, 11, day), Map.of(), "test"));
        }
        assertThat(REDIS.cli("llen", "ai-editor:queue:jobs:ready:default")).isEqualTo("3");

        // Redis stops (saving its append-only file); the workers start meanwhile and two more jobs are triggered
        REDIS.shutdown();
        context.getRouteController().startRoute("worker");
        await().atMost(Duration.ofSeconds(15)).until(() -> ready() == 503);
        List<CompletableFuture<String>> during = new ArrayList<>();
        for (int day = 4; day <= 5; day++) {
            LocalDate date = LocalDate.of(2026, 11, day);
            during.add(CompletableFuture.supplyAsync(() -> triggers.step("prefilter", date, Map.of(), "test")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM jobs", Long.class) == 5);

        // back: the workers reconnect and run every job, the queued ones and the ones triggered while it was away
        REDIS.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
        for (CompletableFuture<String> f : during) {
            jobs.add(f.get());
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE status = 'completed'", Long.class) == 5);
        assertThat(jdbc.queryForList("SELECT id FROM jobs WHERE status = 'completed'", String.class))
                .containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(REDIS.cli("hget", "ai-editor:queue:jobs:stats", "acked")).isEqualTo("5");
    }
}
