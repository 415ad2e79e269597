package aieditor.ai.offline;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/**
 * Small text toolkit shared by the offline providers. Kept in one place so that scoring, decoration,
 * bolding and social posts all agree on what a "word", a "sentence" and a "stop word" are.
 */
final class Text {

    private Text() {
    }

    /** Function words that carry no topic; a compact English list is enough for news prose. */
    static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
            "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might",
            "more", "most", "much", "must", "my", "myself", "new", "no", "nor", "not", "now", "of", "off", "on",
            "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per",
            "said", "same", "says", "she", "should", "so", "some", "such", "than", "that", "the", "their",
            "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
            "too", "under", "until", "up", "upon", "very", "via", "was", "we", "were", "what", "when", "where",
            "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
            "yet", "you", "your", "yours", "yourself", "it's", "that's", "there's", "we're", "they're", "i'm",
            // prepositions and quantifiers that a phrase never starts or ends on ("at least four", "6 among")
            "among", "amid", "across", "around", "toward", "towards", "onto", "beyond", "along", "despite", "since",
            "like", "unlike", "versus", "whether", "though", "although", "even", "still", "already", "ever",
            "never", "almost", "nearly", "roughly", "least", "less", "many", "another", "every", "either",
            "neither", "several", "behind", "beside", "besides", "near", "plus", "whereas", "whilst");

    /**
     * A word: letters/digits with internal apostrophes, hyphens, dots or commas, so that "3.5", "1,200",
     * "U.S", "state-of-the-art" and "Łukasiewicz" each stay one token.
     */
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.,\\-][\\p{L}\\p{N}]+)*");

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B]+");
    private static final Pattern HTML_TAG = Pattern.compile("(?is)</?[a-z][a-z0-9]*(?:\\s[^>]*)?/?>");

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

    static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    static String collapse(String s) {
        return s == null ? "" : WHITESPACE.matcher(s).replaceAll(" ").trim();
    }

    static boolean looksLikeHtml(String s) {
        return s != null && HTML_TAG.matcher(s).find();
    }

    /** Plain text of HTML (or the input itself when it has no tags). */
    static String plain(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        return collapse(looksLikeHtml(s) ? Jsoup.parse(s).text() : s);
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Lower-cased words that carry meaning: no stop words, no single letters. */
    static List<String> contentWords(String s) {
        List<String> out = new ArrayList<>();
        for (String w : words(s)) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (!STOP_WORDS.contains(lower) && (lower.length() > 1 || Character.isDigit(lower.charAt(0)))) {
                out.add(lower);
            }
        }
        return out;
    }

    static boolean isCapitalised(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
    }

    /**
     * Splits prose into sentences. Line breaks are hard boundaries because cleaned text puts headings and
     * list items on their own lines, and those rarely end with a full stop.
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\R")) {
            String p = collapse(line);
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
            Matcher m = WORD.matcher(p);
            return m.find(n) && m.start() == n && isStopWord(m.group());
        }
        return true;
    }

    /**
     * Longest prefix of {@code s} of at most {@code max} chars that ends at a word boundary. A first word
     * longer than {@code max} is cut hard, because returning nothing would be worse.
     */
    static String cutAtWord(String s, int max) {
        String t = collapse(s);
        if (t.length() <= max) {
            return t;
        }
        if (max <= 0) {
            return "";
        }
        int cut = t.lastIndexOf(' ', max);
        if (cut <= 0) {
            int hard = Character.isLowSurrogate(t.charAt(max)) ? max - 1 : max;
            return t.substring(0, hard);
        }
        return t.substring(0, cut).trim();
    }

    /**
     * Removes what reads badly at the end of a shortened phrase: trailing punctuation and dangling stop
     * words ("... deal with the" -> "... deal"). Never returns empty if the input was not.
     */
    static String trimDangling(String s) {
        String t = s.trim();
        while (!t.isEmpty()) {
            String before = t;
            t = t.replaceAll("[\\s,;:\\-–—/&(\\[{\"“‘'«+]+$", "");
            int sp = t.lastIndexOf(' ');
            if (sp > 0 && isStopWord(t.substring(sp + 1))) {
                t = t.substring(0, sp).trim();
            }
            if (t.equals(before)) {
                break;
            }
        }
        return t.isEmpty() ? s.trim() : t;
    }

    /** Shortens to at most {@code max} chars at a word boundary, marking a cut with an ellipsis. */
    static String shortenWithEllipsis(String s, int max) {
        String t = collapse(s);
        if (t.length() <= max) {
            return t;
        }
        if (max <= 1) {
            return max == 1 ? "…" : "";
        }
        String cut = trimDangling(cutAtWord(t, max - 1));
        cut = cut.replaceAll("[.!?,;:]+$", "");
        return cut + "…";
    }

    /** Plain ASCII letters and digits only (diacritics folded), for hashtags. */
    static String ascii(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        folded = folded.replace("Ł", "L").replace("ł", "l").replace("Ø", "O").replace("ø", "o")
                .replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae");
        return folded.replaceAll("[^A-Za-z0-9]", "");
    }

    /** Jaccard overlap of content words; used to spot near-duplicate sentences. */
    static double similarity(String a, String b) {
        Set<String> x = new java.util.HashSet<>(contentWords(a));
        Set<String> y = new java.util.HashSet<>(contentWords(b));
        if (x.isEmpty() || y.isEmpty()) {
            return x.equals(y) ? 1.0 : 0.0;
        }
        int common = 0;
        for (String w : x) {
            if (y.contains(w)) {
                common++;
            }
        }
        return common / (double) (x.size() + y.size() - common);
    }
}
