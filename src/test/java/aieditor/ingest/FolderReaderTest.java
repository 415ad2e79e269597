package aieditor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aieditor.model.Article;

class FolderReaderTest {

    @TempDir
    Path folder;

    private final FolderReader reader = new FolderReader();

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }

    @Test
    void should_read_a_json_file_holding_one_object() throws IOException {
        write("one.json", """
                {"source": "The Verge", "title": "AT&amp;T <em>buys</em> Quillmark",
                 "url": "https://www.verge.example/att?utm_source=x", "author": "Ada",
                 "published": "2025-01-06T09:30:00Z", "summary": "<p>Big&nbsp;news</p>", "body": "<p>Body</p>"}
                """);

        FolderResult result = reader.read(folder);

        assertThat(result.problems()).isEmpty();
        assertThat(result.articles()).containsExactly(new Article(null, "the-verge", "AT&T buys Quillmark",
                "https://www.verge.example/att?utm_source=x", "https://verge.example/att", "Ada",
                Instant.parse("2025-01-06T09:30:00Z"), "Big news", "<p>Body</p>"));
    }

    @Test
    void should_read_a_json_array_and_default_missing_fields() throws IOException {
        write("digest.json", """
                [{"title": "First", "url": "https://a.example/1"},
                 {"source": "wire", "title": "Second"}]
                """);

        FolderResult result = reader.read(folder);

        assertThat(result.problems()).isEmpty();
        assertThat(result.articles()).extracting(Article::source, Article::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("digest", "First"),
                        org.assertj.core.groups.Tuple.tuple("wire", "Second"));
        Article second = result.articles().get(1);
        assertThat(second.url()).isNull();
        assertThat(second.canonicalUrl()).isNull();
        assertThat(second.publishedAt()).isNull();
        assertThat(second.author()).isNull();
        assertThat(second.summary()).isEmpty();
        assertThat(second.body()).isEmpty();
    }

    @Test
    void should_read_markdown_front_matter_and_keep_the_body_as_markdown() throws IOException {
        write("note.md", """
                ---
                title: "Zürich café: a <b>new</b> AI menu"
                source: Café Révolution
                url: https://cafe.example/menu/
                author: Émile
                published: 2025-01-05
                summary: Crème &amp; robots
                ---
                # Heading

                Some *markdown* body.
                """);

        FolderResult result = reader.read(folder);

        assertThat(result.problems()).isEmpty();
        Article note = result.articles().get(0);
        assertThat(note.title()).isEqualTo("Zürich café: a new AI menu");
        assertThat(note.source()).isEqualTo("cafe-revolution");
        assertThat(note.canonicalUrl()).isEqualTo("https://cafe.example/menu");
        assertThat(note.author()).isEqualTo("Émile");
        assertThat(note.publishedAt()).isEqualTo(Instant.parse("2025-01-05T00:00:00Z"));
        assertThat(note.summary()).isEqualTo("Crème & robots");
        assertThat(note.body()).isEqualTo("# Heading\n\nSome *markdown* body.");
    }

    @Test
    void should_report_and_skip_a_broken_json_file_but_load_the_others() throws IOException {
        write("a-good.json", "{\"title\": \"Good\", \"url\": \"https://a.example/good\"}");
        write("b-broken.json", "{\"title\": \"Broken\", ");
        write("c-good.md", "---\ntitle: Also good\n---\nbody");

        FolderResult result = reader.read(folder);

        assertThat(result.articles()).extracting(Article::title).containsExactly("Good", "Also good");
        assertThat(result.problems()).singleElement().asString().startsWith("b-broken.json: ");
    }

    @Test
    void should_report_bad_items_in_an_array_and_keep_the_rest() throws IOException {
        write("mixed.json", """
                [{"title": "Kept", "published": "2025-01-06T10:00:00+01:00"},
                 {"title": "Bad date", "published": "yesterday"},
                 {"summary": "no title and no url"},
                 "not an object"]
                """);

        FolderResult result = reader.read(folder);

        assertThat(result.articles()).extracting(Article::title).containsExactly("Kept");
        assertThat(result.articles().get(0).publishedAt()).isEqualTo(Instant.parse("2025-01-06T09:00:00Z"));
        assertThat(result.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("mixed.json[1]: ").contains("yesterday"))
                .anySatisfy(p -> assertThat(p).startsWith("mixed.json[2]: ").contains("no title"))
                .anySatisfy(p -> assertThat(p).startsWith("mixed.json[3]: "));
    }

    @Test
    void should_skip_and_report_hand_written_articles_whose_link_is_not_http_or_https() throws IOException {
        write("a.json", """
                [{"title": "Kept", "url": "HTTPS://a.example/kept"},
                 {"title": "Script", "url": "\\u0001javascript:alert(1)"}]
                """);
        write("b.md", "---\ntitle: Basic\nurl: vbscript:msgbox(1)\n---\nbody");

        FolderResult result = reader.read(folder);

        assertThat(result.articles()).extracting(Article::title).containsExactly("Kept");
        assertThat(result.problems()).containsExactly(
                "a.json[1]: entry 'Script' skipped: its link 'javascript:alert(1)' is not an http or https address",
                "b.md: entry 'Basic' skipped: its link 'vbscript:msgbox(1)' is not an http or https address");
    }

    @Test
    void should_report_markdown_without_front_matter() throws IOException {
        write("plain.md", "# Just a heading\n\nNo front matter here.");

        FolderResult result = reader.read(folder);

        assertThat(result.articles()).isEmpty();
        assertThat(result.problems()).singleElement().asString().startsWith("plain.md: ").contains("front matter");
    }

    @Test
    void should_read_files_in_name_order_and_ignore_other_types() throws IOException {
        write("b.md", "---\ntitle: B\n---\n");
        write("a.json", "{\"title\": \"A\"}");
        write("c.json", "[{\"title\": \"C\"}]");
        write("notes.txt", "ignored");

        FolderResult result = reader.read(folder);

        assertThat(result.articles()).extracting(Article::title).containsExactly("A", "B", "C");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void should_throw_when_the_folder_does_not_exist() {
        assertThatThrownBy(() -> reader.read(folder.resolve("missing")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing");
    }
}
