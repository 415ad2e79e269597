package aieditor.faults;

import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.Http;
import aieditor.fixtures.ModelCall;
import aieditor.fixtures.Network;
import aieditor.pipeline.Step;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault tests share: the data folder, worker processes ({@code serve --role worker}) wired to the test's
 * database, Redis and fake model, the control API over HTTP, and the questions asked of the jobs table.
 */
final class Faults {
    static final String SECRET = "fault-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Faults() {
    }

    /** The folder the test's process and its workers share (outbox, images): emptied first. */
    static Path sharedDataDir(String name) {
        Path dir = Path.of("target", "test-data", name);
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A worker process: takes jobs, runs no schedule. Decoration and bolding call the fake model one slot at a time,
     * the rest is offline. Lease, heartbeat and loss settings are the defaults unless {@code extra} sets them.
     */
    static ChildJvm worker(String name, String databaseUrl, String redisUrl, Path dataDir, FakeModel model,
                           Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("db.database-url", databaseUrl);
        p.put("queue.redis-url", redisUrl);
        p.put("queue.workers", "2");
        p.put("camel.main.shutdownTimeout", "2");
        p.put("camel.server.port", String.valueOf(Network.freePort()));
        p.put("aieditor.data-dir", dataDir.toString());
        p.put("newsletter.delivery", "outbox");
        p.put("decoration.parallelism", "1");
        p.putAll(ModelCall.decorationAndBoldingAt(model.url()));
        p.putAll(extra);
        return ChildJvm.start("faults-" + name, p, "serve", "--role", "worker");
    }

    /** An answer of the control API, with how long it took. */
    record Answer(int status, Map<String, List<String>> headers, String body, Duration took) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " in " + took.toMillis() + " ms: " + body;
        }
    }

    /** POST to the test process's control API with the bearer secret. */
    static Answer post(int port, String path, String json) {
        Instant start = Instant.now();
        try {
            HttpResponse<String> r = Http.send(Http.request("http://127.0.0.1:" + port + path)
                    .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + SECRET)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
            return new Answer(r.statusCode(), r.headers().map(), r.body(), Duration.between(start, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed after " + Duration.between(start, Instant.now()).toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One job as the store has it. */
    record Job(String id, String step, String status, String chainId, int attempt, int redeliveries, String worker,
               Instant startedAt, Instant finishedAt, String error) {
        long pid() {
            return Long.parseLong(worker.substring(0, worker.indexOf('@')));
        }
    }

    static List<Job> jobs(JdbcTemplate jdbc) {
        return jdbc.query("SELECT * FROM jobs ORDER BY created_at", (rs, i) -> new Job(rs.getString("id"), rs.getString("step"),
                rs.getString("status"), rs.getString("chain_id"), rs.getInt("attempt"), rs.getInt("redeliveries"),
                rs.getString("worker"), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getString("error")));
    }

    static Job job(JdbcTemplate jdbc, String id) {
        return jobs(jdbc).stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no job " + id));
    }

    /** The chain's job for the step, if it was queued yet. */
    static java.util.Optional<Job> chainJob(JdbcTemplate jdbc, String chainId, String step) {
        return jobs(jdbc).stream().filter(j -> chainId.equals(j.chainId()) && j.step().equals(step)).findFirst();
    }

    static boolean chainCompleted(JdbcTemplate jdbc, String chainId) {
        return jobs(jdbc).stream().filter(j -> chainId.equals(j.chainId()) && j.status().equals("completed")).count()
                == aieditor.pipeline.BundledSteps.steps().all().size();
    }

    static List<Job> open(JdbcTemplate jdbc) {
        return jobs(jdbc).stream().filter(j -> List.of("queued", "running", "retrying").contains(j.status())).toList();
    }

    /** The issue was sent once: one sent delivery, one mautic_send job. */
    static void assertSentOnce(JdbcTemplate jdbc, java.time.LocalDate date) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE issue_date = ? AND status = 'sent'", Long.class, date))
                .as("sent deliveries of %s", date).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT status FROM jobs WHERE step = 'mautic_send' AND issue_date = ?", String.class, date))
                .as("mautic_send jobs of %s", date).containsExactly("completed");
    }

    /** Every job's status, attempt and redeliveries, for the failure messages. */
    static String describe(JdbcTemplate jdbc) {
        return jobs(jdbc).stream().map(j -> j.step() + "=" + j.status() + "(attempt " + j.attempt() + ", redeliveries "
                + j.redeliveries() + (j.error() == null ? "" : ", " + j.error()) + ")").collect(Collectors.joining(", "));
    }

    /** Lines of the workers' logs that contain any of the words: what the failure message shows. */
    static String logLines(List<ChildJvm> workers, String... words) {
        List<String> lines = new ArrayList<>();
        for (ChildJvm w : workers) {
            for (String line : w.log().split("\n")) {
                for (String word : words) {
                    if (line.contains(word)) {
                        lines.add("[" + w.pid() + "] " + line);
                        break;
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
