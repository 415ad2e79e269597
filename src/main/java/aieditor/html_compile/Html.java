package aieditor.html_compile;

import aieditor.model.WebLink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only place where untrusted text (headlines, bullets, sources, URLs from feeds and the AI) is turned into
 * HTML. Keeping it in one small class makes it easy to audit: everything the templates emit from an article
 * goes through {@link #escape}, {@link #boldMarkdown} or one of the URL methods.
 */
public final class Html {

    /*
     * Non-greedy and non-empty: "**a** and **b**" gives two <strong>s, and a lone or trailing "**" never matches
     * so it stays literal. Runs on already-escaped text, which cannot contain '*' produced by the escaper.
     */
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*", Pattern.DOTALL);

    private Html() {
    }

    /** Escapes for both element content and double- or single-quoted attribute values; null becomes "". */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Escapes the text, then turns balanced Markdown {@code **phrase**} into {@code <strong>phrase</strong>}.
     * Escaping first means the only tags in the result are the ones this method adds.
     */
    public static String boldMarkdown(String markdown) {
        String escaped = escape(markdown);
        Matcher m = BOLD.matcher(escaped);
        // the replacement is a fixed template; group text is escaped already and holds no '$' or '\' specials
        return m.replaceAll(r -> "<strong>" + Matcher.quoteReplacement(r.group(1)) + "</strong>");
    }

    /** Plain-text form of a bulleted line: the Markdown bold markers are dropped, the phrase stays. */
    public static String stripBold(String markdown) {
        return markdown == null ? "" : markdown.replace("**", "");
    }

    /**
     * An attribute-ready link: the URL escaped when it is a {@link WebLink} (absolute http/https), otherwise "#".
     * Feeds and models can hand us {@code javascript:}, {@code data:} or garbage; none of that may reach an href.
     */
    public static String href(String url) {
        String clean = WebLink.clean(url);
        return clean == null ? "#" : escape(clean);
    }

    /**
     * Like {@link #href}, but also accepts a scheme-less relative path such as {@code images/1.png}: the local
     * outbox stores images next to the HTML file (see {@link Newsletter.Story#imageUrl()}). A relative path cannot
     * carry a scheme, so it is as harmless as an https URL.
     */
    public static String imageSrc(String url) {
        String clean = WebLink.clean(url);
        if (clean == null) {
            clean = cleanRelativePath(url);
        }
        return clean == null ? "#" : escape(clean);
    }

    private static String cleanRelativePath(String url) {
        String u = normalise(url);
        if (u == null || u.startsWith("/") || u.startsWith("#")) {
            // "//host/x" is protocol-relative (another site); an absolute path is meaningless in a mail client
            return null;
        }
        // a ':' before the first '/', '?' or '#' would be a scheme (javascript:, data:, file:, ...)
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                return null;
            }
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
        }
        return u;
    }

    /*
     * Browsers strip tabs/newlines inside URLs ("java\nscript:") and treat '\' like '/', so any control
     * character or backslash disqualifies the URL instead of being cleaned up. Inner spaces are encoded.
     */
    private static String normalise(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        if (u.isEmpty()) {
            return null;
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        return u.replace(" ", "%20");
    }
}
