package aieditor.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import aieditor.model.Article;
import aieditor.text.Jaccard;
import aieditor.text.TitleSimilarity;

/**
 * Keeps one article per story and source, and groups the same story from several sources. The rule is "first one
 * wins": existing (already stored) articles always win, then incoming articles in the order given. A URL seen before
 * is the same article and is dropped. A near-duplicate title from the same source is a repeat and is dropped; from
 * another source it is kept as another report of that story (the issue shows it as "Also reported by"), and the
 * prefilter later picks the story's best-scored report. We deliberately do not pick the "best" copy here: that would
 * make what is stored depend on more than input order and be harder to explain.
 *
 * <p>One deduplicator serves one ingest job: it indexes the stored articles once and then each source's articles as
 * they are stored, so the work grows with the number of articles, not with sources times articles. Near-duplicate
 * titles are found through that index, not by comparing every title with every other (which took 91 s for 10,000
 * articles): two titles whose Jaccard similarity reaches the threshold t share at least one word among the first
 * |x| - ceil(t|x|) + 1 words of each, when both are ordered by one fixed word order (the prefix filter of all-pairs
 * similarity joins). Words are numbered rarest first over everything the job will see, so prefixes hold rare words
 * and each title meets only the few that could match; words first seen later (stored meanwhile by another ingest)
 * are numbered after all others, which keeps the order fixed. Each candidate is scored exactly, in the order the
 * titles were accepted, so the answer is the one comparing all pairs gives.
 */
public final class Deduplicator {
    private final Map<String, Set<String>> wordsOfTitle = new HashMap<>();
    private final Map<String, Integer> rank;
    private final Index index;
    private final Map<String, Article> byUrl = new HashMap<>();
    /** Each indexed article's story key, by canonical URL: its own URL, or the story it repeats. */
    private final Map<String, String> storyKeys = new HashMap<>();

