package aieditor.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import aieditor.model.Article;

/**
 * Keeps one article per story. The rule is "first one wins": existing (already stored) articles always win,
 * then incoming articles in the order given. We deliberately do not try to pick the "best" copy (longest body,
 * most trusted source): that would make the result depend on more than input order and be harder to explain.
 * Callers that prefer a source should order {@code incoming} accordingly.
 */
public class Deduplicator {

    /** A story already accepted, with its title tokenised once rather than per comparison. */
    private record Seen(Article article, Set<String> tokens) {
    }

    public DedupeResult dedupe(List<Article> incoming, List<Article> existing, double titleThreshold) {
        Map<String, Article> byUrl = new HashMap<>();
        List<Seen> seen = new ArrayList<>();
        for (Article article : existing) {
            remember(article, byUrl, seen);
        }
        List<Article> kept = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (Article article : incoming) {
            String reason = duplicateReason(article, byUrl, seen, titleThreshold);
            if (reason == null) {
                kept.add(article);
                remember(article, byUrl, seen);
            } else {
                duplicates.add(new Duplicate(article, reason));
            }
        }
        return new DedupeResult(kept, duplicates);
    }

    private static String duplicateReason(Article article, Map<String, Article> byUrl, List<Seen> seen,
                                          double threshold) {
        String key = urlKey(article);
        Article sameUrl = key == null ? null : byUrl.get(key);
        if (sameUrl != null) {
            return "duplicate url of " + sameUrl.source() + ": " + sameUrl.title();
        }
        Set<String> tokens = TitleSimilarity.tokens(article.title());
        // the best match, not the first over the threshold, so the reason names the story it really repeats
        Seen best = null;
        double bestScore = -1;
        for (Seen other : seen) {
            double score = TitleSimilarity.jaccard(tokens, other.tokens());
            if (score > 0 && score >= threshold && score > bestScore) {
                best = other;
                bestScore = score;
            }
        }
        return best == null ? null : String.format(Locale.ROOT, "near-duplicate title of %s: %s (similarity %.2f)",
                best.article().source(), best.article().title(), bestScore);
    }

    private static void remember(Article article, Map<String, Article> byUrl, List<Seen> seen) {
        String key = urlKey(article);
        if (key != null) {
            byUrl.putIfAbsent(key, article);
        }
        seen.add(new Seen(article, TitleSimilarity.tokens(article.title())));
    }

    // stored rows from older code may lack canonicalUrl; derive it rather than silently missing a match
    private static String urlKey(Article article) {
        String key = article.canonicalUrl() != null
                ? article.canonicalUrl() : UrlCanonicalizer.canonical(article.url());
        return key == null || key.isBlank() ? null : key;
    }
}
