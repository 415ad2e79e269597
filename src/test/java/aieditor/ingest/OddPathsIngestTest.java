package aieditor.ingest;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings are data, not expression text: feed paths with "..", a quote and parentheses, which used to stop the app
 * at start-up with "Illegal syntax", are read like any other. An OPML file the operator keeps adds the feeds of its
 * nested outlines; a configured name is what readers see for a source.
 */
class OddPathsIngestTest extends PipelineTestSupport {
    private static final Path DIR = Path.of("target/odd-paths");
    private static final FakeServer SERVER = start();

    private static FakeServer start() {
        try {
            Path odd = Files.createDirectories(DIR.resolve("it's (odd)"));
            Files.createDirectories(DIR.resolve("sub"));
            Files.writeString(odd.resolve("dot-dot.xml"), Feeds.rss("Dot Dot Daily",
                    "Dot Dot Daily reviews AI chips|https://dotdot.example/one"));
            Files.writeString(odd.resolve("feed \"quoted\" (2).xml"), Feeds.rss("Quoted Gazette",
                    "Quoted Gazette on open source models|https://quoted.example/one"));

            String feed = Feeds.rss("Outline Observer", "Outline Observer sees robotics funding|https://outline.example/one");
            FakeServer server = FakeServer.start(r -> r.path().equals("/observer.xml") ? new Response(200, feed, Map.of())
                    : new Response(404, "", Map.of()));
            String observer = server.url() + "/observer.xml";
            // nested in a folder outline; a file path in a list is not followed
            Path opml = Files.writeString(DIR.resolve("subscriptions (1).opml"),
                    Feeds.opml("Tech folder", "Observer|" + observer, "Local|/etc/hostname"));

            // read by the application's properties before the Camel context starts
            Map.of("ingest.feeds", DIR.resolve("sub/../it's (odd)/dot-dot.xml") + ", "
                            + odd.resolve("feed \"quoted\" (2).xml"),
                    "ingest.opml", opml.toString(), "ingest.folders", "",
                    "ingest.source-names", "quoted-gazette=The Quoted Gazette (weekly)").forEach(System::setProperty);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void should_read_odd_paths_and_the_feeds_of_an_opml_file() {
        Map<String, Object> job = runStep("ingest", LocalDate.of(2026, 11, 20));

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'dot-dot-daily'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'quoted-gazette'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE source = 'outline-observer'")).isEqualTo(1);
        assertThat((String) job.get("result")).contains("has xmlUrl '/etc/hostname', not an http(s) URL; skipped");

        assertThat(jdbc().queryForObject("SELECT display_name FROM sources WHERE slug = 'dot-dot-daily'", String.class))
                .isEqualTo("Dot Dot Daily");
        assertThat(jdbc().queryForObject("SELECT last_status FROM sources WHERE slug = 'dot-dot-daily'", String.class))
                .isEqualTo("file");
        assertThat(jdbc().queryForObject("SELECT display_name FROM source_names WHERE slug = 'quoted-gazette'", String.class))
                .isEqualTo("The Quoted Gazette (weekly)");
        assertThat(jdbc().queryForObject("SELECT display_name FROM source_names WHERE slug = 'outline-observer'", String.class))
                .isEqualTo("Outline Observer");
    }
}
