package aieditor.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
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
 *
 * <p>Near-duplicate titles are found through an index, not by comparing every title with every other (which took
 * 91 s for 10,000 articles): two titles whose Jaccard similarity reaches the threshold t share at least one word among
 * the first |x| - ceil(t|x|) + 1 words of each, when both are ordered rarest word first (the prefix filter of
 * all-pairs similarity joins). Only the words of those prefixes are indexed and looked up, and rare words have short
 * lists, so each title is compared with the few that could match. The answer is the same as comparing all pairs: each
 * candidate is scored exactly, in the order the titles were accepted.
 */
public class Deduplicator {

    public DedupeResult dedupe(List<Article> incoming, List<Article> existing, double titleThreshold) {
        List<Set<String>> incomingTokens = incoming.stream().map(a -> TitleSimilarity.tokens(a.title())).toList();
        List<Set<String>> existingTokens = existing.stream().map(a -> TitleSimilarity.tokens(a.title())).toList();
        Index index = new Index(Rarity.of(existingTokens, incomingTokens), titleThreshold);
        Map<String, Article> byUrl = new HashMap<>();
        for (int i = 0; i < existing.size(); i++) {
            remember(existing.get(i), existingTokens.get(i), byUrl, index);
        }
        List<Article> kept = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            Article article = incoming.get(i);
            String reason = duplicateReason(article, incomingTokens.get(i), byUrl, index);
            if (reason == null) {
                kept.add(article);
                remember(article, incomingTokens.get(i), byUrl, index);
            } else {
                duplicates.add(new Duplicate(article, reason));
            }
        }
        return new DedupeResult(kept, duplicates);
    }

    private static String duplicateReason(Article article, Set<String> tokens, Map<String, Article> byUrl, Index index) {
        String key = urlKey(article);
        Article sameUrl = key == null ? null : byUrl.get(key);
        if (sameUrl != null) {
            return "duplicate url of " + sameUrl.source() + ": " + sameUrl.title();
        }
        Index.Match best = index.best(tokens);
        return best == null ? null : String.format(Locale.ROOT, "near-duplicate title of %s: %s (similarity %.2f)",
                best.article().source(), best.article().title(), best.score());
    }

    private static void remember(Article article, Set<String> tokens, Map<String, Article> byUrl, Index index) {
        String key = urlKey(article);
        if (key != null) {
            byUrl.putIfAbsent(key, article);
        }
        index.add(article, tokens);
    }

    // stored rows from older code may lack canonicalUrl; derive it rather than silently missing a match
    private static String urlKey(Article article) {
        String key = article.canonicalUrl() != null
                ? article.canonicalUrl() : UrlCanonicalizer.canonical(article.url());
        return key == null || key.isBlank() ? null : key;
    }

    /** How many titles use each word: the order of a title's words is rarest first, ties by the word itself. */
    private record Rarity(Map<String, Integer> counts) implements Comparator<String> {
        @SafeVarargs
        static Rarity of(List<Set<String>>... titles) {
            Map<String, Integer> counts = new HashMap<>();
            for (List<Set<String>> list : titles) {
                list.forEach(tokens -> tokens.forEach(t -> counts.merge(t, 1, Integer::sum)));
            }
            return new Rarity(counts);
        }

        @Override
        public int compare(String a, String b) {
            int byCount = Integer.compare(counts.getOrDefault(a, 0), counts.getOrDefault(b, 0));
            return byCount != 0 ? byCount : a.compareTo(b);
        }
    }

    /** The accepted titles, indexed by the words of their prefixes, each with its place in its title's order. */
    private static final class Index {
        record Match(Article article, double score) {
        }

        /** The titles a word is in the prefix of, and where it stands in each (rarest word first = 0). */
        private static final class Postings {
            int[] ids = new int[4];
            int[] places = new int[4];
            int size;

            void add(int id, int place) {
                if (size == ids.length) {
                    ids = Arrays.copyOf(ids, size * 2);
                    places = Arrays.copyOf(places, size * 2);
                }
                ids[size] = id;
                places[size++] = place;
            }
        }

        private final Rarity rarity;
        private final double threshold;
        private final List<Article> articles = new ArrayList<>();
        private final List<Set<String>> tokens = new ArrayList<>();
        private final Map<String, Postings> byWord = new HashMap<>();
        /** The probe that last met each title, so a title is judged once per probe. */
        private int[] metBy = new int[64];
        private int probes;

        Index(Rarity rarity, double threshold) {
            this.rarity = rarity;
            this.threshold = threshold;
        }

        void add(Article article, Set<String> words) {
            int id = articles.size();
            articles.add(article);
            tokens.add(words);
            if (id == metBy.length) {
                metBy = Arrays.copyOf(metBy, id * 2);
            }
            List<String> prefix = prefix(words);
            for (int place = 0; place < prefix.size(); place++) {
                byWord.computeIfAbsent(prefix.get(place), w -> new Postings()).add(id, place);
            }
        }

        /** The best match, not the first over the threshold, so the reason names the story it really repeats. */
        Match best(Set<String> words) {
            probes++;
            List<String> prefix = prefix(words);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < prefix.size(); i++) {
                Postings postings = byWord.get(prefix.get(i));
                for (int k = 0; postings != null && k < postings.size; k++) {
                    int id = postings.ids[k];
                    if (metBy[id] == probes) {
                        continue;
                    }
                    metBy[id] = probes;
                    // met first at the rarest word the two share: the words after it are all they can still share,
                    // and a title that cannot share enough of them is not compared at all (positional filtering)
                    int other = tokens.get(id).size();
                    int canShare = 1 + Math.min(words.size() - i - 1, other - postings.places[k] - 1);
                    if (canShare >= needed(words.size(), other)) {
                        candidates.add(id);
                    }
                }
            }
            // in the order the titles were accepted: among equal scores the earliest wins
            Collections.sort(candidates);
            Match best = null;
            for (int id : candidates) {
                double score = TitleSimilarity.jaccard(words, tokens.get(id));
                if (score > 0 && score >= threshold && (best == null || score > best.score())) {
                    best = new Match(articles.get(id), score);
                }
            }
            return best;
        }

        /** The fewest shared words for a Jaccard index of at least the threshold: t/(1+t) of both sizes together. */
        private int needed(int a, int b) {
            return (int) Math.ceil(threshold / (1 + threshold) * (a + b) - 1e-9);
        }

        private List<String> prefix(Set<String> words) {
            // a threshold of 0 still needs one shared word, so the whole title is its prefix
            int length = threshold <= 0 ? words.size() : words.size() - (int) Math.ceil(threshold * words.size() - 1e-9) + 1;
            return words.stream().sorted(rarity).limit(Math.max(0, length)).toList();
        }
    }
}