    /**
     * @param existing the stored articles dedupe compares with, with their story keys when they have one
     * @param incoming everything this job may add, for numbering the words only; nothing is indexed yet
     */
    public Deduplicator(List<Stored> existing, List<Article> incoming, double titleThreshold) {
        Map<String, Integer> counts = new HashMap<>();
        existing.forEach(s -> words(s.article()).forEach(w -> counts.merge(w, 1, Integer::sum)));
        incoming.forEach(a -> words(a).forEach(w -> counts.merge(w, 1, Integer::sum)));
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.comparing((String w) -> counts.get(w)).thenComparing(Comparator.naturalOrder()));
        rank = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            rank.put(words.get(i), i);
        }
        index = new Index(titleThreshold);
        existing.forEach(e -> remember(e.article(), ids(words(e.article())), e.storyKey()));
    }

    /** A stored article and the story key it was stored with (null: it starts its own story). */
    public record Stored(Article article, String storyKey) {
    }

    /** Articles stored since this deduplicator was made, by another ingest: they win like any stored article. */
    public void remember(List<Stored> stored) {
        for (Stored s : stored) {
            String key = urlKey(s.article());
            if (key != null && byUrl.containsKey(key)) {
                continue; // this job's own insert, or one already seen
            }
            remember(s.article(), ids(words(s.article())), s.storyKey());
        }
    }

    /** Dedupes one batch against everything stored and everything kept before it; the kept articles count as stored. */
    public DedupeResult dedupe(List<Article> incoming) {
        List<Article> kept = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        Map<String, DedupeResult.SameStory> storyOf = new HashMap<>();
        for (Article article : incoming) {
            int[] title = ids(words(article));
            String key = urlKey(article);
            Article sameUrl = key == null ? null : byUrl.get(key);
            if (sameUrl != null) {
                duplicates.add(new Duplicate(article, "duplicate url of " + sameUrl.source() + ": " + sameUrl.title()));
                continue;
            }
            Index.Match best = index.best(title);
            if (best != null && best.article().source().equals(article.source())) {
                duplicates.add(new Duplicate(article, String.format(Locale.ROOT,
                        "near-duplicate title of %s: %s (similarity %.2f)",
                        best.article().source(), best.article().title(), best.score())));
                continue;
            }
            String story = null;
            if (best != null) {
                story = storyKeys.get(urlKey(best.article()));
                if (key != null && story != null) {
                    storyOf.put(key, new DedupeResult.SameStory(story, best.article(), best.score()));
                }
            }
            kept.add(article);
            remember(article, title, story);
        }
        return new DedupeResult(kept, duplicates, storyOf);
    }

    private Set<String> words(Article article) {
        return article.title() == null ? TitleSimilarity.tokens(null)
                : wordsOfTitle.computeIfAbsent(article.title(), TitleSimilarity::tokens);
    }

    private void remember(Article article, int[] title, String storyKey) {
        String key = urlKey(article);
        if (key != null) {
            byUrl.putIfAbsent(key, article);
            storyKeys.putIfAbsent(key, storyKey == null ? key : storyKey);
        }
        index.add(article, title);
    }

    // stored rows from older code may lack canonicalUrl; derive it rather than silently missing a match
    private static String urlKey(Article article) {
        String key = article.canonicalUrl() != null
                ? article.canonicalUrl() : UrlCanonicalizer.canonical(article.url());
        return key == null || key.isBlank() ? null : key;
    }

    /** A title's words as sorted numbers; a word not numbered yet gets the next number. */
    private int[] ids(Set<String> words) {
        return words.stream().mapToInt(w -> rank.computeIfAbsent(w, k -> rank.size())).sorted().toArray();
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
        private Postings[] byWord = new Postings[1024];
        /** The probe that last met each title, so a title is judged once per probe. */
        private int[] metBy = new int[64];
        private int probes;
        private int[] candidates = new int[64];
        private int[] neededBySizes = new int[0];

        Index(double threshold) {
            this.threshold = threshold;
        }

        void add(Article article, int[] title) {
            int id = articles.size();
            articles.add(article);
            titles.add(title);
            if (id == metBy.length) {
                metBy = Arrays.copyOf(metBy, id * 2);
            }
            for (int place = 0; place < prefix(title); place++) {
                int word = title[place];
                if (word >= byWord.length) {
                    byWord = Arrays.copyOf(byWord, Math.max(word + 1, byWord.length * 2));
                }
                if (byWord[word] == null) {
                    byWord[word] = new Postings();
                }
                byWord[word].add(id, place);
            }
        }

        /** The best match, not the first over the threshold, so the reason names the story it really repeats. */
        Match best(int[] title) {
            probes++;
            int found = 0;
            for (int i = 0, prefix = prefix(title); i < prefix; i++) {
                Postings postings = title[i] < byWord.length ? byWord[title[i]] : null;
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
                    if (canShare >= needed(title.length + other)) {
                        if (found == candidates.length) {
                            candidates = Arrays.copyOf(candidates, found * 2);
                        }
                        candidates[found++] = id;
                    }
                }
            }
            // in the order the titles were accepted: among equal scores the earliest wins
            Arrays.sort(candidates, 0, found);
            Match best = null;
            for (int c = 0; c < found; c++) {
                int id = candidates[c];
                double score = Jaccard.ofSorted(title, titles.get(id));
                if (score > 0 && score >= threshold && (best == null || score > best.score())) {
                    best = new Match(articles.get(id), score);
                }
            }
            return best;
        }

        /**
         * The fewest shared words for a Jaccard index of at least the threshold, for two titles of {@code sizes}
         * words together: t/(1+t) of them. Looked up, since it is asked for every title a probe meets.
         */
        private int needed(int sizes) {
            if (sizes >= neededBySizes.length) {
                int[] grown = Arrays.copyOf(neededBySizes, Math.max(sizes + 1, neededBySizes.length * 2));
                for (int n = neededBySizes.length; n < grown.length; n++) {
                    grown[n] = (int) Math.ceil(threshold / (1 + threshold) * n - 1e-9);
                }
                neededBySizes = grown;
            }
            return neededBySizes[sizes];
        }

        private int prefix(int[] title) {
            // a threshold of 0 still needs one shared word, so the whole title is its prefix
            int length = threshold <= 0 ? title.length : title.length - (int) Math.ceil(threshold * title.length - 1e-9) + 1;
            return Math.max(0, Math.min(title.length, length));
        }
    }
}
