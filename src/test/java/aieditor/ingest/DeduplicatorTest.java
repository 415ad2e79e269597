package aieditor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import aieditor.model.Article;

class DeduplicatorTest {

    private static final String QUILLMARK = "Quillmark raises $40M to build AI fact-checking tools";

    private final Deduplicator deduplicator = new Deduplicator();

    private static Article article(String source, String title, String url) {
        return new Article(null, source, title, url, UrlCanonicalizer.canonical(url), null, null, "", "");
    }

    @Test
    void should_drop_incoming_article_whose_url_matches_an_earlier_incoming_one() {
        Article first = article("ledger", "Quillmark raises money", "https://news.example/q?utm_source=rss");
        Article again = article("wire", "Totally different headline", "http://www.news.example/q/");

        DedupeResult result = deduplicator.dedupe(List.of(first, again), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(first);
        assertThat(result.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.article()).isEqualTo(again);
            assertThat(d.reason()).isEqualTo("duplicate url of ledger: Quillmark raises money");
        });
    }

    @Test
    void should_drop_incoming_article_whose_url_was_already_stored() {
        Article stored = article("ledger", "Stored story", "https://news.example/s").withId(42);
        Article incoming = article("wire", "Another take", "https://news.example/s#comments");

        DedupeResult result = deduplicator.dedupe(List.of(incoming), List.of(stored), 0.8);

        assertThat(result.kept()).isEmpty();
        assertThat(result.duplicates()).extracting(Duplicate::reason)
                .containsExactly("duplicate url of ledger: Stored story");
    }

    @Test
    void should_drop_near_duplicate_title_against_incoming_and_name_the_similarity() {
        Article first = article("ledger", QUILLMARK, "https://a.example/1");
        Article copy = article("wire", "Quillmark Raises $40 Million to Build AI Fact-Checking Tools",
                "https://b.example/2");

        DedupeResult result = deduplicator.dedupe(List.of(first, copy), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(first);
        assertThat(result.duplicates()).extracting(Duplicate::reason).containsExactly(
                "near-duplicate title of ledger: " + QUILLMARK + " (similarity 1.00)");
    }

    @Test
    void should_drop_near_duplicate_title_against_existing_articles() {
        Article stored = article("ledger", QUILLMARK, "https://a.example/1");
        Article incoming = article("wire", "quillmark raises $40 million to build AI fact checking tools!",
                "https://b.example/2");

        DedupeResult result = deduplicator.dedupe(List.of(incoming), List.of(stored), 0.8);

        assertThat(result.kept()).isEmpty();
        assertThat(result.duplicates()).singleElement().extracting(Duplicate::reason).asString()
                .startsWith("near-duplicate title of ledger: ");
    }

    @Test
    void should_keep_unrelated_stories_that_share_words() {
        Article quillmark = article("ledger", QUILLMARK, "https://a.example/1");
        Article northwind = article("wire", "Northwind raises $40M to build AI chips", "https://b.example/2");

        DedupeResult result = deduplicator.dedupe(List.of(quillmark, northwind), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(quillmark, northwind);
        assertThat(result.duplicates()).isEmpty();
    }

    @Test
    void should_keep_the_first_of_each_story_and_preserve_input_order() {
        Article a = article("one", "Alpha launches rocket", "https://a.example/a");
        Article b = article("two", "Beta opens store", "https://a.example/b");
        Article aCopy = article("three", "Alpha launches rocket", "https://c.example/a");
        Article c = article("four", "Gamma hires chief", "https://a.example/c");

        DedupeResult result = deduplicator.dedupe(List.of(a, b, aCopy, c), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(a, b, c);
        assertThat(result.duplicates()).extracting(Duplicate::article).containsExactly(aCopy);
    }

    @Test
    void should_not_treat_missing_urls_as_equal() {
        Article first = article("one", "Alpha launches rocket", null);
        Article second = article("two", "Beta opens store", null);

        assertThat(deduplicator.dedupe(List.of(first, second), List.of(), 0.8).kept()).containsExactly(first, second);
    }

    @Test
    void should_derive_canonical_url_for_existing_rows_that_lack_one() {
        Article legacy = new Article(7L, "ledger", "Legacy row", "https://www.news.example/s/", null,
                null, null, "", "");
        Article incoming = article("wire", "Fresh angle", "https://news.example/s");

        DedupeResult result = deduplicator.dedupe(List.of(incoming), List.of(legacy), 0.8);

        assertThat(result.duplicates()).extracting(Duplicate::reason)
                .containsExactly("duplicate url of ledger: Legacy row");
    }
}
