package aieditor.ai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topic the newsletter cares about, matched as whole words (see {@link WordForms}). A keyword with context
 * terms is ambiguous on its own ("model" is also a fashion model): it counts only in an article whose title,
 * summary or body also contains at least one of its context terms.
 *
 * <p>Setting syntax, comma separated: {@code ai, machine learning, model[ai|llm|language model]}.
 *
 * @param term    the keyword, lower case, words separated by single spaces
 * @param context terms of which one must appear in the article for the keyword to count; empty = always counts
 */
public record Keyword(String term, List<String> context) {
    private static final Pattern ENTRY = Pattern.compile("([^\\[\\]|]+?)\\s*(?:\\[([^\\[\\]]*)])?");

    public Keyword {
        context = List.copyOf(context);
    }

    public boolean needsContext() {
        return !context.isEmpty();
    }

    /** How a prompt names the topic: "model (only when about ai, llm)". */
    public String describe() {
        return context.isEmpty() ? term : term + " (only when about " + String.join(", ", context) + ")";
    }

    @Override
    public String toString() {
        return context.isEmpty() ? term : term + "[" + String.join("|", context) + "]";
    }

    /**
     * Parses {@code scoring.keywords}. Singular and plural are one keyword ("model" also matches "models"), so a
     * second listing of the same words is dropped and the first one, with its context, wins.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code term} or {@code term[a|b]}
     */
    public static List<Keyword> parseList(String setting) {
        List<Keyword> out = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        if (setting == null) {
            return out;
        }
        for (String raw : setting.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches() || WordForms.of(m.group(1)).isEmpty()) {
                throw new IllegalArgumentException("scoring.keywords: '" + entry
                        + "' is not a keyword or keyword[context|context]");
            }
            List<String> context = new ArrayList<>();
            if (m.group(2) != null) {
                for (String c : m.group(2).split("\\|")) {
                    if (!WordForms.of(c).isEmpty()) {
                        context.add(tidy(c));
                    }
                }
                if (context.isEmpty()) {
                    throw new IllegalArgumentException("scoring.keywords: '" + entry + "' has empty brackets; "
                            + "list context terms like model[ai|llm] or drop the brackets");
                }
            }
            if (seen.add(WordForms.of(m.group(1)))) {
                out.add(new Keyword(tidy(m.group(1)), context));
            }
        }
        return out;
    }

    /** For settings written in code and tests: plain keywords without context. */
    public static List<Keyword> plain(String... terms) {
        return Arrays.stream(terms).map(t -> new Keyword(tidy(t), List.of())).toList();
    }

    private static String tidy(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
