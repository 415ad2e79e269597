package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.ai.BoldingProvider;
import aieditor.text.Words;

/**
 * Bolds one key phrase per bullet so a skimming reader catches the point: a figure with what it counts first
 * (numbers are what people remember), then a name, then the bullet's weightiest noun phrase. Every span must
 * pass {@link BoldPhrase#problem}, so none starts or ends on a function word or cuts a phrase short.
 */
public final class OfflineBolder implements BoldingProvider {

    private static final String NUM = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    private static final String SCALE = "(?:\\s?(?:million|billion|trillion|thousand|bn|mn|m|k|b)\\b)?";
    /** Not inside another number or word, and not after a currency sign (that match belongs to money). */
    private static final String EDGE = "(?<![\\p{L}\\p{N}.,$€£¥])";

    /** In priority order: money, percentages, multipliers; then come counts with their noun ({@link #counts}). */
    private static final List<Pattern> FIGURES = List.of(
            Pattern.compile(EDGE + "(?:[$€£¥]|US\\$|USD\\s?|EUR\\s?)\\s?(?:" + NUM + ")" + SCALE, Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")" + SCALE + "\\s(?:dollars|euros|pounds|yuan|yen)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b)", Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")\\s?[x×](?![\\p{L}\\p{N}])"));

    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
    private static final Set<String> SCALES = Set.of("million", "billion", "trillion", "thousand");

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-bolder-1";
    }

    @Override
    public List<String> bold(List<String> bullets) {
        Map<String, Integer> weights = batchFrequencies(bullets);
        List<String> out = new ArrayList<>(bullets.size());
        for (String bullet : bullets) {
            out.add(boldOne(bullet, weights));
        }
        return out;
    }

    static String boldOne(String bullet, Map<String, Integer> weights) {
        // Existing emphasis (or a stray "**") means someone already decided; adding more risks broken Markdown.
        if (bullet == null || bullet.isBlank() || bullet.contains("**")) {
            return bullet;
        }
        for (int[] span : candidates(bullet, weights)) {
            if (BoldPhrase.problem(bullet, span[0], span[1]) == null) {
                return bullet.substring(0, span[0]) + "**" + bullet.substring(span[0], span[1]) + "**"
                        + bullet.substring(span[1]);
            }
        }
        return bullet;
    }

    private static List<int[]> candidates(String bullet, Map<String, Integer> weights) {
        List<int[]> out = new ArrayList<>();
        for (Pattern figure : FIGURES) {
            Matcher m = figure.matcher(bullet);
            while (m.find()) {
                out.add(new int[] {m.start(), m.end()});
            }
        }
        out.addAll(counts(bullet));
        out.addAll(versions(bullet));
        out.addAll(entities(bullet));
        out.addAll(rankedNgrams(bullet, weights));
        return out;
    }

    /**
     * A number with the noun phrase it counts: "1,200 GPUs", "30 actively exploited flaws", "four malicious
     * packages". Only when the phrase reaches a plural or count noun; "in 2026 the" and "6 among" are no counts.
     */
    private static List<int[]> counts(String s) {
        List<int[]> out = new ArrayList<>();
        List<BoldPhrase.Word> words = BoldPhrase.words(s);
        for (int i = 0; i < words.size(); i++) {
            BoldPhrase.Word w = words.get(i);
            boolean afterSign = w.start() > 0 && "$€£¥.,".indexOf(s.charAt(w.start() - 1)) >= 0;
            if (!BoldPhrase.isCount(w.text()) || YEAR.matcher(w.text()).matches() || afterSign
                    || SCALES.contains(w.text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            int numberEnd = w.end();
            if (i + 1 < words.size() && SCALES.contains(words.get(i + 1).text().toLowerCase(Locale.ROOT))
                    && adjacent(s, w, words.get(i + 1))) {
                numberEnd = words.get(i + 1).end();
            }
            int end = BoldPhrase.nounPhraseEnd(s, numberEnd);
            List<BoldPhrase.Word> counted = BoldPhrase.words(s.substring(numberEnd, end));
            if (!counted.isEmpty() && BoldPhrase.isCountNoun(counted.get(counted.size() - 1).text())) {
                out.add(new int[] {w.start(), end});
            }
        }
        return out;
    }

    /** A product and its version, "Java 6", "GPT 5", "Windows 11": a name though it is one capitalised word. */
    private static List<int[]> versions(String s) {
        List<int[]> out = new ArrayList<>();
        List<BoldPhrase.Word> words = BoldPhrase.words(s);
        for (int i = 0; i + 1 < words.size(); i++) {
            BoldPhrase.Word name = words.get(i);
            BoldPhrase.Word version = words.get(i + 1);
            if (Words.isCapitalised(name.text()) && !Words.isStopWord(name.text()) && adjacent(s, name, version)
                    && version.text().matches("\\d{1,2}(?:\\.\\d+)*") && !BoldPhrase.isCount(name.text())) {
                out.add(new int[] {name.start(), version.end()});
            }
        }
        return out;
    }

    /** Only a space may separate words of one phrase; a comma or dash means a new phrase. */
    private static boolean adjacent(String s, BoldPhrase.Word a, BoldPhrase.Word b) {
        return s.substring(a.end(), b.start()).equals(" ");
    }

    /**
     * Runs of 2-4 capitalised words. A leading function word ("The", "In") is dropped, because a capital
     * at the start of a sentence says nothing about being a name.
     */
    private static List<int[]> entities(String s) {
        List<int[]> out = new ArrayList<>();
        List<BoldPhrase.Word> tokens = BoldPhrase.words(s);
        int i = 0;
        while (i < tokens.size()) {
            if (!Words.isCapitalised(tokens.get(i).text())) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < tokens.size() && Words.isCapitalised(tokens.get(j + 1).text())
                    && adjacent(s, tokens.get(j), tokens.get(j + 1))) {
                j++;
            }
            int from = i;
            while (from <= j && Words.isStopWord(tokens.get(from).text())) {
                from++;
            }
            int to = j;
            while (to >= from && Words.isStopWord(tokens.get(to).text())) {
                to--;
            }
            if (to - from + 1 >= 2) {
                to = Math.min(to, from + 3);
                out.add(new int[] {tokens.get(from).start(), tokens.get(to).end()});
            }
            i = j + 1;
        }
        return out;
    }

    private record Scored(int[] span, double weight, int order) {
    }

    /**
     * 2-3 word runs of content words, weightiest first: words that recur across the batch are the story's
     * theme, longer words are usually more specific, and a run that is a whole phrase (a function word or
     * punctuation on both sides) beats a piece of a longer one. Several are returned so a rejected one has backups.
     */
    private static List<int[]> rankedNgrams(String s, Map<String, Integer> weights) {
        List<BoldPhrase.Word> tokens = BoldPhrase.words(s);
        List<Scored> scored = new ArrayList<>();
        for (int n = 3; n >= 2; n--) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                double w = 0;
                boolean ok = true;
                for (int k = i; k < i + n && ok; k++) {
                    BoldPhrase.Word t = tokens.get(k);
                    ok = !Words.isStopWord(t.text()) && (k == i || adjacent(s, tokens.get(k - 1), t));
                    w += wordWeight(t.text(), weights);
                }
                if (ok) {
                    // A run that goes on past either edge is probably a phrase cut short: its whole is likelier.
                    boolean cutBefore = i > 0 && !Words.isStopWord(tokens.get(i - 1).text())
                            && adjacent(s, tokens.get(i - 1), tokens.get(i));
                    boolean cutAfter = i + n < tokens.size() && !Words.isStopWord(tokens.get(i + n).text())
                            && adjacent(s, tokens.get(i + n - 1), tokens.get(i + n));
                    w -= (cutBefore ? 0.5 : 0) + (cutAfter ? 0.5 : 0);
                    scored.add(new Scored(new int[] {tokens.get(i).start(), tokens.get(i + n - 1).end()}, w,
                            scored.size()));
                }
            }
        }
        scored.sort(Comparator.comparingDouble((Scored x) -> -x.weight()).thenComparingInt(Scored::order));
        List<int[]> out = new ArrayList<>();
        for (Scored x : scored) {
            out.add(x.span());
        }
        return out;
    }

    private static double wordWeight(String word, Map<String, Integer> weights) {
        String lower = word.toLowerCase(Locale.ROOT);
        return weights.getOrDefault(lower, 0) + Math.min(lower.length(), 10) / 10.0;
    }

    private static Map<String, Integer> batchFrequencies(List<String> bullets) {
        Map<String, Integer> tf = new HashMap<>();
        for (String b : bullets) {
            for (String w : Words.contentWords(b)) {
                tf.merge(w, 1, Integer::sum);
            }
        }
        return tf;
    }
}
