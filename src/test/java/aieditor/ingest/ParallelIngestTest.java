package aieditor.ingest;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources are fetched in parallel, never more at once from one host than ingest.max-per-host (127.0.0.1 and
 * localhost count as two hosts), and stored in the configured order whichever fetch finishes first.
 */
class ParallelIngestTest extends PipelineTestSupport {
    private static final HostileFeedServer SERVER = start();

    private static HostileFeedServer start() {
        HostileFeedServer server = new HostileFeedServer();
        // alpha is listed before its copy, but the copy answers at once and alpha only after SLOW_MS
        System.setProperty("ingest.feeds", String.join(",",
                server.url("127.0.0.1", "/slow/alpha"), server.url("127.0.0.1", "/slow/charlie"),
                server.url("127.0.0.1", "/slow/echo"), server.url("localhost", "/good/alpha+copy"),
                server.url("localhost", "/slow/bravo"), server.url("localhost", "/slow/delta")));
        System.setProperty("ingest.folders", "");
        System.setProperty("ingest.parallelism", "4");
        System.setProperty("ingest.max-per-host", "1");
        return server;
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void should_fetch_hosts_in_parallel_one_fetch_per_host_and_store_in_source_order() {
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(SERVER.maxInFlight("127.0.0.1")).isEqualTo(1);
        assertThat(SERVER.maxInFlight("localhost")).isEqualTo(1);
        // both hosts at once: parallel, yet bounded by the per-host limit
        assertThat(SERVER.maxInFlight()).isEqualTo(2);

        // the copy was fetched first, but alpha is listed first and keeps the shared stories
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'feed-alpha'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'feed-alpha-copy'")).isZero();
        for (String feed : new String[]{"bravo", "charlie", "delta", "echo"}) {
            assertThat(count("SELECT COUNT(*) FROM articles WHERE source = ?", "feed-" + feed)).isEqualTo(2);
        }
        assertThat((String) job.get("result")).contains("\"processed\":12").contains("\"written\":10").contains("\"errors\":[]");
    }
}
