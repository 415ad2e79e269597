package aieditor.ingest;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingest through camel-http and from files: good sources load, broken ones are recorded and skipped, duplicates dropped. */
class IngestRouteTest extends PipelineTestSupport {
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final FakeServer SERVER = start();

    private static FakeServer start() {
        try {
            String feed = Files.readString(Path.of("src/test/resources/ingest/served-feed.xml"));
            FakeServer server = FakeServer.start(r -> switch (r.path()) {
                case "/feed.xml" -> {
                    REQUESTS.add(r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query()));
                    yield new Response(200, feed, Map.of("Content-Type", "application/rss+xml"));
                }
                case "/homepage" -> new Response(200, "<html><body>Not a feed</body></html>", Map.of());
                default -> new Response(404, "", Map.of()); // /gone.xml
            });
            String base = server.url();
            // read by the application's properties before the Camel context starts
            System.setProperty("ingest.feeds", String.join(",", "samples/feeds", base + "/feed.xml",
                    base + "/gone.xml", base + "/homepage", "src/test/resources/ingest/truncated-feed.xml"));
            System.setProperty("ingest.folders", "samples/articles");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void should_load_good_sources_record_broken_ones_and_drop_duplicates() {
        REQUESTS.clear();
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(REQUESTS).containsExactly("GET /feed.xml");
        String result = (String) job.get("result");
        assertThat(result).contains("gone.xml").contains("404").contains("/homepage").contains("truncated-feed.xml");
        // the served feed's Haldecott link is a sample feed's URL with other tracking parameters: dropped; its
        // Quillmark title is a sample feed's story told again: kept as another report of that story
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'orchard-bulletin'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE title LIKE 'Orchard Compute ships%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE canonical_url LIKE '%haldecott-robotics-warehouse-arms%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE LOWER(title) LIKE 'quillmark raises%' AND story_url IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE LOWER(title) LIKE 'quillmark raises%' AND story_url = "
                + "(SELECT canonical_url FROM articles WHERE LOWER(title) LIKE 'quillmark raises%' AND story_url IS NULL)")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM articles")).isGreaterThanOrEqualTo(45);
        // full text is off by default, and local files never fetch: every text is the source's own or its summary
        assertThat(count("SELECT COUNT(*) FROM articles WHERE text_from = 'page'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM articles WHERE text_from = 'feed'")).isPositive();
        assertThat(result).containsPattern("text: \\d+ from feeds, 0 from pages, \\d+ summary only");
    }

    @Test
    void should_store_nothing_new_when_the_same_sources_are_read_again() {
        runStep("ingest", LocalDate.of(2026, 11, 21));
        long before = count("SELECT COUNT(*) FROM articles");

        Map<String, Object> again = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(again.get("status")).isEqualTo("completed");
        assertThat((String) again.get("result")).contains("\"written\":0");
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(before);
    }
}
