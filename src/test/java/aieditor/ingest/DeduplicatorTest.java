package aieditor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import aieditor.model.Article;
import aieditor.text.TitleSimilarity;

class DeduplicatorTest {

    private static final String QUILLMARK = "Quillmark raises $40M to build AI fact-checking tools";

    /** One job's dedupe of one batch: the stored articles start their own stories. */
    private static DedupeResult dedupe(List<Article> incoming, List<Article> existing, double threshold) {
        List<Deduplicator.Stored> stored = existing.stream().map(a -> new Deduplicator.Stored(a, null)).toList();
        return new Deduplicator(stored, incoming, threshold).dedupe(incoming);
    }

    private static Article article(String source, String title, String url) {
        return new Article(null, source, title, url, UrlCanonicalizer.canonical(url), null, null, "", "");
    }

    @Test
    void should_drop_incoming_article_whose_url_matches_an_earlier_incoming_one() {
        Article first = article("ledger", "Quillmark raises money", "https://news.example/q?utm_source=rss");
        Article again = article("wire", "Totally different headline", "http://www.news.example/q/");

        DedupeResult result = dedupe(List.of(first, again), List.of(), 0.8);

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

        DedupeResult result = dedupe(List.of(incoming), List.of(stored), 0.8);

        assertThat(result.kept()).isEmpty();
        assertThat(result.duplicates()).extracting(Duplicate::reason)
                .containsExactly("duplicate url of ledger: Stored story");
    }

