package aieditor.archive;

import aieditor.html_compile.Html;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The archive's own pages: the list of sent issues and the page of a refusal. Plain HTML that reads on a phone and
 * with a screen reader (language, title, landmarks, dates as {@code <time>}), no script, its styles in the head.
 */
final class ArchivePages {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
    private static final String CSS = "body{margin:0 auto;max-width:40rem;padding:1rem 1.25rem 3rem;font:16px/1.5 "
            + "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;background:#fff}"
            + "h1{font-size:1.75rem;line-height:1.2;margin:1rem 0 .25rem}a{color:#1d4ed8}"
            + "ol{list-style:none;margin:1.5rem 0;padding:0}li{padding:1rem 0;border-top:1px solid #e5e7eb}"
            + "time{display:block;font-size:.875rem;color:#4b5563}li a{font-size:1.125rem;font-weight:600}"
            + "li p{margin:.25rem 0 0;color:#374151}nav{margin-top:1rem}.lede{color:#4b5563;margin:0}";

    private final String title;

    ArchivePages(String newsletterTitle) {
        this.title = newsletterTitle;
    }

    /**
     * One page of the list, newest first.
     *
     * @param older the date to list before for the next page, null when this page holds the oldest issue
     * @param first whether this is the newest page (the others link back to it)
     */
    String index(List<SentIssues.Listed> issues, LocalDate older, boolean first, ArchiveLinks links) {
        String p = links.onPage();
        StringBuilder b = new StringBuilder(4096);
        head(b, "Archive of " + title, links);
        if (links.hasPublicBase()) {
            b.append("<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"Archive of ")
                    .append(Html.escape(title)).append("\">\n<meta property=\"og:url\" content=\"")
                    .append(Html.escape(p + ArchiveLinks.ROOT)).append("\">\n");
        }
        b.append("</head>\n<body>\n<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"lede\">")
                .append(first ? "Every issue sent, newest first." : "Earlier issues, newest first.")
                .append(" Follow it in a feed reader: <a href=\"").append(Html.escape(p + ArchiveLinks.FEED))
                .append("\">Atom feed</a>.</p>\n</header>\n<main>\n");
        if (issues.isEmpty()) {
            b.append("<p>No issue has been sent yet.</p>\n");
        } else {
            b.append("<ol>\n");
            for (SentIssues.Listed i : issues) {
                b.append("<li><time datetime=\"").append(i.date()).append("\">").append(DAY.format(i.date()))
                        .append("</time><a href=\"").append(Html.escape(p + ArchiveLinks.page(i.date()))).append("\">")
                        .append(Html.escape(blankAs(i.subject(), "Issue of " + i.date()))).append("</a>");
                if (i.preheader() != null && !i.preheader().isBlank()) {
                    b.append("<p>").append(Html.escape(i.preheader())).append("</p>");
                }
                b.append("</li>\n");
            }
            b.append("</ol>\n");
        }
        if (older != null || !first) {
            b.append("<nav aria-label=\"More issues\">");
            if (older != null) {
                b.append("<a rel=\"next\" href=\"").append(Html.escape(p + ArchiveLinks.ROOT + "?before=" + older))
                        .append("\">Older issues</a>");
            }
            if (!first) {
                b.append(older != null ? " &middot; " : "").append("<a href=\"").append(Html.escape(p + ArchiveLinks.ROOT))
                        .append("\">Newest issues</a>");
            }
            b.append("</nav>\n");
        }
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    /** A 404 or 400 a reader can act on: what happened, and the way back to the list. */
    String problem(int status, String message, ArchiveLinks links) {
        StringBuilder b = new StringBuilder(1024);
        String heading = status == 404 ? "Not found" : "Bad request";
        head(b, heading + " - " + title, links);
        return b.append("</head>\n<body>\n<main>\n<h1>").append(heading).append("</h1>\n<p>").append(Html.escape(message))
                .append("</p>\n<p><a href=\"").append(Html.escape(links.onPage() + ArchiveLinks.ROOT))
                .append("\">All issues of ").append(Html.escape(title)).append("</a></p>\n</main>\n</body>\n</html>\n")
                .toString();
    }

    private void head(StringBuilder b, String pageTitle, ArchiveLinks links) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>")
                .append(Html.escape(pageTitle)).append("</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                .append(Html.escape(title)).append("\" href=\"").append(Html.escape(links.onPage() + ArchiveLinks.FEED))
                .append("\">\n<style>").append(CSS).append("</style>\n");
    }

    static String blankAs(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
