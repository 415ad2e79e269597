package aieditor.faults;

import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM on {@code serve} after load: it exits 0 within 5 s, whether idle after thousands of requests and a burst of
 * jobs, or with hundreds of jobs still queued - and those stay queued in the store, so the next start on the same
 * data folder runs every one of them. Seen before: 31 s, the queue drained until Camel's shutdown timeout forced
 * the routes. Slow (about a minute): only the faults profile runs it ({@code ./mvnw -B test -Pfaults}).
 */
@Tag("faults")
class StopAfterLoadTest {
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ChildJvm> processes = new ArrayList<>();
    private SlowFeed feed;

    @AfterEach
    void stop() {
        processes.forEach(ChildJvm::stopQuietly);
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void should_exit_within_5_s_when_idle_after_thousands_of_requests_and_a_burst_of_jobs() throws Exception {
        Path data = Faults.sharedDataDir("stop-idle-after-load");
        int port = Network.freePort();
        ChildJvm serve = serve("stop-idle", data, port, Map.of());
        List<String> steps = List.of("ingest", "ai_scoring", "prefilter", "social_sync");
        for (int i = 0; i < 240; i++) {
            assertThat(Faults.post(port, "/jobs/" + steps.get(i % steps.size()), "{\"date\": \"2031-03-0" + (1 + i % 5) + "\"}")
                    .status()).isEqualTo(202);
        }
        Map<Integer, Integer> statuses = variedRequests(port, 3000);
        await().atMost(Duration.ofSeconds(120)).until(() -> open(serve) == 0);

        Duration took = terminate(serve);

        System.out.println("StopAfterLoadTest: idle after 240 jobs and 3000 requests " + statuses + ": stopped in "
                + took.toMillis() + " ms");
        assertThat(took).as("stop of an idle serve after load").isLessThan(STOP_WITHIN);
    }

    @Test
    void should_exit_within_5_s_with_jobs_queued_and_run_them_after_the_restart() throws Exception {
        // each ingest fetches a feed that answers after a second: the three workers cannot keep up with the burst
        feed = SlowFeed.start(Duration.ofSeconds(1));
        Path data = Faults.sharedDataDir("stop-with-backlog");
        int port = Network.freePort();
        Map<String, String> slowIngest = Map.of("ingest.feeds", feed.url());
        ChildJvm serve = serve("stop-backlog", data, port, slowIngest);
        int jobs = 240;
        for (int i = 0; i < jobs; i++) {
            assertThat(Faults.post(port, "/jobs/ingest", "{\"date\": \"2031-03-10\"}").status()).isEqualTo(202);
        }
        long queued = total(serve, "queued");
        assertThat(queued).as("jobs waiting when SIGTERM comes").isGreaterThan(200);

        Duration took = terminate(serve);

        System.out.println("StopAfterLoadTest: " + queued + " jobs queued: stopped in " + took.toMillis() + " ms");
        assertThat(took).as("stop of serve with %d jobs queued", queued).isLessThan(STOP_WITHIN);

        // the same data folder: every job the stopped process left queued is taken up and done
        feed.delay(Duration.ZERO);
        ChildJvm again = serve("stop-backlog-restart", data, port, slowIngest);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> total(again, "completed") == jobs);
        assertThat(open(again)).isZero();
        assertThat(total(again, null)).as("jobs in the store").isEqualTo(jobs);
    }

    private ChildJvm serve(String name, Path data, int port, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("aieditor.data-dir", data.toAbsolutePath().toString());
        p.put("camel.server.port", String.valueOf(port));
        p.put("api.trigger-secret", Faults.SECRET);
        p.putAll(extra);
        ChildJvm serve = ChildJvm.start(name, p, "serve");
        processes.add(serve);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!serve.process().isAlive()) {
                throw new AssertionError("serve exited while starting:\n" + serve.log());
            }
            return serve.ready();
        });
        return serve;
    }

    /** SIGTERM, then how long until the process was gone; it must exit 0 (Application's usage says so). */
    private static Duration terminate(ChildJvm serve) throws InterruptedException {
        long start = System.nanoTime();
        serve.terminate();
        int exit = serve.waitFor(Duration.ofSeconds(60));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(exit).as("exit code after SIGTERM (%d ms)", took.toMillis()).isZero();
        return took;
    }

    /** Jobs queued or running, as the control API counts them. */
    private static long open(ChildJvm serve) throws IOException {
        return total(serve, "queued") + total(serve, "running");
    }

    private static long total(ChildJvm serve, String status) throws IOException {
        HttpResponse<String> r = serve.get("/jobs?size=1" + (status == null ? "" : "&status=" + status), Faults.SECRET);
        assertThat(r).as("GET /jobs answers").isNotNull();
        return JSON.readTree(r.body()).path("total").asLong();
    }

    /**
     * What a busy day sends the control plane, four at a time: reads of jobs, queues, dead letters and issues,
     * health and metrics, and the mistakes (unknown step and job, malformed JSON, no token, an oversize body).
     * Returns how many answers had each status.
     */
    private static Map<Integer, Integer> variedRequests(int port, int count) throws Exception {
        String base = "http://127.0.0.1:" + port;
        String oversize = "{\"date\": \"" + "x".repeat(70_000) + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int kind = i % 12;
                answers.add(pool.submit(() -> {
                    HttpRequest.Builder r = switch (kind) {
                        case 0 -> get(base + "/jobs?size=5");
                        case 1 -> get(base + "/jobs/queue");
                        case 2 -> get(base + "/dlq");
                        case 3 -> get(base + "/issues/2031-03-01");
                        case 4 -> get(base + "/jobs/status/no-such-job");
                        case 5 -> post(base + "/jobs/no_such_step", "{}");
                        case 6 -> post(base + "/jobs/prefilter", "{not json");
                        case 7 -> Http.request(base + "/jobs").GET();
                        case 8 -> get(base + "/observe/health");
                        case 9 -> get(base + "/observe/metrics");
                        case 10 -> post(base + "/jobs/prefilter", oversize);
                        default -> get(base + "/openapi.json");
                    };
                    return Http.status(r);
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> a : answers) {
                statuses.merge(a.get(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest.Builder get(String url) {
        return Http.request(url).header("Authorization", "Bearer " + Faults.SECRET).GET();
    }

    private static HttpRequest.Builder post(String url, String body) {
        return Http.request(url).header("Authorization", "Bearer " + Faults.SECRET)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** One of the bundled feeds over HTTP, answered after a delay the test sets: what makes an ingest job slow. */
    private static final class SlowFeed implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private volatile Duration delay;

        private SlowFeed(HttpServer server, Duration delay) {
            this.server = server;
            this.delay = delay;
        }

        static SlowFeed start(Duration delay) throws IOException {
            byte[] feed = Files.readAllBytes(Path.of("samples", "feeds", "gradient-weekly.xml"));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SlowFeed slow = new SlowFeed(server, delay);
            server.createContext("/feed.xml", exchange -> {
                try {
                    Thread.sleep(slow.delay.toMillis()); // the slowness under test: a publisher taking its time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/atom+xml");
                exchange.sendResponseHeaders(200, feed.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(feed);
                }
            });
            server.setExecutor(slow.threads);
            server.start();
            return slow;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
        }

        void delay(Duration delay) {
            this.delay = delay;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
