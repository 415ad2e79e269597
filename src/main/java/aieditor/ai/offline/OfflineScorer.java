package aieditor.ai.offline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.ai.ArticleScore;
import aieditor.ai.Keyword;
import aieditor.ai.ScoringCriteria;
import aieditor.ai.ScoringProvider;
import aieditor.ai.WordForms;
import aieditor.model.Article;
import aieditor.text.Text;
import aieditor.text.Words;

/**
 * Scores an article from four transparent signals (recency, keyword relevance, source weight, substance)
 * so an editor can see exactly why one story outranks another.
 */
public final class OfflineScorer implements ScoringProvider {

    static final double UNDATED_RECENCY = 0.3;
    /** With no keywords configured every story is equally on topic; neutral keeps totals comparable. */
    static final double NO_KEYWORDS_RELEVANCE = 0.5;
    /** Caps body hits per keyword so one repeated term cannot outweigh breadth of coverage. */
    private static final int MAX_BODY_HITS_PER_KEYWORD = 5;

    private static final Pattern FIGURE = Pattern.compile("(?<![\\p{L}\\p{N}])[$€£¥]?\\d[\\d,.]*%?");
    private static final Pattern QUOTE = Pattern.compile("[“\"]([^”\"]{12,}?)[”\"]");

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-scorer-1";
    }

    @Override
    public ArticleScore score(Article article, ScoringCriteria criteria) {
        String title = Text.collapseBreaks(article.title());
        String summary = Text.plainProse(article.summary());
        String body = Text.plainProse(article.body());

        Double ageHours = ageHours(article.publishedAt(), criteria.now());
        double recency = recency(ageHours, criteria.recencyHalfLifeHours());

        List<String> matched = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        double relevance = relevance(criteria.keywords(), title, summary, body, matched, ignored);

        double sourceWeight = sourceWeight(article.source(), criteria);
        double substance = substance(body.isEmpty() ? summary : body);

        double total = 100 * (0.30 * recency + 0.35 * relevance + 0.15 * sourceWeight + 0.20 * substance);
        total = Math.round(total * 10) / 10.0;
        String rationale = rationale(ageHours, recency, relevance, sourceWeight, substance, matched, ignored);
        return new ArticleScore(total, recency, relevance, sourceWeight, substance, rationale);
    }

    /** Age in hours, 0 for future dates (clock skew between feeds is common), null when undated. */
    static Double ageHours(Instant publishedAt, Instant now) {
        if (publishedAt == null || now == null) {
            return null;
        }
        double hours = Duration.between(publishedAt, now).toMillis() / 3_600_000.0;
        return Math.max(0, hours);
    }

    static double recency(Double ageHours, double halfLifeHours) {
        if (ageHours == null) {
            return UNDATED_RECENCY;
        }
        double halfLife = halfLifeHours > 0 ? halfLifeHours : 24; // guard a misconfigured zero half-life
        return Math.pow(0.5, ageHours / halfLife);
    }

    /**
     * Keyword hits, title weighing most, saturating. Each word of the text counts for at most one keyword: the
     * longest one that matches there, so "language model" is not also a hit for "model". A keyword that needs
     * context (see {@link Keyword}) counts only if one of its context terms occurs anywhere in the article;
     * otherwise it is listed in {@code ignored} for the rationale.
     */
    static double relevance(List<Keyword> keywords, String title, String summary, String body, List<String> matched,
                            List<String> ignored) {
        if (keywords == null || keywords.isEmpty()) {
            return NO_KEYWORDS_RELEVANCE;
        }
        List<String> t = WordForms.of(title);
        List<String> s = WordForms.of(summary);
        List<String> b = WordForms.of(body);
        List<Keyword> byLength = new ArrayList<>(keywords);
        byLength.sort(Comparator.comparingInt((Keyword k) -> -WordForms.of(k.term()).size()));
        Map<Keyword, Integer> inTitle = hits(byLength, t);
        Map<Keyword, Integer> inSummary = hits(byLength, s);
        Map<Keyword, Integer> inBody = hits(byLength, b);
        double hits = 0;
        for (Keyword keyword : keywords) {
            int keywordHits = 3 * inTitle.getOrDefault(keyword, 0) + 2 * inSummary.getOrDefault(keyword, 0)
                    + Math.min(MAX_BODY_HITS_PER_KEYWORD, inBody.getOrDefault(keyword, 0));
            if (keywordHits == 0) {
                continue;
            }
            if (keyword.needsContext() && keyword.context().stream().map(WordForms::of)
                    .noneMatch(c -> contains(t, c) || contains(s, c) || contains(b, c))) {
                ignored.add(keyword.term());
                continue;
            }
            matched.add(keyword.term());
            hits += keywordHits;
        }
        // Saturates: the first few mentions matter, the twentieth adds almost nothing.
        return 1 - Math.exp(-hits / 4.0);
    }

    /** Hits per keyword, longest keyword first at each word, matches never overlapping. */
    private static Map<Keyword, Integer> hits(List<Keyword> longestFirst, List<String> words) {
        Map<Keyword, Integer> out = new HashMap<>();
        int i = 0;
        while (i < words.size()) {
            int advance = 1;
            for (Keyword k : longestFirst) {
                List<String> phrase = WordForms.of(k.term());
                if (startsAt(words, i, phrase)) {
                    out.merge(k, 1, Integer::sum);
                    advance = phrase.size();
                    break;
                }
            }
            i += advance;
        }
        return out;
    }

    private static boolean contains(List<String> words, List<String> phrase) {
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (startsAt(words, i, phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsAt(List<String> words, int i, List<String> phrase) {
        if (phrase.isEmpty() || i + phrase.size() > words.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            if (!words.get(i + k).equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static int count(Pattern p, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static double sourceWeight(String source, ScoringCriteria criteria) {
        Map<String, Double> weights = criteria.sourceWeights();
        Double w = weights == null || source == null ? null : weights.get(source);
        return clamp(w == null ? criteria.defaultSourceWeight() : w);
    }

    /**
     * Reporting depth: length says there is a story, figures and quotes say someone did the work.
     * Each part saturates so a 5,000-word piece is not five times better than a 1,000-word one.
     */
    static double substance(String plainText) {
        if (plainText == null || plainText.isBlank()) {
            return 0;
        }
        int words = Words.words(plainText).size();
        int figures = count(FIGURE, plainText);
        int quotes = count(QUOTE, plainText);
        double length = 1 - Math.exp(-words / 400.0);
        double numbers = 1 - Math.exp(-figures / 4.0);
        double quoted = 1 - Math.exp(-quotes / 2.0);
        return clamp(0.6 * length + 0.25 * numbers + 0.15 * quoted);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static String rationale(Double ageHours, double recency, double relevance, double sourceWeight,
                                     double substance, List<String> matched, List<String> ignored) {
        String age;
        if (ageHours == null) {
            age = "Undated";
        } else {
            long h = Math.round(ageHours);
            String span = h < 48 ? h + " h old" : Math.round(ageHours / 24) + " d old";
            age = (recency >= 0.7 ? "Fresh" : recency >= 0.35 ? "Recent" : "Dated") + " (" + span + ")";
        }
        String topic;
        if (matched.isEmpty()) {
            topic = "no keyword matches";
        } else {
            String list = String.join(", ", matched.subList(0, Math.min(4, matched.size())));
            topic = (relevance >= 0.5 ? "on topic (" : "touches on (") + list + ")";
        }
        if (!ignored.isEmpty()) {
            topic += " (" + String.join(", ", ignored) + " ignored: no context)";
        }
        String depth = substance >= 0.6 ? "solid reporting" : substance >= 0.3 ? "moderate depth" : "thin on substance";

        String[] names = {"recency", "relevance", "source weight", "substance"};
        double[] values = {recency, relevance, sourceWeight, substance};
        int best = 0;
        int worst = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
            if (values[i] < values[worst]) {
                worst = i;
            }
        }
        return String.format(Locale.ROOT, "%s, %s, %s; source weight %.1f; strongest: %s, weakest: %s.",
                age, topic, depth, sourceWeight, names[best], names[worst]);
    }
}
