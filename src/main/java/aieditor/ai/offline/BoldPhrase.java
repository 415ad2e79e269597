package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.text.Words;

/**
 * What a bold span may be: whole words, a figure with what it counts, a name or a noun phrase, never a fragment
 * that starts or ends on a function word ("**least four malicious**", "Java **6 among**") or stops on a word
 * that needs the next one ("**30 actively** exploited flaws"). The offline bolder only proposes spans that pass;
 * a model's spans are repaired to pass or lose their markers.
 */
public final class BoldPhrase {

    /** Lower-case words ending in -ly that are nouns, not adverbs waiting for their verb. */
    private static final Set<String> LY_NOUNS = Set.of("supply", "family", "assembly", "anomaly", "monopoly",
            "duopoly", "oligopoly", "rally", "ally", "reply", "apply", "belly", "jelly", "bully", "folly", "panoply",
            "multiply", "butterfly", "homily", "italy", "july");
    /** Adjective endings: "malicious", "generative", "useful", "wireless", "scalable", "accessible". */
    private static final Pattern ADJECTIVE = Pattern.compile(".{3,}(?:ous|ive|ful|less|able|ible)");
    /** Counts spelled out; "one" is a function word already. */
    static final Set<String> NUMBER_WORDS = Set.of("two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
            "thousand", "thousands", "dozen", "dozens", "million", "millions", "billion", "billions");
    /** "GPUs", "LLMs", "VMs". */
    private static final Pattern ACRONYM_PLURAL = Pattern.compile("\\p{Lu}[\\p{Lu}\\p{N}]+s");
    private static final Pattern NUMERAL = Pattern.compile("\\p{N}+(?:[.,]\\p{N}+)*");
    /** A figure that stands alone: it carries its unit as a sign ("$40", "27%", "3.5x", "€2.5bn"). */
    private static final Pattern SIGNED_FIGURE = Pattern.compile(
            "(?:[$€£¥]|US\\$).*|.*\\d\\s?(?:%|x|×|bn|mn|m|k|b|million|billion|trillion|percent|per cent)",
            Pattern.CASE_INSENSITIVE);
    /** Irregular plurals and units that count things without ending in s. */
    private static final Set<String> COUNT_NOUNS = Set.of("people", "children", "men", "women", "staff",
            "criteria", "personnel", "km", "kg", "mph", "ghz", "mhz", "nm", "gb", "tb", "pb", "mw", "gw",
            "kw", "kwh", "mwh", "gwh", "twh", "tons", "tonnes", "metres", "meters", "feet");

    /** Words a number's noun phrase may run to: "30 actively maintained open-source evaluation harnesses". */
    private static final int MAX_PHRASE_WORDS = 4;

    private BoldPhrase() {
    }

    record Word(String text, int start, int end) {
    }

