package aieditor.ai.offline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import aieditor.ai.SocialProvider;
import aieditor.model.Decoration;
import aieditor.text.Shortening;
import aieditor.text.Text;
import aieditor.text.Words;

/**
 * One plain-text post: headline, the first bullet, up to two hashtags, the link. When space runs out the
 * least essential part goes first (hashtags, then the bullet); the link and headline always stay.
 */
public final class OfflineSocialWriter implements SocialProvider {

    private static final int MAX_HASHTAGS = 2;
    private static final int MAX_TAG_CHARS = 24;
    /** A bullet cut below this many characters says too little to be worth keeping. */
    private static final int MIN_BULLET_CHARS = 25;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-social-1";
    }

    @Override
    public String post(Decoration decoration, String url, int maxChars) {
        String link = url == null ? "" : url.trim();
        String rawHeadline = Text.collapseBreaks(decoration.headline());
        String headline = withStop(rawHeadline);
        List<String> bullets = decoration.bullets();
        String bullet = bullets.isEmpty() ? "" : Text.collapseBreaks(unbold(bullets.get(0)));
        List<String> tags = hashtags(decoration.headline(), bullets);

        // Lengths are String.length() (UTF-16 units): never less than what a platform counts, so safe.
        int linkCost = link.isEmpty() ? 0 : link.length() + 1;
        if (headline.length() + linkCost > maxChars) {
            headline = rawHeadline; // the added full stop is the first thing to give up
        }
        if (headline.length() + linkCost > maxChars) {
            int room = maxChars - linkCost;
            String cut = room > 0 ? Shortening.withEllipsis(headline, room) : "";
            return join(cut, "", List.of(), link); // the link outranks everything; it is never cut
        }
        // Drop hashtags one at a time before touching the bullet.
        for (int n = tags.size(); n >= 0; n--) {
            String candidate = join(headline, bullet, tags.subList(0, n), link);
            if (candidate.length() <= maxChars) {
                return candidate;
            }
        }
        int room = maxChars - headline.length() - 1 - linkCost;
        if (room >= MIN_BULLET_CHARS && !bullet.isEmpty()) {
            return join(headline, Shortening.withEllipsis(bullet, room), List.of(), link);
        }
        return join(headline, "", List.of(), link);
    }

    /** Headline and bullet run together in one line, so the headline needs its own full stop. */
    private static String withStop(String headline) {
        if (headline.isEmpty() || headline.matches(".*[.!?…:]$")) {
            return headline;
        }
        return headline + ".";
    }

    static String unbold(String s) {
        return s == null ? "" : s.replace("**", "").replace("__", "");
    }

    private static String join(String headline, String bullet, List<String> tags, String link) {
        List<String> parts = new ArrayList<>();
        for (String p : List.of(headline, bullet, String.join(" ", tags), link)) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return String.join(" ", parts);
    }

    /**
     * Hashtags from names first (runs of capitalised words, e.g. "Northwind Labs" -> #NorthwindLabs), then
     * acronyms such as AI or GPU, which are how people search for a topic.
     */
    static List<String> hashtags(String headline, List<String> bullets) {
        String title = headline == null ? "" : headline;
        List<String> texts = new ArrayList<>();
        for (String b : bullets) {
            texts.add(unbold(b));
        }
        // In a Title Case headline every word is capitalised, so capitals there do not mark names.
        if (!isTitleCase(title)) {
            texts.add(0, title);
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String t : texts) {
            for (String entity : capitalisedRuns(t)) {
                addTag(tags, entity);
            }
        }
        List<String> all = new ArrayList<>(texts);
        all.add(0, title);
        for (String t : all) {
            for (String w : Words.words(t)) {
                if (isAcronym(w)) {
                    addTag(tags, w);
                }
            }
        }
        List<String> out = new ArrayList<>(tags);
        return out.subList(0, Math.min(MAX_HASHTAGS, out.size()));
    }

    private static final Set<String> JOB_TITLES = Set.of("CEO", "CFO", "CTO", "COO", "VP", "PM", "SVP", "EVP");

    private static boolean isAcronym(String w) {
        return w.length() >= 2 && w.length() <= 5 && w.equals(w.toUpperCase(java.util.Locale.ROOT))
                && w.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))
                && Character.isLetter(w.charAt(0)) && !JOB_TITLES.contains(w);
    }

    static boolean isTitleCase(String text) {
        List<String> content = new ArrayList<>();
        for (String w : Words.words(text)) {
            if (!Words.isStopWord(w) && Character.isLetter(w.codePointAt(0))) {
                content.add(w);
            }
        }
        long capitalised = content.stream().filter(Words::isCapitalised).count();
        return content.size() >= 3 && capitalised >= 0.75 * content.size();
    }

    private static void addTag(Set<String> tags, String phrase) {
        StringBuilder camel = new StringBuilder();
        for (String w : phrase.split(" ")) {
            String a = Text.ascii(w);
            if (!a.isEmpty()) {
                camel.append(Character.toUpperCase(a.charAt(0))).append(a.substring(1));
            }
        }
        String tag = camel.toString();
        if (tag.length() >= 2 && tag.length() <= MAX_TAG_CHARS && Character.isLetter(tag.charAt(0))) {
            boolean seen = tags.stream().anyMatch(t -> t.equalsIgnoreCase("#" + tag));
            if (!seen) {
                tags.add("#" + tag);
            }
        }
    }

    /** 2-4 adjacent capitalised words, ignoring leading/trailing function words such as "The". */
    private static List<String> capitalisedRuns(String text) {
        List<String> out = new ArrayList<>();
        for (String chunk : text.split("[^\\p{L}\\p{N}'’\\- ]+")) {
            List<String> run = new ArrayList<>();
            for (String w : (chunk.trim() + " ").split(" +")) {
                if (!w.isEmpty() && Words.isCapitalised(w)) {
                    run.add(w);
                    continue;
                }
                addRun(out, run);
                run.clear();
            }
            addRun(out, run); // a name can end the chunk ("... in São Paulo.")
        }
        return out;
    }

    private static void addRun(List<String> out, List<String> run) {
        int from = 0;
        int to = run.size() - 1;
        while (from <= to && Words.isStopWord(run.get(from))) {
            from++;
        }
        while (to >= from && Words.isStopWord(run.get(to))) {
            to--;
        }
        if (to - from + 1 >= 2) {
            out.add(String.join(" ", run.subList(from, Math.min(to, from + 3) + 1)));
        }
    }
}
