package aieditor.text;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headline similarity for spotting the same story from different sources. Deliberately bag-of-words:
 * outlets reword and reorder headlines, but rarely change the names and numbers in them.
 */
public final class TitleSimilarity {

    // "$40M", "$40 million", "40 million", "$1.5bn": the money is the news, the spelling is house style
    private static final Pattern AMOUNT = Pattern.compile(
            "\\$?\\s*(\\d+(?:[.,]\\d+)*)\\s*(thousand|million|billion|trillion|mn|bn|[kmbt])\\b");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private TitleSimilarity() {
    }

    /** The comparable words of a title: folded, amounts unified, punctuation and stop words gone. */
    public static Set<String> tokens(String title) {
        String text = Text.fold(Text.plain(title));
        Matcher amounts = AMOUNT.matcher(text);
        // thousands separators go, the decimal point becomes 'p' so "1.5b" survives punctuation removal
        text = amounts.replaceAll(m -> " " + m.group(1).replace(",", "").replace('.', 'p') + unit(m.group(2)) + " ");
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : NON_ALNUM.split(text)) {
            if (!token.isEmpty() && !Words.HEADLINE_STOP_WORDS.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static char unit(String word) {
        return word.equals("thousand") ? 'k' : word.charAt(0);
    }

    /** Jaccard index of the two token sets, 0..1; two titles with no usable words are never similar. */
    public static double similarity(String a, String b) {
        return Jaccard.of(tokens(a), tokens(b));
    }

    /** True when similarity reaches the threshold; titles sharing no word never match, even at threshold 0. */
    public static boolean nearDuplicate(String a, String b, double threshold) {
        double score = similarity(a, b);
        return score > 0 && score >= threshold;
    }
}