    static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        Matcher m = Words.WORD.matcher(s);
        while (m.find()) {
            out.add(new Word(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** Why {@code [start, end)} of the bullet is no phrase to bold, or null when it is one. */
    static String problem(String bullet, int start, int end) {
        if (start < 0 || end > bullet.length() || start >= end) {
            return "empty";
        }
        String rest = (bullet.substring(0, start) + bullet.substring(end)).replaceAll("[\\p{P}\\p{S}\\s]", "");
        if (rest.isEmpty()) {
            return "the whole bullet";
        }
        if ((start > 0 && isWordChar(bullet.charAt(start - 1)) && isWordChar(bullet.charAt(start)))
                || (end < bullet.length() && isWordChar(bullet.charAt(end)) && isWordChar(bullet.charAt(end - 1)))) {
            return "cuts a word";
        }
        char before = start > 0 ? bullet.charAt(start - 1) : ' ';
        char after = end < bullet.length() ? bullet.charAt(end) : ' ';
        if (before == '*' || before == '_' || after == '*' || after == '_') {
            return "touches other emphasis";
        }
        String span = bullet.substring(start, end);
        if (!span.equals(span.strip())) {
            return "has space at its edge";
        }
        List<Word> words = words(span);
        if (words.isEmpty()) {
            return "has no words";
        }
        if (Words.isStopWord(words.get(0).text())) {
            return "starts on the function word '" + words.get(0).text() + "'";
        }
        String last = words.get(words.size() - 1).text();
        if (Words.isStopWord(last)) {
            return "ends on the function word '" + last + "'";
        }
        if (isAdverb(last)) {
            return "ends on '" + last + "', which needs the word after it";
        }
        boolean figure = SIGNED_FIGURE.matcher(span).matches();
        if (!figure && words.size() == 1 && isCount(last)) {
            return "is a bare number";
        }
        if (!figure && isCount(words.get(0).text()) && !isCountNoun(last)) {
            return "starts on a number but does not end on what it counts";
        }
        if (!figure && (isCount(last) || isAdjective(last)) && nextIsContentWord(bullet, end)) {
            return "ends on '" + last + "', before the noun it describes";
        }
        return null;
    }

    /**
     * Repairs the bold spans of a bolded bullet: a span is widened to whole words, narrowed off function words
     * and punctuation at its edges, a lone version number takes the name before it ("Java 6"), and a span that
     * stops on a modifier ("30 actively") runs on to the end of its noun phrase. A span still no phrase after that loses its markers; unbalanced markers are all removed.
     */
    public static String repair(String bolded) {
        if (bolded == null || !bolded.contains("**")) {
            return bolded;
        }
        String[] parts = bolded.split("\\*\\*", -1);
        String plain = String.join("", parts);
        if (parts.length % 2 == 0) {
            return plain; // an odd number of markers: Markdown would show them, so none is kept
        }
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                spans.add(new int[] {at, at + parts[i].length()});
            }
            at += parts[i].length();
        }
        List<int[]> kept = new ArrayList<>();
        for (int[] span : spans) {
            int[] fixed = repairSpan(plain, span[0], span[1]);
            boolean overlaps = fixed != null && !kept.isEmpty() && kept.get(kept.size() - 1)[1] >= fixed[0];
            if (fixed != null && !overlaps) {
                kept.add(fixed);
            }
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int[] span : kept) {
            out.append(plain, from, span[0]).append("**").append(plain, span[0], span[1]).append("**");
            from = span[1];
        }
        return out.append(plain.substring(from)).toString();
    }

    private static int[] repairSpan(String s, int start, int end) {
        while (start > 0 && start < s.length() && isWordChar(s.charAt(start - 1)) && isWordChar(s.charAt(start))) {
            start--;
        }
        while (end < s.length() && end > 0 && isWordChar(s.charAt(end - 1)) && isWordChar(s.charAt(end))) {
            end++;
        }
        List<Word> inside = new ArrayList<>();
        for (Word w : words(s)) {
            if (w.start() < end && w.end() > start) {
                inside.add(w);
            }
        }
        // Words only from here: punctuation at the edges goes, except a currency sign before and % after a figure.
        int first = 0;
        int last = inside.size() - 1;
        while (first <= last && Words.isStopWord(inside.get(first).text())) {
            first++;
        }
        while (last >= first && Words.isStopWord(inside.get(last).text())) {
            last--;
        }
        if (first > last) {
            return null;
        }
        int from = inside.get(first).start();
        if (from > 0 && "$€£¥".indexOf(s.charAt(from - 1)) >= 0 && from - 1 >= start) {
            from--;
        }
        int to = inside.get(last).end();
        if (to < s.length() && (s.charAt(to) == '%') && to < end) {
            to++;
        }
        if (problem(s, from, to) != null && first == last && inside.get(first).text().matches("\\d{1,2}(?:\\.\\d+)*")) {
            // A lone version number belongs to the name before it: "Java **6**" is "**Java 6**".
            Word name = null;
            for (Word w : words(s)) {
                if (w.end() <= from) {
                    name = w;
                }
            }
            if (name != null && Words.isCapitalised(name.text()) && !Words.isStopWord(name.text())
                    && s.substring(name.end(), from).equals(" ")) {
                from = name.start();
            }
        }
        if (problem(s, from, to) != null) {
            to = nounPhraseEnd(s, to);
        }
        return problem(s, from, to) == null ? new int[] {from, to} : null;
    }

    /**
     * Where the noun phrase that continues after {@code end} stops: up to four more content words joined by
     * single spaces, ending on the first plural or count noun unless another one follows it ("data centres").
     */
    static int nounPhraseEnd(String s, int end) {
        int to = end;
        int taken = 0;
        boolean counted = false;
        Word previous = null;
        for (Word w : words(s)) {
            if (w.start() < end) {
                continue;
            }
            String gap = s.substring(previous == null ? end : previous.end(), w.start());
            boolean countNoun = isCountNoun(w.text());
            if (!gap.equals(" ") || Words.isStopWord(w.text()) || (counted && !countNoun) || taken == MAX_PHRASE_WORDS) {
                break;
            }
            to = w.end();
            previous = w;
            taken++;
            counted = countNoun;
        }
        return to;
    }

    static boolean isCount(String word) {
        return NUMERAL.matcher(word).matches() || NUMBER_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** "flaws", "GPUs", "people", "GW": what a number counts. */
    static boolean isCountNoun(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (Words.isStopWord(lower) || isCount(lower) || isAdverb(word)) {
            return false;
        }
        if (COUNT_NOUNS.contains(lower) || ACRONYM_PLURAL.matcher(word).matches()) {
            return true;
        }
        // "status", "analysis" and "famous" end in s without being plurals
        return lower.length() >= 3 && lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")
                && !lower.endsWith("is");
    }

    private static boolean isAdverb(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return Character.isLowerCase(word.codePointAt(0)) && lower.length() >= 5 && lower.endsWith("ly")
                && !LY_NOUNS.contains(lower);
    }

    private static boolean isAdjective(String word) {
        return Character.isLowerCase(word.codePointAt(0)) && ADJECTIVE.matcher(word).matches();
    }

    private static boolean nextIsContentWord(String s, int end) {
        for (Word w : words(s)) {
            if (w.start() >= end) {
                return s.substring(end, w.start()).equals(" ") && !Words.isStopWord(w.text());
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}
