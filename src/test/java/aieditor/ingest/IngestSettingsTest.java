package aieditor.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingest's settings are data: odd paths are fine, malformed entries are start-up errors naming their setting. */
class IngestSettingsTest {
    @TempDir
    Path dir;

    private static Map<String, String> defaults() {
        Map<String, String> p = new HashMap<>();
        p.put("ingest.feeds", "");
        p.put("ingest.folders", "");
        p.put("ingest.opml", "");
        p.put("airtable.enabled", "false");
        p.put("ingest.replay-dates", "false");
        p.put("ingest.title-similarity", "0.8");
        p.put("ingest.user-agent", "ai-editor/1.0 (+https://github.com/ai-editor/ai-editor)");
        p.put("ingest.max-retry-after-seconds", "30");
        p.put("ingest.source-names", "");
        return p;
    }

    private static IngestSettings read(Map<String, String> p) {
        return IngestSettings.read(p::get);
    }

    @Test
    void should_take_paths_with_dot_dot_quotes_and_parentheses_as_they_are() throws IOException {
        Path odd = Files.createDirectories(dir.resolve("it's (odd)"));
        Files.writeString(odd.resolve("feed \"one\".xml"), Feeds.rss("One", "A|https://one.example/a"));
        String viaDotDot = odd.resolve("..").resolve("it's (odd)").resolve("feed \"one\".xml").toString();
        Map<String, String> p = defaults();
        p.put("ingest.feeds", viaDotDot + ", https://feeds.example/rss?a=(1)&b='2'");
        p.put("ingest.folders", odd.toString());

        IngestSettings settings = read(p);

        assertThat(settings.feeds()).containsExactly(viaDotDot, "https://feeds.example/rss?a=(1)&b='2'");
        assertThat(settings.folders()).containsExactly(odd.toString());
    }

    @Test
    void should_refuse_a_feed_that_is_neither_a_web_url_nor_a_path() {
        Map<String, String> p = defaults();
        p.put("ingest.feeds", "ftp://feeds.example/rss");
        assertThatThrownBy(() -> read(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ingest.feeds: 'ftp://feeds.example/rss' is neither an http(s) URL nor an existing file or folder");
        p.put("ingest.feeds", dir.resolve("missing.xml").toString());
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("ingest.feeds: '" + dir.resolve("missing.xml"));
        p.put("ingest.feeds", "");
        p.put("ingest.folders", dir.resolve("no-such-folder").toString());
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("ingest.folders: ");
    }

    @Test
    void should_refuse_an_unreadable_or_malformed_opml_file() throws IOException {
        Map<String, String> p = defaults();
        p.put("ingest.opml", dir.resolve("absent.opml").toString());
        assertThatThrownBy(() -> read(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ingest.opml: cannot read the OPML file");
        Path notOpml = Files.writeString(dir.resolve("feed.opml"), Feeds.rss("Not a list"));
        p.put("ingest.opml", notOpml.toString());
        assertThatThrownBy(() -> read(p)).hasMessageContaining("ingest.opml: ").hasMessageContaining("is not an OPML document");
        Path doctype = Files.writeString(dir.resolve("entity.opml"), "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x "
                + "SYSTEM \"file:///etc/passwd\">]><opml><body><outline text=\"&x;\" xmlUrl=\"https://a.example/\"/></body></opml>");
        p.put("ingest.opml", doctype.toString());
        assertThatThrownBy(() -> read(p)).hasMessageContaining("ingest.opml: ").hasMessageContaining("not a readable OPML");
    }

    @Test
    void should_read_nested_outlines_with_their_names() {
        String xml = Feeds.opml("Tech", "Alpha News|https://alpha.example/rss", "Beta|https://beta.example/atom")
                .replace("<body>\n", "<body>\n<outline title=\"Top\" text=\"ignored\" xmlUrl=\"https://top.example/feed\"/>\n");
        assertThat(Opml.parse(xml.getBytes(), "list.opml")).containsExactly(
                new Opml.Feed("https://top.example/feed", "Top"),
                new Opml.Feed("https://alpha.example/rss", "Alpha News"),
                new Opml.Feed("https://beta.example/atom", "Beta"));
    }

    @Test
    void should_name_sources_by_location_or_slug() {
        Map<String, String> p = defaults();
        p.put("ingest.source-names", "https://feeds.example/rss?lang=en=Example News, kestrel-wire = Kestrel Wire");
        IngestSettings settings = read(p);
        assertThat(settings.nameOf("https://feeds.example/rss?lang=en", "example-slug")).isEqualTo("Example News");
        assertThat(settings.nameOf("samples/articles", "kestrel-wire")).isEqualTo("Kestrel Wire");
        assertThat(settings.nameOf(null, "other")).isNull();
        p.put("ingest.source-names", "no-name-here");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("ingest.source-names: 'no-name-here'");
    }
}
