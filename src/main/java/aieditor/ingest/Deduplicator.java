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
 * candidate is scored exactly, in the order the titles were accepted. Words are numbered by rarity, so a title is a
 * sorted array of numbers: its prefix is the head of the array, and two titles are scored by merging their arrays.
 * One dedupe at a time (ArticleStore stores one source at a time): it keeps the words of the titles it has seen.
 */
public class Deduplicator {
    /**
     * The words of titles already seen: an ingest dedupes each source against every stored article, and reading
     * the words of the same tens of thousands of titles again for every source cost more than the rest of dedupe.
     */
    private static final int WORDS_KEPT = 100_000;
    private final Map<String, Set<String>> wordsOfTitle = new HashMap<>();

    public DedupeResult dedupe(List<Article> incoming, List<Article> existing, double titleThreshold) {
        if (wordsOfTitle.size() > WORDS_KEPT) {
            wordsOfTitle.clear();
        }
        List<Set<String>> incomingWords = incoming.stream().map(this::words).toList();
        List<Set<String>> existingWords = existing.stream().map(this::words).toList();
        Map<String, Integer> rank = rarestFirst(existingWords, incomingWords);
        Index index = new Index(rank.size(), titleThreshold);
        Map<String, Article> byUrl = new HashMap<>();
        for (int i = 0; i < existing.size(); i++) {
            remember(existing.get(i), ids(existingWords.get(i), rank), byUrl, index);
        }
        List<Article> kept = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            Article article = incoming.get(i);
            int[] title = ids(incomingWords.get(i), rank);
            String reason = duplicateReason(article, title, byUrl, index);
            if (reason == null) {
                kept.add(article);
                remember(article, title, byUrl, index);
            } else {
                duplicates.add(new Duplicate(article, reason));
            }
        }
        return new DedupeResult(kept, duplicates);
    }

    private Set<String> words(Article article) {
        return article.title() == null ? TitleSimilarity.tokens(null)
                : wordsOfTitle.computeIfAbsent(article.title(), TitleSimilarity::tokens);
    }

    private static String duplicateReason(Article article, int[] title, Map<String, Article> byUrl, Index index) {
        String key = urlKey(article);
        Article sameUrl = key == null ? null : byUrl.get(key);
        if (sameUrl != null) {
            return "duplicate url of " + sameUrl.source() + ": " + sameUrl.title();
        }
        Index.Match best = index.best(title);
        return best == null ? null : String.format(Locale.ROOT, "near-duplicate title of %s: %s (similarity %.2f)",
                best.article().source(), best.article().title(), best.score());
    }

    private static void remember(Article article, int[] title, Map<String, Article> byUrl, Index index) {
        String key = urlKey(article);
        if (key != null) {
            byUrl.putIfAbsent(key, article);
        }
        index.add(article, title);
    }

    // stored rows from older code may lack canonicalUrl; derive it rather than silently missing a match
    private static String urlKey(Article article) {
        String key = article.canonicalUrl() != null
                ? article.canonicalUrl() : UrlCanonicalizer.canonical(article.url());
        return key == null || key.isBlank() ? null : key;
    }

    /** Every word's number: 0 for the word fewest titles use, ties by the word itself. */
    @SafeVarargs
    private static Map<String, Integer> rarestFirst(List<Set<String>>... titles) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<Set<String>> list : titles) {
            list.forEach(words -> words.forEach(w -> counts.merge(w, 1, Integer::sum)));
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.comparing((String w) -> counts.get(w)).thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            rank.put(words.get(i), i);
        }
        return rank;
    }

    private static int[] ids(Set<String> words, Map<String, Integer> rank) {
        return words.stream().mapToInt(rank::get).sorted().toArray();
    }

    /** The accepted titles, indexed by the words of their prefixes, each with its place in its title. */
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

        private final double threshold;
        private final List<Article> articles = new ArrayList<>();
        private final List<int[]> titles = new ArrayList<>();
        private final Postings[] byWord;
        /** The probe that last met each title, so a title is judged once per probe. */
        private int[] metBy = new int[64];
        private int probes;

        Index(int words, double threshold) {
            this.threshold = threshold;
            this.byWord = new Postings[words];
        }

        void add(Article article, int[] title) {
            int id = articles.size();
            articles.add(article);
            titles.add(title);
            if (id == metBy.length) {
                metBy = Arrays.copyOf(metBy, id * 2);
            }
            for (int place = 0; place < prefix(title); place++) {
                if (byWord[title[place]] == null) {
                    byWord[title[place]] = new Postings();
                }
                byWord[title[place]].add(id, place);
            }
        }

        /** The best match, not the first over the threshold, so the reason names the story it really repeats. */
        Match best(int[] title) {
            probes++;
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0, prefix = prefix(title); i < prefix; i++) {
                Postings postings = byWord[title[i]];
                for (int k = 0; postings != null && k < postings.size; k++) {
                    int id = postings.ids[k];
                    if (metBy[id] == probes) {
                        continue;
                    }
                    metBy[id] = probes;
                    // met first at the rarest word the two share: the words after it are all they can still share,
                    // and a title that cannot share enough of them is not compared at all (positional filtering)
                    int other = titles.get(id).length;
                    int canShare = 1 + Math.min(title.length - i - 1, other - postings.places[k] - 1);
                    if (canShare >= needed(title.length, other)) {
                        candidates.add(id);
                    }
                }
            }
            // in the order the titles were accepted: among equal scores the earliest wins
            Collections.sort(candidates);
            Match best = null;
            for (int id : candidates) {
                double score = jaccard(title, titles.get(id));
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

        private int prefix(int[] title) {
            // a threshold of 0 still needs one shared word, so the whole title is its prefix
            int length = threshold <= 0 ? title.length : title.length - (int) Math.ceil(threshold * title.length - 1e-9) + 1;
            return Math.max(0, Math.min(title.length, length));
        }

        /** TitleSimilarity.jaccard on two sorted arrays of word numbers. */
        private static double jaccard(int[] a, int[] b) {
            if (a.length == 0 || b.length == 0) {
                return 0.0;
            }
            int common = 0;
            for (int i = 0, j = 0; i < a.length && j < b.length; ) {
                if (a[i] == b[j]) {
                    common++;
                    i++;
                    j++;
                } else if (a[i] < b[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return (double) common / (a.length + b.length - common);
        }
    }
}
