package aieditor.ingest;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bad feed host must neither stall nor kill ingest: a feed that never ends is cut at the size cap, feeds that
 * drip their headers or body are cut at the fetch deadline (the connection closed by us, as the server sees it),
 * and the good feeds next to them are stored, the step taking about one deadline rather than the sum.
 */
class HostileFeedsTest extends PipelineTestSupport {
    private static final long DEADLINE_MS = 2000;
    private static final long MAX_FEED_BYTES = 5_242_880;
    private static final HostileFeedServer SERVER = start();

    private static HostileFeedServer start() {
        HostileFeedServer server = new HostileFeedServer();
        // read by the application's properties before the Camel context starts
        System.setProperty("ingest.feeds", String.join(",",
                server.url("127.0.0.1", "/drip-body"), server.url("localhost", "/drip-headers"),
                server.url("localhost", "/drip-body"), server.url("127.0.0.1", "/endless"),
                server.url("127.0.0.1", "/good/alpha"), server.url("localhost", "/good/bravo")));
        System.setProperty("ingest.folders", "");
        System.setProperty("ingest.fetch-deadline-ms", Long.toString(DEADLINE_MS));
        System.setProperty("ingest.max-feed-bytes", Long.toString(MAX_FEED_BYTES));
        System.setProperty("ingest.parallelism", "4");
        System.setProperty("ingest.max-per-host", "2");
        return server;
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void should_cut_hostile_feeds_and_store_the_good_ones_within_about_one_deadline() {
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'feed-alpha'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'feed-bravo'")).isEqualTo(2);
        String result = (String) job.get("result");
        assertThat(result).contains("\"written\":4")
                .contains(SERVER.url("127.0.0.1", "/endless") + "\",\"error\":\"cut off: the body is over 5242880 bytes")
                .contains(SERVER.url("127.0.0.1", "/drip-body") + "\",\"error\":\"cut off after 2 s (deadline)")
                .contains(SERVER.url("localhost", "/drip-body") + "\",\"error\":\"cut off after 2 s (deadline)")
                .contains(SERVER.url("localhost", "/drip-headers") + "\",\"error\":\"cut off after 2 s (deadline)");

        // three sources drip at once: one deadline for all of them, not three after one another
        double stepSeconds = seconds(job.get("started_at"), job.get("finished_at"));
        System.out.printf("Ingest step with three dripping feeds took %.2f s (deadline %.1f s)%n", stepSeconds, DEADLINE_MS / 1e3);
        assertThat(stepSeconds).isBetween(DEADLINE_MS / 1e3, DEADLINE_MS / 1e3 + 1.5);

        // the connections are really closed by us: each hostile server sees it within deadline + 2 s
        List<HostileFeedServer.Connection> drips = List.of(SERVER.connections("/drip-body").get(0),
                SERVER.connections("/drip-body").get(1), SERVER.connections("/drip-headers").get(0));
        await().atMost(Duration.ofMillis(DEADLINE_MS + 2000)).until(() -> drips.stream().allMatch(HostileFeedServer.Connection::closed));
        for (HostileFeedServer.Connection drip : drips) {
            System.out.printf("%s on %s: the server saw the close %.2f s after the request (%s)%n", drip.path, drip.host,
                    drip.secondsOpen(), drip.howClosed.get());
            // nothing but the deadline ends these: the server would drip for a day
            assertThat(drip.secondsOpen()).isBetween(DEADLINE_MS / 1e3 / 2, DEADLINE_MS / 1e3 + 2);
        }

        // memory stays bounded: the endless feed is cut soon after the cap, far from what the 1 GB test heap holds
        HostileFeedServer.Connection endless = SERVER.connections("/endless").get(0);
        await().atMost(Duration.ofSeconds(2)).until(endless::closed);
        System.out.printf("/endless: %d bytes sent before the server saw the close %.2f s after the request (%s)%n",
                endless.bytesSent.get(), endless.secondsOpen(), endless.howClosed.get());
        assertThat(endless.bytesSent.get()).isGreaterThan(MAX_FEED_BYTES).isLessThan(64L * 1024 * 1024);
        assertThat(endless.secondsOpen()).isLessThan(DEADLINE_MS / 1e3);
    }

    private static double seconds(Object from, Object to) {
        return Duration.between(((OffsetDateTime) from).toInstant(), ((OffsetDateTime) to).toInstant()).toMillis() / 1e3;
    }
}
