package aieditor.archive;

import aieditor.html_compile.Html;

import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web copy of a sent issue: the HTML that went out, with what only makes sense on the web added and what only
 * makes sense in a mailbox taken out. Its images load from the service (the outbox links them relative to the
 * message, {@code images/slot-1.jpg}); images hosted elsewhere over https keep their links. "View in browser" goes,
 * a link to the archive and its feed comes, and with a public address the head carries Open Graph tags for
 * link previews. The unsubscribe footer stays: it is what was sent, and holds nobody's data.
 */
final class IssuePage {
    /** The row NewsletterHtml writes on one line when the issue has a public address. */
    private static final Pattern VIEW_ONLINE = Pattern.compile("<tr><td class=\"pad view-online\"[^\n]*</td></tr>\n");
    private static final Pattern LOCAL_IMAGE = Pattern.compile("(<img\\b[^>]*?\\ssrc=\")images/([A-Za-z0-9._-]+\")");
    private static final Pattern BODY = Pattern.compile("<body\\b[^>]*>");
    private static final Pattern WEB_IMAGE = Pattern.compile("<img\\b[^>]*?\\ssrc=\"(https?://[^\"]+)\"");
    private static final String NAV_STYLE = "max-width:600px;margin:0 auto;padding:12px 16px;font-family:-apple-system,"
            + "BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:20px;color:#374151;";

    private IssuePage() {
    }

    static String render(SentIssues.Sent sent, ArchiveLinks links, String newsletterTitle) {
        String p = links.onPage();
        String html = VIEW_ONLINE.matcher(sent.html()).replaceFirst("");
        html = LOCAL_IMAGE.matcher(html).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + Html.escape(p + ArchiveLinks.page(sent.issue().date()) + "/images/") + m.group(2)));
        html = insertAfterBody(html, "\n<nav aria-label=\"Archive\" style=\"" + NAV_STYLE + "\"><a href=\""
                + Html.escape(p + ArchiveLinks.ROOT) + "\" style=\"color:#2563eb;\">All issues of " + Html.escape(newsletterTitle)
                + "</a> &middot; <a href=\"" + Html.escape(p + ArchiveLinks.FEED) + "\" style=\"color:#2563eb;\">Feed</a></nav>");
        StringBuilder head = new StringBuilder();
        head.append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").append(Html.escape(newsletterTitle))
                .append("\" href=\"").append(Html.escape(p + ArchiveLinks.FEED)).append("\">\n");
        if (links.hasPublicBase()) {
            String url = Html.escape(p + ArchiveLinks.page(sent.issue().date()));
            head.append("<link rel=\"canonical\" href=\"").append(url).append("\">\n");
            meta(head, "og:type", "article");
            meta(head, "og:site_name", Html.escape(newsletterTitle));
            meta(head, "og:title", Html.escape(sent.issue().subject()));
            meta(head, "og:description", Html.escape(sent.issue().preheader()));
            meta(head, "og:url", url);
            Matcher lead = WEB_IMAGE.matcher(html);
            if (lead.find()) {
                meta(head, "og:image", lead.group(1)); // already escaped for an attribute, as the img carries it
            }
            if (sent.issue().sentAt() != null) {
                meta(head, "article:published_time", sent.issue().sentAt().truncatedTo(ChronoUnit.SECONDS).toString());
            }
        }
        meta(head, "description", Html.escape(sent.issue().preheader()));
        int end = html.indexOf("</head>");
        return end < 0 ? html : html.substring(0, end) + head + html.substring(end);
    }

    /** Open Graph uses property=, plain meta tags name=; {@code value} is escaped already. */
    private static void meta(StringBuilder head, String key, String value) {
        head.append("<meta ").append(key.contains(":") ? "property" : "name").append("=\"").append(key)
                .append("\" content=\"").append(value).append("\">\n");
    }

    private static String insertAfterBody(String html, String fragment) {
        Matcher body = BODY.matcher(html);
        return body.find() ? html.substring(0, body.end()) + fragment + html.substring(body.end()) : html;
    }
}
