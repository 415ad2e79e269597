package aieditor.queue;

import aieditor.ChildJvm;
import aieditor.pipeline.Triggers;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
class RedisRestartTest {
    private static final int REDIS_PORT = ChildJvm.freePort();
    private static final int PORT = ChildJvm.freePort();
    private static final Path REDIS_DIR = Path.of("target/redis-restart");
    // HTTP/1.1: the JDK's default h2c upgrade can leave a call hanging (observe/Http.java)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Process redis = startRedis(true);

    static {
        System.setProperty("queue.redis-url", "redis://127.0.0.1:" + REDIS_PORT);
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private static Process startRedis(boolean fresh) {
        try {
            if (fresh && Files.exists(REDIS_DIR)) {
                try (var files = Files.walk(REDIS_DIR)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
            Files.createDirectories(REDIS_DIR);
            Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(REDIS_PORT), "--bind", "127.0.0.1",
                    "--dir", REDIS_DIR.toAbsolutePath().toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
                    .redirectErrorStream(true).redirectOutput(REDIS_DIR.resolveSibling("redis-restart.log").toFile()).start();
            // polled on this thread: the class may still be initialising
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> redisCli("ping").contains("PONG"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server must be installed (.ci/run installs it)", e);
        }
    }

    private static String redisCli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.destroyForcibly();
    }

    private static int ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/observe/health/ready"))
                            .timeout(java.time.Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
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
        assertThat(redisCli("llen", "ai-editor:queue:jobs:ready:default").strip()).isEqualTo("3");

        // Redis stops (saving its append-only file); the workers start meanwhile and two more jobs are triggered
        redisCli("shutdown");
        redis.waitFor();
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
        redis = startRedis(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> ready() == 200);
        for (CompletableFuture<String> f : during) {
            jobs.add(f.get());
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE status = 'completed'", Long.class) == 5);
        assertThat(jdbc.queryForList("SELECT id FROM jobs WHERE status = 'completed'", String.class))
                .containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(redisCli("hget", "ai-editor:queue:jobs:stats", "acked").strip()).isEqualTo("5");
    }
}
