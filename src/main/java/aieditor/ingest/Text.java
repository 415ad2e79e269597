package aieditor.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/** Text clean-up shared by every ingest path, so feeds and folders produce identical titles and source names. */
public final class Text {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    // \s does not match the no-break space that &nbsp; decodes to, and titles are full of them
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private Text() {
    }

    /**
     * HTML (or text that may contain entities/tags) to a single line of plain text.
     * Feeds routinely double-escape titles, so we always let jsoup decode rather than trusting the XML layer.
     */
    public static String plain(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String text = html.indexOf('<') < 0 && html.indexOf('&') < 0 ? html : Jsoup.parse(html).text();
        return collapse(text);
    }

    /** Collapses any run of whitespace (including no-break spaces) to one space and trims. */
    public static String collapse(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** Lower case with accents removed: "Zürich Café" -> "zurich cafe"; characters without an ASCII base survive. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** "The Northwind Ledger" -> "the-northwind-ledger"; empty when nothing alphanumeric remains. */
    public static String slug(String text) {
        String dashed = NON_ALNUM.matcher(fold(text)).replaceAll("-");
        int start = 0;
        int end = dashed.length();
        while (start < end && dashed.charAt(start) == '-') {
            start++;
        }
        while (end > start && dashed.charAt(end - 1) == '-') {
            end--;
        }
        return dashed.substring(start, end);
    }

    /**
     * "bramblecote-dispatch" -> "Bramblecote Dispatch": what readers see of a folder's or table's source that has no
     * configured name, since such articles name their source by slug only.
     */
    public static String unslug(String slug) {
        StringBuilder name = new StringBuilder();
        for (String word : slug.split("-+")) {
            if (!word.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    /** Treats null and whitespace-only values as absent, which is how feeds and front matter say "unknown". */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