    @Test
    void should_drop_near_duplicate_title_from_the_same_source_and_name_the_similarity() {
        Article first = article("ledger", QUILLMARK, "https://a.example/1");
        Article copy = article("ledger", "Quillmark Raises $40 Million to Build AI Fact-Checking Tools",
                "https://a.example/2");

        DedupeResult result = dedupe(List.of(first, copy), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(first);
        assertThat(result.duplicates()).extracting(Duplicate::reason).containsExactly(
                "near-duplicate title of ledger: " + QUILLMARK + " (similarity 1.00)");
    }

    @Test
    void should_keep_the_same_story_from_another_source_as_a_report_of_the_first() {
        Article first = article("ledger", QUILLMARK, "https://a.example/1");
        Article copy = article("wire", "Quillmark Raises $40 Million to Build AI Fact-Checking Tools",
                "https://b.example/2");
        Article third = article("daily", "Quillmark raises $40M to build AI fact-checking tools", "https://c.example/3");

        DedupeResult result = dedupe(List.of(first, copy, third), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(first, copy, third);
        assertThat(result.duplicates()).isEmpty();
        assertThat(result.storyOf()).containsOnlyKeys(copy.canonicalUrl(), third.canonicalUrl());
        assertThat(result.storyOf().get(copy.canonicalUrl()).storyKey()).isEqualTo(first.canonicalUrl());
        assertThat(result.storyOf().get(copy.canonicalUrl()).similarity()).isEqualTo(1.0);
        // the third report joins the story of the first, whichever report it resembles most
        assertThat(result.storyOf().get(third.canonicalUrl()).storyKey()).isEqualTo(first.canonicalUrl());
    }

    @Test
    void should_join_the_story_a_stored_report_belongs_to() {
        Article root = article("ledger", "Northwind opens Berlin data center", "https://a.example/root").withId(1);
        Article report = article("wire", QUILLMARK, "https://b.example/report").withId(2);
        Article incoming = article("daily", "Quillmark raises $40M to build AI fact-checking tools", "https://c.example/new");

        DedupeResult result = new Deduplicator(List.of(new Deduplicator.Stored(root, null),
                new Deduplicator.Stored(report, root.canonicalUrl())), List.of(incoming), 0.8).dedupe(List.of(incoming));

        assertThat(result.storyOf().get(incoming.canonicalUrl()).storyKey()).isEqualTo(root.canonicalUrl());
        assertThat(result.storyOf().get(incoming.canonicalUrl()).of()).isEqualTo(report);
    }

    @Test
    void should_see_what_earlier_batches_and_other_ingests_stored() {
        Article first = article("ledger", QUILLMARK, "https://a.example/1");
        Article meanwhile = article("wire", "Northwind opens Berlin data center", "https://b.example/n").withId(9);
        Article again = article("ledger", "Quillmark raises $40 million to build AI fact-checking tools", "https://a.example/2");
        Article sameAsOther = article("ledger", "Northwind opens a Berlin data center", "https://a.example/3");
        Deduplicator job = new Deduplicator(List.of(), List.of(first, again, sameAsOther), 0.8);

        assertThat(job.dedupe(List.of(first)).kept()).containsExactly(first);
        // stored by another ingest meanwhile, with words this job never numbered
        job.remember(List.of(new Deduplicator.Stored(meanwhile, null)));
        DedupeResult later = job.dedupe(List.of(again, sameAsOther));

        assertThat(later.duplicates()).extracting(Duplicate::article).containsExactly(again);
        assertThat(later.kept()).containsExactly(sameAsOther);
        assertThat(later.storyOf().get(sameAsOther.canonicalUrl()).storyKey()).isEqualTo(meanwhile.canonicalUrl());
    }

    @Test
    void should_drop_near_duplicate_title_against_existing_articles() {
        Article stored = article("ledger", QUILLMARK, "https://a.example/1");
        Article incoming = article("ledger", "quillmark raises $40 million to build AI fact checking tools!",
                "https://b.example/2");

        DedupeResult result = dedupe(List.of(incoming), List.of(stored), 0.8);

        assertThat(result.kept()).isEmpty();
        assertThat(result.duplicates()).singleElement().extracting(Duplicate::reason).asString()
                .startsWith("near-duplicate title of ledger: ");
    }

    @Test
    void should_keep_unrelated_stories_that_share_words() {
        Article quillmark = article("ledger", QUILLMARK, "https://a.example/1");
        Article northwind = article("wire", "Northwind raises $40M to build AI chips", "https://b.example/2");

        DedupeResult result = dedupe(List.of(quillmark, northwind), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(quillmark, northwind);
        assertThat(result.duplicates()).isEmpty();
    }

    @Test
    void should_keep_the_first_of_each_story_and_preserve_input_order() {
        Article a = article("one", "Alpha launches rocket", "https://a.example/a");
        Article b = article("two", "Beta opens store", "https://a.example/b");
        Article aCopy = article("one", "Alpha launches rocket", "https://c.example/a");
        Article c = article("four", "Gamma hires chief", "https://a.example/c");

        DedupeResult result = dedupe(List.of(a, b, aCopy, c), List.of(), 0.8);

        assertThat(result.kept()).containsExactly(a, b, c);
        assertThat(result.duplicates()).extracting(Duplicate::article).containsExactly(aCopy);
    }

    @Test
    void should_not_treat_missing_urls_as_equal() {
        Article first = article("one", "Alpha launches rocket", null);
        Article second = article("two", "Beta opens store", null);

        assertThat(dedupe(List.of(first, second), List.of(), 0.8).kept()).containsExactly(first, second);
    }

    @Test
    void should_derive_canonical_url_for_existing_rows_that_lack_one() {
        Article legacy = new Article(7L, "ledger", "Legacy row", "https://www.news.example/s/", null,
                null, null, "", "");
        Article incoming = article("wire", "Fresh angle", "https://news.example/s");

        DedupeResult result = dedupe(List.of(incoming), List.of(legacy), 0.8);

        assertThat(result.duplicates()).extracting(Duplicate::reason)
                .containsExactly("duplicate url of ledger: Legacy row");
    }

    /**
     * The index must decide exactly as comparing every title with every other did: same kept articles, same
     * reasons (the best match, the earliest among equals), at every threshold, on titles drawn from a small
     * vocabulary so that near-duplicates, ties and titles of one or two words are common.
     */
    @Test
    void should_decide_as_comparing_all_pairs_does() {
        java.util.Random random = new java.util.Random(7);
        String[] words = {"ai", "model", "chip", "raises", "fund", "lab", "open", "quillmark", "northwind", "robot",
                "agent", "cloud", "eu", "rules", "berlin", "40m", "data", "center", "launch", "delay"};
        for (double threshold : new double[]{0.0, 0.3, 0.5, 0.6, 0.8, 1.0}) {
            List<Article> existing = new java.util.ArrayList<>();
            List<Article> incoming = new java.util.ArrayList<>();
            for (int i = 0; i < 900; i++) {
                StringBuilder title = new StringBuilder();
                for (int w = 0, n = 1 + random.nextInt(6); w < n; w++) {
                    title.append(words[random.nextInt(words.length)]).append(' ');
                }
                Article a = article("s" + random.nextInt(5), title.toString().strip(), "https://x.example/" + random.nextInt(2000));
                (i < 300 ? existing : incoming).add(a);
            }
            DedupeResult indexed = dedupe(incoming, existing, threshold);
            DedupeResult allPairs = allPairs(incoming, existing, threshold);
            assertThat(indexed.kept()).as("threshold %s", threshold).isEqualTo(allPairs.kept());
            assertThat(indexed.duplicates()).as("threshold %s", threshold).isEqualTo(allPairs.duplicates());
            assertThat(indexed.storyOf()).as("threshold %s", threshold).isEqualTo(allPairs.storyOf());
        }
    }

    /** What the deduplicator did before its index: every new title compared with every accepted one. */
    private static DedupeResult allPairs(List<Article> incoming, List<Article> existing, double threshold) {
        java.util.Map<String, Article> byUrl = new java.util.HashMap<>();
        java.util.Map<String, String> stories = new java.util.HashMap<>();
        java.util.Map<String, DedupeResult.SameStory> storyOf = new java.util.HashMap<>();
        List<Article> seen = new java.util.ArrayList<>();
        for (Article a : existing) {
            byUrl.putIfAbsent(a.canonicalUrl(), a);
            stories.putIfAbsent(a.canonicalUrl(), a.canonicalUrl());
            seen.add(a);
        }
        List<Article> kept = new java.util.ArrayList<>();
        List<Duplicate> duplicates = new java.util.ArrayList<>();
        for (Article a : incoming) {
            Article sameUrl = byUrl.get(a.canonicalUrl());
            String reason = sameUrl == null ? null : "duplicate url of " + sameUrl.source() + ": " + sameUrl.title();
            if (reason == null) {
                Article best = null;
                double bestScore = -1;
                for (Article other : seen) {
                    double score = TitleSimilarity.similarity(a.title(), other.title());
                    if (score > 0 && score >= threshold && score > bestScore) {
                        best = other;
                        bestScore = score;
                    }
                }
                if (best != null && best.source().equals(a.source())) {
                    reason = String.format(java.util.Locale.ROOT,
                            "near-duplicate title of %s: %s (similarity %.2f)", best.source(), best.title(), bestScore);
                } else if (best != null) {
                    storyOf.put(a.canonicalUrl(), new DedupeResult.SameStory(stories.get(best.canonicalUrl()), best, bestScore));
                }
            }
            if (reason == null) {
                kept.add(a);
                byUrl.putIfAbsent(a.canonicalUrl(), a);
                DedupeResult.SameStory story = storyOf.get(a.canonicalUrl());
                stories.putIfAbsent(a.canonicalUrl(), story == null ? a.canonicalUrl() : story.storyKey());
                seen.add(a);
            } else {
                duplicates.add(new Duplicate(a, reason));
            }
        }
        return new DedupeResult(kept, duplicates, storyOf);
    }
}
