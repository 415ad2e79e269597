package aieditor.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words keyword matching compares: lower case, possessive and simple plural endings removed, so "model",
 * "Models" and "model's" are one word while "remodel" and "modelling" are others. Both the keywords and the
 * article text go through here, so the two sides always agree.
 */
public final class WordForms {
    /** Letters and digits, with an apostrophe inside ("model's", "don't"); hyphens and dots separate words. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’]\\p{L}+)?");

    private WordForms() {
    }

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(normal(m.group()));
        }
        return out;
    }

    /** Folds one word. Crude on purpose: the same folding on both sides matters more than correct stems. */
    static String normal(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() >= 4 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
