package aieditor.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/**
 * Text clean-up shared by ingest and the offline providers: plain text out of markup, whitespace, accents, slugs.
 * Ingest uses it so that feeds and folders produce identical titles and source names; the offline providers so
 * that scoring, decoration, bolding and social posts read the same text.
 */
public final class Text {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NON_ASCII_ALNUM = Pattern.compile("[^A-Za-z0-9]");
    // \s does not match the no-break space that &nbsp; decodes to, and titles are full of them
    private static final String SPACES = "\\s\\u00A0\\u2007\\u202F";
    private static final Pattern WHITESPACE = Pattern.compile("[" + SPACES + "]+");
    private static final Pattern WHITESPACE_OR_ZERO_WIDTH = Pattern.compile("[" + SPACES + "\\u200B]+");
    private static final Pattern HTML_TAG = Pattern.compile("(?is)</?[a-z][a-z0-9]*(?:\\s[^>]*)?/?>");

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

    /**
     * Plain text of prose that may be HTML: parsed only when it has tags, since cleaned article text may well say
     * "&amp;" or "a < b" in words; whitespace collapsed as {@link #collapseBreaks} does.
     */
    public static String plainProse(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return collapseBreaks(looksLikeHtml(text) ? Jsoup.parse(text).text() : text);
    }

    public static boolean looksLikeHtml(String text) {
        return text != null && HTML_TAG.matcher(text).find();
    }

    /** Collapses any run of whitespace (including no-break spaces) to one space and trims. */
    public static String collapse(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /**
     * As {@link #collapse}, and a zero-width space counts as a space too: the offline providers split prose into
     * words and sentences, and a zero-width space after a full stop still ends the sentence. Titles and names
     * keep theirs, as their source wrote them.
     */
    public static String collapseBreaks(String text) {
        return text == null ? "" : WHITESPACE_OR_ZERO_WIDTH.matcher(text).replaceAll(" ").trim();
    }

    /** Lower case with accents removed: "Zürich Café" -> "zurich cafe"; characters without an ASCII base survive. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        return withoutMarks(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    }

    /** Plain ASCII letters and digits only, diacritics folded and case kept: "Zoë Łukasiewicz" -> "ZoeLukasiewicz". */
    public static String ascii(String text) {
        String folded = withoutMarks(text, Normalizer.Form.NFD);
        // letters with a stroke or ligatures have no combining mark to remove
        folded = folded.replace("Ł", "L").replace("ł", "l").replace("Ø", "O").replace("ø", "o")
                .replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae");
        return NON_ASCII_ALNUM.matcher(folded).replaceAll("");
    }

    /**
     * Decomposed text without its accents. {@link #fold} decomposes compatibility forms too (the "ﬁ" ligature to
     * "fi"), as comparing needs; {@link #ascii} drops them, as hashtags always have.
     */
    private static String withoutMarks(String text, Normalizer.Form form) {
        return COMBINING_MARKS.matcher(Normalizer.normalize(text, form)).replaceAll("");
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
