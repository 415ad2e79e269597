package aieditor.ingest;

import aieditor.PipelineTestSupport;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With full text on and the default ingest.full-text.private-hosts=false, a feed whose entries link into the
 * ingest's own network (here 127.0.0.1, and the cloud metadata address) gets its feed read and its summaries
 * stored, and not one page request reaches those addresses.
 */
class PrivatePagesTest extends PipelineTestSupport {
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVER = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            byte[] feed = Files.readString(Path.of("src/test/resources/ingest/pages/teaser-feed.xml")).replace("BASE", base)
                    .replace(base + "/index", "http://169.254.169.254/latest/meta-data").getBytes(StandardCharsets.UTF_8);
            server.createContext("/", ex -> {
                REQUESTS.add(ex.getRequestURI().getPath());
                byte[] body = ex.getRequestURI().getPath().equals("/feed.xml") ? feed : "<html></html>".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", ex.getRequestURI().getPath().equals("/feed.xml") ? "application/rss+xml" : "text/html");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
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
        SERVER.stop(0);
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
