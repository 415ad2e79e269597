package aieditor.ingest;

import aieditor.PipelineTestSupport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teasers of a feed fetched over HTTP get their article from their pages, served by a local server: extracted
 * without the page's furniture, each page fetched once however many feeds carry the story, never again once the
 * story is stored; a page that fails, is too large, stalls past its deadline or holds no article leaves the summary,
 * and articles.text_from says which text each article has.
 */
class FullTextTest extends PipelineTestSupport {
    private static final long MAX_PAGE_BYTES = 65_536;
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static final HttpServer SERVER = start();
    private static String base;

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // the stalling page holds its thread; the others must not wait behind it
            server.setExecutor(Executors.newCachedThreadPool());
            base = "http://127.0.0.1:" + server.getAddress().getPort();
            String feed = Files.readString(Path.of("src/test/resources/ingest/pages/teaser-feed.xml")).replace("BASE", base);
            String copy = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Edge Weekly</title><link>" + base
                    + "/</link><description>another outlet</description><item><title>Orchard's accelerator, syndicated</title>"
                    + "<link>" + base + "/news</link><description>The same story.</description></item></channel></rss>";
            server.createContext("/", ex -> serve(ex, feed, copy));
            server.start();
            System.setProperty("ingest.feeds", base + "/feed.xml," + base + "/copy.xml");
            System.setProperty("ingest.folders", "");
            System.setProperty("ingest.full-text.enabled", "true");
            System.setProperty("ingest.full-text.max-bytes", Long.toString(MAX_PAGE_BYTES));
            System.setProperty("ingest.full-text.deadline-ms", "1500");
            // the test's pages are on 127.0.0.1; PrivatePagesTest shows what the default does with such links
            System.setProperty("ingest.full-text.private-hosts", "true");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(HttpExchange ex, String feed, String copy) throws IOException {
        String path = ex.getRequestURI().getPath();
        REQUESTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        switch (path) {
            case "/feed.xml" -> send(ex, "application/rss+xml", feed.getBytes(StandardCharsets.UTF_8));
            case "/copy.xml" -> send(ex, "application/rss+xml", copy.getBytes(StandardCharsets.UTF_8));
            case "/news" -> send(ex, "text/html; charset=utf-8", page("news-article.html"));
            case "/blog" -> {
                // moved, as blogs do: the fetch follows the redirect itself, one checked hop at a time
                ex.getResponseHeaders().add("Location", "/posts/blog");
                ex.sendResponseHeaders(301, -1);
                ex.close();
            }
            case "/posts/blog" -> send(ex, "text/html", page("blog-post.html"));
            case "/index" -> send(ex, "text/html; charset=utf-8", page("no-article.html"));
            case "/huge" -> send(ex, "text/html", ("<html><body><article>" + "<p>Padding paragraph of a page that is far too large.</p>"
                    .repeat(3000) + "</article></body></html>").getBytes(StandardCharsets.UTF_8));
            case "/stall" -> {
                ex.getResponseHeaders().add("Content-Type", "text/html");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write("<html><body><article><p>The start of a page that never".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    STOP.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | IOException closedByClient) {
                    // the client's deadline closed the connection, which is what the test wants
                }
                ex.close();
            }
            default -> {
                ex.sendResponseHeaders(404, -1);
                ex.close();
            }
        }
    }

    private static byte[] page(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/ingest/pages/" + name));
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @AfterAll
    static void stop() {
        STOP.countDown();
        SERVER.stop(0);
    }

    @Test
    void should_fill_teasers_from_their_pages_once_and_keep_the_summary_when_a_page_fails() {
        REQUESTS.clear();
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 21));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(textFrom("/news")).isEqualTo("page");
        String news = body("/news");
        assertThat(news).contains("<p>Orchard Compute on Saturday began shipping its first inference accelerator")
                .contains("Analysts expect the market for edge accelerators to double by 2028")
                .doesNotContain("NAV-LINK").doesNotContain("Share on").doesNotContain("ADVERTISEMENT-BLOCK")
                .doesNotContain("READER-COMMENT").doesNotContain("SITE-FOOTER");
        // the feed's summary stays the summary, without its "Continue reading..."
        assertThat(jdbc().queryForObject("SELECT summary FROM articles WHERE url LIKE ?", String.class, base + "/news%"))
                .isEqualTo("The accelerator runs quantised AI models at 40 watts.");
        // a body barely longer than its summary is a teaser too
        assertThat(textFrom("/blog")).isEqualTo("page");
        assertThat(body("/blog")).contains("You can read more about the method in the paper linked below.");
        assertThat(textFrom("/full")).isEqualTo("feed");
        assertThat(body("/full")).startsWith("<p>FULL-BODY");
        for (String fallsBack : new String[]{"/index", "/missing", "/huge", "/stall"}) {
            assertThat(textFrom(fallsBack)).as(fallsBack).isEqualTo("summary");
            assertThat(body(fallsBack)).as(fallsBack).isEmpty();
        }

        // each page once, though two feeds carry the accelerator story; a full body's page never
        for (String page : new String[]{"/news", "/blog", "/posts/blog", "/index", "/missing", "/huge", "/stall"}) {
            assertThat(REQUESTS.get(page)).as(page).hasValue(1);
        }
        assertThat(REQUESTS).doesNotContainKey("/full");
        assertThat((String) job.get("result")).contains("7 new articles from 8 read (text: 1 from feeds, 2 from pages, 4 summary only)");

        // stored stories are not fetched again
        Map<String, Object> again = runStep("ingest", LocalDate.of(2026, 11, 21));
        assertThat(again.get("status")).isEqualTo("completed");
        assertThat((String) again.get("result")).contains("0 new articles from 8 read");
        for (String page : new String[]{"/news", "/blog", "/index", "/missing", "/huge", "/stall"}) {
            assertThat(REQUESTS.get(page)).as(page).hasValue(1);
        }
        assertThat(REQUESTS.get("/feed.xml")).hasValue(2);
    }

    private String textFrom(String path) {
        return jdbc().queryForObject("SELECT text_from FROM articles WHERE url LIKE ?", String.class, base + path + "%");
    }

    private String body(String path) {
        return jdbc().queryForObject("SELECT body FROM articles WHERE url LIKE ?", String.class, base + path + "%");
    }
}
