package aieditor.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a word and a stop word are, so that scoring, decoration, bolding, social posts and headline comparison all
 * agree on them.
 */
public final class Words {

    /**
     * The function words that never tell two headlines apart. Headline comparison stops at these: in a headline
     * "new", "not" or "one" are news, so the wider {@link #STOP_WORDS} would merge different stories.
     */
    public static final Set<String> HEADLINE_STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with",
            "into", "onto", "over", "as", "is", "are", "was", "were", "be", "been", "its", "it", "this", "that",
            "these", "those", "after", "before", "about", "amid", "says", "say", "via", "vs", "will", "has", "have");

    /** Function words that carry no topic in prose: the headline ones and more; a compact English list is enough for news. */
    public static final Set<String> STOP_WORDS = union(HEADLINE_STOP_WORDS, Set.of(
            "above", "again", "against", "all", "also", "am", "any",
            "because", "being", "below", "between", "both",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
            "further", "had", "having", "he", "her", "here", "hers", "herself", "him", "himself",
            "his", "how", "i", "if", "itself", "just", "may", "me", "might",
            "more", "most", "much", "must", "my", "myself", "new", "no", "nor", "not", "now", "off",
            "once", "one", "only", "other", "our", "ours", "ourselves", "out", "own", "per",
            "said", "same", "she", "should", "so", "some", "such", "than", "their",
            "theirs", "them", "themselves", "then", "there", "they", "through",
            "too", "under", "until", "up", "upon", "very", "we", "what", "when", "where",
            "which", "while", "who", "whom", "whose", "why", "within", "without", "would",
            "yet", "you", "your", "yours", "yourself", "it's", "that's", "there's", "we're", "they're", "i'm",
            // prepositions and quantifiers that a phrase never starts or ends on ("at least four", "6 among")
            "among", "across", "around", "toward", "towards", "beyond", "along", "despite", "since",
            "like", "unlike", "versus", "whether", "though", "although", "even", "still", "already", "ever",
            "never", "almost", "nearly", "roughly", "least", "less", "many", "another", "every", "either",
            "neither", "several", "behind", "beside", "besides", "near", "plus", "whereas", "whilst"));

    /**
     * A word: letters/digits with internal apostrophes, hyphens, dots or commas, so that "3.5", "1,200",
     * "U.S", "state-of-the-art" and "Łukasiewicz" each stay one token.
     */
    public static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.,\\-][\\p{L}\\p{N}]+)*");

    private Words() {
    }

    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Lower-cased words that carry meaning: no stop words, no single letters. */
    public static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (!STOP_WORDS.contains(lower) && (lower.length() > 1 || Character.isDigit(lower.charAt(0)))) {
                out.add(lower);
            }
        }
        return out;
    }

    public static boolean isCapitalised(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
