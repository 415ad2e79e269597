package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import aieditor.ai.DecorationProvider;
import aieditor.model.Article;
import aieditor.model.Decoration;
import aieditor.text.Sentences;
import aieditor.text.Shortening;
import aieditor.text.Text;
import aieditor.text.Words;

/**
 * Headline from the cleaned-up title and three extractive bullets: the sentences that best carry the
 * article's most frequent ideas, favouring the lead, figures and the title's own words.
 */
public final class OfflineDecorator implements DecorationProvider {

    static final int BULLETS = 3;
    static final int BULLET_MAX_CHARS = 220;
    /** Sentences sharing this much vocabulary say the same thing; showing both wastes a bullet. */
    private static final double NEAR_DUPLICATE = 0.6;
    private static final int MIN_USABLE_WORDS = 4;

    private static final Pattern PIPE_SUFFIX = Pattern.compile("^(.+?)\\s+[|｜]\\s+[^|｜]{1,60}$");
    private static final Pattern DASH_SUFFIX = Pattern.compile("^(.+?)\\s+[-–—]\\s+([^-–—]{1,40})$");
    private static final Pattern HAS_DIGIT = Pattern.compile("\\p{N}");

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-extractive-1";
    }

    @Override
    public Decoration decorate(Article article, String cleanedText, int headlineMaxChars) {
        String fullTitle = cleanTitle(article.title(), article.source());
        String text = cleanedText == null || cleanedText.isBlank() ? Text.plainProse(article.text()) : cleanedText;
        if (fullTitle.isEmpty()) {
            // No title at all: the lead sentence is the best stand-in an editor would pick.
            List<String> lead = Sentences.split(text.isBlank() ? Text.plainProse(article.summary()) : text);
            fullTitle = lead.isEmpty() ? Text.collapseBreaks(article.source()) : lead.get(0);
        }
        String headline = shortenHeadline(fullTitle, headlineMaxChars);
        return new Decoration(headline, bullets(article, fullTitle, headline, text));
    }

    /** Removes the outlet name that feeds append to titles ("... | The Verge", "... - Reuters"). */
    static String cleanTitle(String title, String source) {
        String t = Text.collapseBreaks(title);
        for (int i = 0; i < 2; i++) {
            Matcher pipe = PIPE_SUFFIX.matcher(t);
            Matcher dash = DASH_SUFFIX.matcher(t);
            if (pipe.matches()) {
                t = pipe.group(1).trim();
            } else if (dash.matches() && looksLikeOutlet(dash.group(2), source)) {
                t = dash.group(1).trim();
            } else {
                break;
            }
        }
        return t;
    }

    /**
     * A dash may also separate two halves of a real headline ("Nvidia beats estimates - shares jump 10%"),
     * so only strip a short, capitalised, digit-free tail, or one that matches the source name.
     */
    private static boolean looksLikeOutlet(String tail, String source) {
        String t = tail.trim();
        if (source != null && !source.isBlank()) {
            String s = source.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
            String k = t.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
            if (!k.isEmpty() && (k.equals(s) || k.equals("the" + s) || s.equals("the" + k))) {
                return true;
            }
        }
        List<String> words = Words.words(t);
        if (words.isEmpty() || words.size() > 4 || HAS_DIGIT.matcher(t).find()) {
            return false;
        }
        for (String w : words) {
            if (!Words.isCapitalised(w) && !Words.isStopWord(w)) {
                return false;
            }
        }
        return Words.isCapitalised(words.get(0));
    }

    /** Fits the limit at a word boundary without leaving "... deal with the" or a trailing comma. */
    static String shortenHeadline(String title, int max) {
        String t = Text.collapseBreaks(title);
        if (max <= 0 || t.length() <= max) {
            return t; // a non-positive limit is treated as "no limit" rather than blanking every headline
        }
        String cut = Shortening.cutAtWord(t, max);
        if (cut.indexOf(' ') < 0) {
            return cut; // a single over-long word was hard-cut; nothing sensible left to trim
        }
        return Shortening.trimDangling(cut);
    }

    private static List<String> bullets(Article article, String title, String headline, String text) {
        List<String> chosen = new ArrayList<>(pickSentences(text, title, headline));
        // Short stories: top up from the feed summary, then the title, so the layout always has three lines.
        if (chosen.size() < BULLETS) {
            for (String s : Sentences.split(Text.plainProse(article.summary()))) {
                addIfDistinct(chosen, s, null);
            }
        }
        if (chosen.size() < BULLETS) {
            addIfDistinct(chosen, title, null);
        }
        List<String> fallbacks = new ArrayList<>();
        if (article.source() != null && !article.source().isBlank()) {
            fallbacks.add("Reported by " + Text.collapseBreaks(article.source()) + ".");
        }
        if (article.author() != null && !article.author().isBlank()) {
            fallbacks.add("Written by " + Text.collapseBreaks(article.author()) + ".");
        }
        fallbacks.add("Full details are in the original article.");
        fallbacks.add("More details are expected as the story develops.");
        fallbacks.add("Follow the link for the complete story.");
        for (String f : fallbacks) {
            if (chosen.size() >= BULLETS) {
                break;
            }
            addIfDistinct(chosen, f, null);
        }
        List<String> out = new ArrayList<>();
        for (String s : chosen.subList(0, BULLETS)) {
            out.add(Shortening.withEllipsis(s, BULLET_MAX_CHARS));
        }
        return out;
    }

    private static void addIfDistinct(List<String> chosen, String candidate, String headline) {
        if (chosen.size() >= BULLETS) {
            return;
        }
        String c = Text.collapseBreaks(candidate);
        if (c.isEmpty() || isNearDuplicate(c, chosen, headline)) {
            return;
        }
        chosen.add(c);
    }

    private static boolean isNearDuplicate(String candidate, List<String> others, String headline) {
        if (headline != null && Sentences.similarity(candidate, headline) >= NEAR_DUPLICATE) {
            return true;
        }
        for (String o : others) {
            if (o.equalsIgnoreCase(candidate) || Sentences.similarity(candidate, o) >= NEAR_DUPLICATE) {
                return true;
            }
        }
        return false;
    }

    /** Extractive summary: top-scoring distinct sentences, returned in the order the article tells them. */
    static List<String> pickSentences(String text, String title, String headline) {
        List<String> sentences = new ArrayList<>();
        for (String s : Sentences.split(text)) {
            List<String> words = Words.words(s);
            if (words.size() >= MIN_USABLE_WORDS && !Words.contentWords(s).isEmpty()) {
                sentences.add(s);
            }
        }
        if (sentences.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> tf = new HashMap<>();
        for (String s : sentences) {
            for (String w : Words.contentWords(s)) {
                tf.merge(w, 1, Integer::sum);
            }
        }
        int maxTf = tf.values().stream().max(Integer::compare).orElse(1);
        Set<String> titleWords = new HashSet<>(Words.contentWords(title));

        double[] base = new double[sentences.size()];
        double maxBase = 0;
        for (int i = 0; i < sentences.size(); i++) {
            List<String> words = Words.contentWords(sentences.get(i));
            double sum = 0;
            for (String w : new HashSet<>(words)) {
                sum += tf.get(w) / (double) maxTf;
            }
            // Damped by length so a sentence does not win merely by being long.
            base[i] = sum / Math.sqrt(Math.max(1, words.size()));
            maxBase = Math.max(maxBase, base[i]);
        }

        double[] score = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            int wordCount = Words.words(s).size();
            double value = maxBase > 0 ? base[i] / maxBase : 0;
            value += 0.3 / (1 + i);                                  // news leads with the point
            value += HAS_DIGIT.matcher(s).find() ? 0.15 : 0;         // figures are what readers remember
            value += 0.3 * overlap(Words.contentWords(s), titleWords); // on the headline's subject
            if (wordCount < 6) {
                value *= 0.5;
            } else if (wordCount > 45) {
                value *= 0.6;
            }
            score[i] = value;
        }

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
        }
        // Ties go to the earlier sentence, which keeps the output deterministic.
        order.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));

        List<Integer> picked = new ArrayList<>();
        List<String> pickedText = new ArrayList<>();
        for (int i : order) {
            if (picked.size() == BULLETS) {
                break;
            }
            String s = sentences.get(i);
            if (!isNearDuplicate(s, pickedText, headline)) {
                picked.add(i);
                pickedText.add(s);
            }
        }
        picked.sort(Integer::compare);
        List<String> out = new ArrayList<>();
        for (int i : picked) {
            out.add(sentences.get(i));
        }
        return out;
    }

    private static double overlap(List<String> words, Set<String> titleWords) {
        if (titleWords.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(words);
        common.retainAll(titleWords);
        return common.size() / (double) titleWords.size();
    }
}
