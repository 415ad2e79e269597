package aieditor.html_compile;

import aieditor.model.WebLink;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders the text/plain alternative of an issue. Some clients and many spam filters read this part, so it carries
 * the same stories and links as the HTML, wrapped at 78 columns (RFC 5322's recommended line length).
 */
public final class NewsletterText {

    static final int WIDTH = 78;
    private static final DateTimeFormatter ISSUE_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

    public String render(Newsletter n) {
        StringBuilder t = new StringBuilder(4096);
        String title = oneLine(n.title());
        line(t, title);
        line(t, "=".repeat(Math.min(WIDTH, Math.max(3, title.length()))));
        if (n.issueDate() != null) {
            line(t, ISSUE_DATE.format(n.issueDate()));
        }
        String webUrl = WebLink.clean(n.webUrl());
        if (webUrl != null) {
            wrap(t, "View in browser: " + webUrl, "");
        }
        t.append('\n');

        List<Newsletter.Story> stories = NewsletterHtml.inSlotOrder(n.stories());
        for (int i = 0; i < stories.size(); i++) {
            Newsletter.Story s = stories.get(i);
            String number = s.slot() + ". ";
            String marker = i == 0 ? "TOP STORY: " : "";
            wrap(t, number + marker + oneLine(s.headline()), " ".repeat(number.length()));
            if (s.bullets() != null) {
                for (String b : s.bullets()) {
                    wrap(t, "- " + oneLine(Html.stripBold(b)), "  ");
                }
            }
            wrap(t, "via " + oneLine(s.source()), "");
            // a story whose link is not http(s) goes without one, as its HTML twin links to "#"
            String link = WebLink.clean(s.url());
            if (link != null) {
                wrap(t, "Read: " + link, "");
            }
            if (!s.alsoReportedBy().isEmpty()) {
                // a line each, so a link is never broken across lines
                wrap(t, "Also reported by:", "");
                for (Newsletter.Report r : s.alsoReportedBy()) {
                    String other = WebLink.clean(r.url());
                    wrap(t, "- " + oneLine(r.source()) + (other == null ? "" : ": " + other), "  ");
                }
            }
            t.append('\n');
        }

        line(t, "--");
        wrap(t, "You are receiving " + oneLine(n.title()) + " because you subscribed to it.", "");
        wrap(t, "Unsubscribe: " + oneLine(n.unsubscribeUrl()), "");
        return t.toString();
    }

    /**
     * Greedy word wrap. A word longer than the line (a URL, typically) gets a line of its own and is never split,
     * because a broken URL is a dead link.
     */
    static void wrap(StringBuilder out, String text, String indent) {
        String[] words = text.strip().split(" +");
        StringBuilder current = new StringBuilder();
        for (String w : words) {
            if (current.length() == 0) {
                current.append(w);
            } else if (current.length() + 1 + w.length() <= WIDTH) {
                current.append(' ').append(w);
            } else {
                line(out, current.toString());
                current.setLength(0);
                current.append(indent).append(w);
            }
        }
        line(out, current.toString());
    }

    private static void line(StringBuilder out, String s) {
        out.append(s.stripTrailing()).append('\n');
    }

    /** Values come from feeds and models: collapse any newlines/tabs so they cannot break the layout. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
