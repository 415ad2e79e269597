package aieditor.ingest;

import aieditor.model.Article;
import aieditor.text.TitleSimilarity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dedupe's accuracy on the project's labelled headline pairs (src/test/resources/ingest/near-duplicates.tsv): at the
 * default threshold it never merges two stories, and it finds most rewordings. The indexed deduplicator decides each
 * pair as the plain similarity does. The figures are printed for the closing notes and bench/README.md.
 */
class DedupeAccuracyTest {
    private static final double THRESHOLD = 0.8;

    record Pair(boolean same, String a, String b) {
    }

    private static List<Pair> pairs() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/ingest/near-duplicates.tsv"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                .map(f -> new Pair(f[0].equals("1"), f[1], f[2])).toList();
    }

    private static Article article(String source, String title) {
        String url = "https://" + source + ".example/" + Integer.toHexString(title.hashCode());
        return new Article(null, source, title, url, UrlCanonicalizer.canonical(url), null, null, "", "");
    }

    @Test
    void should_never_merge_two_stories_and_find_most_rewordings() throws IOException {
        List<Pair> pairs = pairs();
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        for (Pair p : pairs) {
            Article a = article("one", p.a());
            Article b = article("two", p.b());
            DedupeResult result = new Deduplicator(List.of(), List.of(a, b), THRESHOLD).dedupe(List.of(a, b));
            boolean merged = result.storyOf().containsKey(b.canonicalUrl());
            assertThat(merged).as("indexed as plain similarity: %s / %s", p.a(), p.b())
                    .isEqualTo(TitleSimilarity.nearDuplicate(p.a(), p.b(), THRESHOLD));
            if (merged && p.same()) {
                truePositives++;
            } else if (merged) {
                falsePositives++;
            } else if (p.same()) {
                falseNegatives++;
            }
        }
        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = (double) truePositives / (truePositives + falseNegatives);
        System.out.printf("Dedupe accuracy at %.2f on %d pairs: precision %.2f, recall %.2f (%d found, %d missed, %d wrong)%n",
                THRESHOLD, pairs.size(), precision, recall, truePositives, falseNegatives, falsePositives);
        assertThat(falsePositives).isZero();
        assertThat(recall).isGreaterThanOrEqualTo(0.6);
    }
}
