package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.ai.BoldingProvider;

/**
 * Bolds one key phrase per bullet so a skimming reader catches the point: a figure first (numbers are
 * what people remember), then a named entity, then the bullet's weightiest short phrase.
 */
public final class OfflineBolder implements BoldingProvider {

    private static final String NUM = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    private static final String SCALE = "(?:\\s?(?:million|billion|trillion|thousand|bn|mn|m|k|b)\\b)?";
    /** Not inside another number or word, and not after a currency sign (that match belongs to money). */
    private static final String EDGE = "(?<![\\p{L}\\p{N}.,$€£¥])";

    /** In priority order: money, percentages, multipliers, then a count with its unit noun. */
    private static final List<Pattern> FIGURES = List.of(
            Pattern.compile(EDGE + "(?:[$€£¥]|US\\$|USD\\s?|EUR\\s?)\\s?(?:" + NUM + ")" + SCALE, Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")" + SCALE + "\\s(?:dollars|euros|pounds|yuan|yen)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b)", Pattern.CASE_INSENSITIVE),
            Pattern.compile(EDGE + "(?:" + NUM + ")\\s?[x×](?![\\p{L}\\p{N}])"),
            Pattern.compile(EDGE + "(?:" + NUM + ")(?:\\s(?:million|billion|trillion|thousand))?\\s(\\p{L}[\\p{L}\\-]*)"));

    private static final Pattern TOKEN = Pattern.compile("\\p{L}[\\p{L}\\p{N}'’\\-]*|\\p{N}[\\p{N}.,]*");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");

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
            if (acceptable(bullet, span[0], span[1])) {
                return bullet.substring(0, span[0]) + "**" + bullet.substring(span[0], span[1]) + "**"
                        + bullet.substring(span[1]);
            }
        }
        return bullet;
    }

    private static List<int[]> candidates(String bullet, Map<String, Integer> weights) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < FIGURES.size(); i++) {
            Matcher m = FIGURES.get(i).matcher(bullet);
            while (m.find()) {
                if (i == FIGURES.size() - 1 && !isCountWithUnit(m)) {
                    continue;
                }
                out.add(new int[] {m.start(), m.end()});
            }
        }
        out.addAll(entities(bullet));
        out.addAll(rankedNgrams(bullet, weights));
        return out;
    }

    /** "1,200 GPUs" yes; "in 2026 the" or "3 of them" no: the unit must be a content word, not a year. */
    private static boolean isCountWithUnit(Matcher m) {
        String unit = m.group(1);
        String number = m.group().substring(0, m.group().length() - unit.length()).trim();
        return !Text.isStopWord(unit) && !YEAR.matcher(number).matches();
    }

    private record Token(String text, int start, int end) {
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            out.add(new Token(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** Only a space may separate words of one phrase; a comma or dash means a new phrase. */
    private static boolean adjacent(String s, Token a, Token b) {
        return s.substring(a.end(), b.start()).equals(" ");
    }

    /**
     * Runs of 2-4 capitalised words. A leading function word ("The", "In") is dropped, because a capital
     * at the start of a sentence says nothing about being a name.
     */
    private static List<int[]> entities(String s) {
        List<int[]> out = new ArrayList<>();
        List<Token> tokens = tokens(s);
        int i = 0;
        while (i < tokens.size()) {
            if (!Text.isCapitalised(tokens.get(i).text())) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < tokens.size() && Text.isCapitalised(tokens.get(j + 1).text())
                    && adjacent(s, tokens.get(j), tokens.get(j + 1))) {
                j++;
            }
            int from = i;
            while (from <= j && Text.isStopWord(tokens.get(from).text())) {
                from++;
            }
            int to = j;
            while (to >= from && Text.isStopWord(tokens.get(to).text())) {
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
     * theme, and longer words are usually more specific. Several are returned so a rejected one has backups.
     */
    private static List<int[]> rankedNgrams(String s, Map<String, Integer> weights) {
        List<Token> tokens = tokens(s);
        List<Scored> scored = new ArrayList<>();
        for (int n = 3; n >= 2; n--) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                double w = 0;
                boolean ok = true;
                for (int k = i; k < i + n && ok; k++) {
                    Token t = tokens.get(k);
                    ok = !Text.isStopWord(t.text()) && (k == i || adjacent(s, tokens.get(k - 1), t));
                    w += wordWeight(t.text(), weights);
                }
                if (ok) {
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
            for (String w : Text.contentWords(b)) {
                tf.merge(w, 1, Integer::sum);
            }
        }
        return tf;
    }

    /** Rejects the whole bullet and spans touching other emphasis markers (which would nest). */
    private static boolean acceptable(String bullet, int start, int end) {
        if (start >= end) {
            return false;
        }
        String rest = (bullet.substring(0, start) + bullet.substring(end)).replaceAll("[\\p{P}\\p{S}\\s]", "");
        if (rest.isEmpty()) {
            return false;
        }
        char before = start > 0 ? bullet.charAt(start - 1) : ' ';
        char after = end < bullet.length() ? bullet.charAt(end) : ' ';
        return before != '*' && before != '_' && after != '*' && after != '_';
    }
}
