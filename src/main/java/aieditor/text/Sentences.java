package aieditor.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/** Where a sentence of news prose ends, and how alike two sentences are. */
public final class Sentences {

    /** Titles and labels that are virtually never the end of a sentence. */
    private static final Set<String> HARD_ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "e.g", "i.e", "no", "nos", "fig",
            "figs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
            "gen", "gov", "sen", "rep", "rev", "dept", "univ", "cf", "al", "ca");

    /** Abbreviations that often do end a sentence ("...based in the U.S. The firm..."). */
    private static final Set<String> SOFT_ABBREVIATIONS = Set.of("inc", "ltd", "corp", "co", "etc", "plc", "llc");

    private static final String TERMINATORS = ".!?…";
    private static final String CLOSERS = "\"'”’)]»";
    private static final String OPENERS = "\"'“‘([«";

    private Sentences() {
    }

    /**
     * Splits prose into sentences. Line breaks are hard boundaries because cleaned text puts headings and
     * list items on their own lines, and those rarely end with a full stop.
     */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\R")) {
            String p = Text.collapseBreaks(line);
            int start = 0;
            int i = 0;
            while (i < p.length()) {
                if (TERMINATORS.indexOf(p.charAt(i)) < 0) {
                    i++;
                    continue;
                }
                int end = i + 1;
                while (end < p.length() && TERMINATORS.indexOf(p.charAt(end)) >= 0) {
                    end++;
                }
                while (end < p.length() && CLOSERS.indexOf(p.charAt(end)) >= 0) {
                    end++;
                }
                // A decimal like 3.5 or a domain like example.com has no space after the dot: never a boundary.
                if (end < p.length() && Character.isWhitespace(p.charAt(end)) && isBoundary(p, i, end)) {
                    addIfText(out, p.substring(start, end));
                    start = end;
                }
                i = end;
            }
            addIfText(out, p.substring(start));
        }
        return out;
    }

    /** Jaccard overlap of content words, to spot near-duplicate sentences; two without any content word are alike. */
    public static double similarity(String a, String b) {
        Set<String> x = new HashSet<>(Words.contentWords(a));
        Set<String> y = new HashSet<>(Words.contentWords(b));
        return x.isEmpty() && y.isEmpty() ? 1.0 : Jaccard.of(x, y);
    }

    private static void addIfText(List<String> out, String s) {
        String t = s.trim();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    private static boolean isBoundary(String p, int terminatorAt, int afterClosers) {
        int n = afterClosers;
        while (n < p.length() && (Character.isWhitespace(p.charAt(n)) || OPENERS.indexOf(p.charAt(n)) >= 0)) {
            n++;
        }
        if (n >= p.length()) {
            return true;
        }
        // '"Is it ready?" she asked.' continues the sentence, as does "e.g. something".
        if (Character.isLowerCase(p.codePointAt(n))) {
            return false;
        }
        if (p.charAt(terminatorAt) != '.' || (terminatorAt > 0 && p.charAt(terminatorAt - 1) == '.')) {
            return true;
        }
        int b = terminatorAt;
        while (b > 0 && (Character.isLetter(p.charAt(b - 1)) || p.charAt(b - 1) == '.')) {
            b--;
        }
        String before = p.substring(b, terminatorAt);
        String lower = before.toLowerCase(Locale.ROOT);
        if (HARD_ABBREVIATIONS.contains(lower)) {
            return false;
        }
        if (before.length() == 1 && Character.isUpperCase(before.charAt(0))) {
            return false; // an initial, as in "J. Smith"
        }
        boolean dottedAcronym = before.matches("(?:\\p{L}\\.)+\\p{L}");
        if (dottedAcronym || SOFT_ABBREVIATIONS.contains(lower)) {
            // Ambiguous: "U.S. Senate" continues, "in the U.S. The firm" ends. A capitalised function word
            // after the dot is the usual sign of a new sentence.
            Matcher m = Words.WORD.matcher(p);
            return m.find(n) && m.start() == n && Words.isStopWord(m.group());
        }
        return true;
    }
}
