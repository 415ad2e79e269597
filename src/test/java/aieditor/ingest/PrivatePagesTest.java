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
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With full text on and the default ingest.full-text.private-hosts=false, a feed whose entries link into the
 * ingest's own network (here 127.0.0.1, and the cloud metadata address) gets its feed read and its summaries
 * stored, and not one page request reaches those addresses.
 */
class PrivatePagesTest extends PipelineTestSupport {
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<String> FEED = new AtomicReference<>();
    private static final FakeServer SERVER = start();

    private static FakeServer start() {
        try {
            FakeServer server = FakeServer.start(r -> {
                REQUESTS.add(r.path());
                return r.path().equals("/feed.xml") ? new Response(200, FEED.get(), Map.of("Content-Type", "application/rss+xml"))
                        : new Response(200, "<html></html>", Map.of("Content-Type", "text/html"));
            });
            String base = server.url();
            FEED.set(Files.readString(Path.of("src/test/resources/ingest/pages/teaser-feed.xml")).replace("BASE", base)
                    .replace(base + "/index", "http://169.254.169.254/latest/meta-data"));
            System.setProperty("ingest.feeds", base + "/feed.xml");
            System.setProperty("ingest.folders", "");
            System.setProperty("ingest.full-text.enabled", "true");
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
    void should_not_fetch_pages_on_private_addresses() {
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(REQUESTS).containsExactly("/feed.xml");
        assertThat(jdbc().queryForList("SELECT text_from FROM articles WHERE title <> ''", String.class))
                .hasSize(7).doesNotContain("page");
        assertThat((String) job.get("result")).contains("7 new articles from 7 read (text: 2 from feeds, 0 from pages, 5 summary only)");
    }
}
