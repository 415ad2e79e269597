package aieditor.ai.offline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.ai.ArticleScore;
import aieditor.ai.ScoringCriteria;
import aieditor.ai.ScoringProvider;
import aieditor.model.Article;

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
        String title = Text.collapse(article.title());
        String summary = Text.plain(article.summary());
        String body = Text.plain(article.body());

        Double ageHours = ageHours(article.publishedAt(), criteria.now());
        double recency = recency(ageHours, criteria.recencyHalfLifeHours());

        List<String> matched = new ArrayList<>();
        double relevance = relevance(criteria.keywords(), title, summary, body, matched);

        double sourceWeight = sourceWeight(article.source(), criteria);
        double substance = substance(body.isEmpty() ? summary : body);

        double total = 100 * (0.30 * recency + 0.35 * relevance + 0.15 * sourceWeight + 0.20 * substance);
        total = Math.round(total * 10) / 10.0;
        String rationale = rationale(ageHours, recency, relevance, sourceWeight, substance, matched);
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

    static double relevance(List<String> keywords, String title, String summary, String body, List<String> matched) {
        if (keywords == null || keywords.isEmpty()) {
            return NO_KEYWORDS_RELEVANCE;
        }
        double hits = 0;
        for (String keyword : keywords) {
            if (keyword == null || keyword.isBlank()) {
                continue;
            }
            Pattern p = keywordPattern(keyword);
            int inTitle = count(p, title);
            int inSummary = count(p, summary);
            int inBody = Math.min(MAX_BODY_HITS_PER_KEYWORD, count(p, body));
            int keywordHits = 3 * inTitle + 2 * inSummary + inBody;
            if (keywordHits > 0 && !matched.contains(keyword.trim().toLowerCase(Locale.ROOT))) {
                matched.add(keyword.trim().toLowerCase(Locale.ROOT));
            }
            hits += keywordHits;
        }
        // Saturates: the first few mentions matter, the twentieth adds almost nothing.
        return 1 - Math.exp(-hits / 4.0);
    }

    /** Whole-word, case-insensitive; the words of a multi-word keyword may be split by any whitespace. */
    static Pattern keywordPattern(String keyword) {
        String[] parts = Text.collapse(keyword).split(" ");
        StringBuilder re = new StringBuilder("(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append("[\\s\\-]+");
            }
            re.append(Pattern.quote(parts[i]));
        }
        re.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
        int words = Text.words(plainText).size();
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
                                     double substance, List<String> matched) {
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
