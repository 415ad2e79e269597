package aieditor.ingest;

import aieditor.PipelineTestSupport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest fetches like a good citizen, as the server sees it: it names itself, sends back the validators it was given
 * and takes a 304 as "nothing new", waits out a short Retry-After once, and stays away from a host that asked for a
 * long pause, in the next job too. The feeds of an OPML list served over HTTP are read, named by their outlines when
 * they have no title, and each source's health is stored.
 */
class PoliteFetchingTest extends PipelineTestSupport {
    private static final String USER_AGENT = "ai-editor-test/1.0 (+https://example.org/contact)";
    private static final String LAST_MODIFIED = "Thu, 19 Nov 2026 08:00:00 GMT";
    private static final Instant CLOSED_UNTIL = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static final List<Seen> REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger BUSY_CALLS = new AtomicInteger();
    private static final HttpServer SERVER = start();
    private static String base;

    record Seen(String path, String userAgent, String ifNoneMatch, String ifModifiedSince) {
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", PoliteFetchingTest::answer);
            server.start();
            base = "http://127.0.0.1:" + server.getAddress().getPort();
            String closed = "http://localhost:" + server.getAddress().getPort() + "/closed.xml";
            // read by the application's properties before the Camel context starts
            Map.of("ingest.feeds", String.join(",", base + "/etag.xml", base + "/busy.xml", closed),
                    "ingest.opml", base + "/list.opml", "ingest.folders", "",
                    "ingest.user-agent", USER_AGENT, "ingest.max-retry-after-seconds", "2").forEach(System::setProperty);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        REQUESTS.add(new Seen(path, ex.getRequestHeaders().getFirst("User-Agent"), ifNoneMatch,
                ex.getRequestHeaders().getFirst("If-Modified-Since")));
        switch (path) {
            case "/etag.xml" -> {
                if ("\"v1\"".equals(ifNoneMatch)) {
                    ex.sendResponseHeaders(304, -1);
                    ex.close();
                    return;
                }
                ex.getResponseHeaders().add("ETag", "\"v1\"");
                ex.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
                send(ex, 200, Feeds.rss("Etag Times", "Etag Times finds new AI chips|https://etag.example/one", "|",
                        "Etag Times tests a robotics model|https://etag.example/two"));
            }
            case "/busy.xml" -> {
                if (BUSY_CALLS.incrementAndGet() == 1) {
                    ex.getResponseHeaders().add("Retry-After", "1");
                    send(ex, 429, "slow down");
                } else {
                    send(ex, 200, Feeds.rss("Busy Bee", "Busy Bee counts GPU shipments|https://busy.example/one"));
                }
            }
            case "/closed.xml" -> {
                ex.getResponseHeaders().add("Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(CLOSED_UNTIL.atOffset(ZoneOffset.UTC)));
                send(ex, 503, "maintenance");
            }
            case "/list.opml" -> send(ex, 200, Feeds.opml("Reading list",
                    "Untitled From OPML|" + base + "/untitled.xml", "Listed twice|" + base + "/etag.xml"));
            case "/untitled.xml" -> send(ex, 200, Feeds.rss("", "A feed without a title covers inference|https://untitled.example/one"));
            default -> send(ex, 404, "no");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }

    private List<Seen> seen(String path) {
        return REQUESTS.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Map<String, Object> source(String location) {
        return jdbc().queryForMap("SELECT * FROM sources WHERE location = ?", location);
    }

    @Test
    void should_fetch_politely_and_record_each_sources_health() {
        Map<String, Object> first = runStep("ingest", LocalDate.of(2026, 11, 20));

        assertThat(first.get("status")).isEqualTo("completed");
        String result = (String) first.get("result");
        // every call names us, the OPML list's too; the first fetch has no validators to send
        assertThat(REQUESTS).isNotEmpty().allMatch(r -> USER_AGENT.equals(r.userAgent()));
        assertThat(seen("/list.opml")).hasSize(1);
        assertThat(seen("/etag.xml")).singleElement().satisfies(r -> {
            assertThat(r.ifNoneMatch()).isNull();
            assertThat(r.ifModifiedSince()).isNull();
        });
        // a 429 with Retry-After: 1 (under the 2 s cap) is waited once and fetched again
        assertThat(seen("/busy.xml")).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'busy-bee'")).isEqualTo(1);
        // a 503 asking for an hour skips the source, saying until when
        assertThat(seen("/closed.xml")).hasSize(1);
        assertThat(result).contains("HTTP 503: the host asks not to be fetched again before " + CLOSED_UNTIL);
        // an entry with neither title nor link is a problem of its source, not a silent drop
        assertThat(result).contains("entry 2 has neither title nor link; skipped");
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'etag-times'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE title LIKE 'A feed without a title%'")).isEqualTo(1);

        Map<String, Object> etag = source(base + "/etag.xml");
        assertThat(etag).containsEntry("last_status", "200").containsEntry("etag", "\"v1\"")
                .containsEntry("last_modified", LAST_MODIFIED).containsEntry("items_read", 2).containsEntry("new_items", 2)
                .containsEntry("display_name", "Etag Times").containsEntry("slug", "etag-times");
        assertThat((String) etag.get("errors")).contains("entry 2 has neither title nor link; skipped");
        assertThat(source(base + "/untitled.xml")).containsEntry("display_name", "Untitled From OPML")
                .containsEntry("last_status", "200");
        Map<String, Object> closed = source("http://localhost:" + SERVER.getAddress().getPort() + "/closed.xml");
        assertThat(closed).containsEntry("last_status", "503").containsEntry("items_read", 0);
        assertThat(((OffsetDateTime) closed.get("retry_not_before")).toInstant()).isEqualTo(CLOSED_UNTIL);
        assertThat(jdbc().queryForObject("SELECT display_name FROM source_names WHERE slug = 'etag-times'", String.class))
                .isEqualTo("Etag Times");

        Map<String, Object> second = runStep("ingest", LocalDate.of(2026, 11, 20));

        assertThat(second.get("status")).isEqualTo("completed");
        // the validators go back on the wire, and the 304 is nothing new rather than a problem
        assertThat(seen("/etag.xml")).hasSize(2).last().satisfies(r -> {
            assertThat(r.ifNoneMatch()).isEqualTo("\"v1\"");
            assertThat(r.ifModifiedSince()).isEqualTo(LAST_MODIFIED);
            assertThat(r.userAgent()).isEqualTo(USER_AGENT);
        });
        etag = source(base + "/etag.xml");
        assertThat(etag).containsEntry("last_status", "304 not modified").containsEntry("items_read", 0)
                .containsEntry("new_items", 0).containsEntry("errors", "[]").containsEntry("display_name", "Etag Times")
                .containsEntry("etag", "\"v1\"");
        assertThat((String) second.get("result")).doesNotContain(base + "/etag.xml");
        // the host's pause is remembered across jobs: no call at all, and the problem says until when
        assertThat(seen("/closed.xml")).hasSize(1);
        assertThat((String) second.get("result"))
                .contains("not fetched: its host asked not to be fetched again before " + CLOSED_UNTIL);
    }
}
