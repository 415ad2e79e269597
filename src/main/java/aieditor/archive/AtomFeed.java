package aieditor.archive;

import aieditor.html_compile.Html;
import aieditor.store.DecoratedStories;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The archive as an Atom feed (RFC 4287) for feed readers: one entry per sent issue, newest first, its id and link
 * the issue's page, its summary the preheader, its content the stories' headlines linked to their articles (the
 * email itself, with its tables and head, reads badly in a reader). Ids are the pages' absolute URLs, so they stay
 * the same only while the public address does: set newsletter.public-base-url for a feed readers follow.
 */
final class AtomFeed {
    static final String TYPE = "application/atom+xml; charset=utf-8";

    private final String title;
    private final DecoratedStories stories;

    AtomFeed(String newsletterTitle, DecoratedStories stories) {
        this.title = newsletterTitle;
        this.stories = stories;
    }

    /** @param root the absolute prefix of every link: the public base URL or the request's origin */
    String render(List<SentIssues.Listed> issues, String root) {
        Instant updated = issues.stream().map(SentIssues.Listed::sentAt).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(Instant.EPOCH); // nothing sent yet: a fixed time, so the empty feed keeps its ETag
        StringBuilder x = new StringBuilder(2048 + issues.size() * 1024);
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>").append(xml(root + ArchiveLinks.ROOT)).append("</id>\n")
                .append("  <title>").append(xml(title)).append("</title>\n")
                .append("  <subtitle>Every issue sent, newest first</subtitle>\n")
                .append("  <updated>").append(time(updated)).append("</updated>\n")
                .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(xml(root + ArchiveLinks.FEED)).append("\"/>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(root + ArchiveLinks.ROOT)).append("\"/>\n")
                .append("  <author><name>").append(xml(title)).append("</name></author>\n")
                .append("  <generator>ai-editor</generator>\n");
        for (SentIssues.Listed i : issues) {
            String page = root + ArchiveLinks.page(i.date());
            String when = time(i.sentAt() == null ? updated : i.sentAt());
            x.append("  <entry>\n")
                    .append("    <id>").append(xml(page)).append("</id>\n")
                    .append("    <title>").append(xml(ArchivePages.blankAs(i.subject(), "Issue of " + i.date()))).append("</title>\n")
                    .append("    <updated>").append(when).append("</updated>\n")
                    .append("    <published>").append(when).append("</published>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(xml(page)).append("\"/>\n")
                    .append("    <summary>").append(xml(i.preheader() == null ? "" : i.preheader())).append("</summary>\n")
                    .append("    <content type=\"html\">").append(xml(content(i, page))).append("</content>\n")
                    .append("  </entry>\n");
        }
        return x.append("</feed>\n").toString();
    }

    /** The entry's HTML (escaped again as the content's text): the stories as they were sent, and the issue's page. */
    private String content(SentIssues.Listed issue, String page) {
        StringBuilder h = new StringBuilder(1024);
        if (issue.preheader() != null && !issue.preheader().isBlank()) {
            h.append("<p>").append(Html.escape(issue.preheader())).append("</p>");
        }
        List<DecoratedStories.Story> list = stories.list(issue.date());
        if (!list.isEmpty()) {
            h.append("<ol>");
            for (DecoratedStories.Story s : list) {
                h.append("<li><a href=\"").append(Html.href(s.url())).append("\">").append(Html.escape(s.headline()))
                        .append("</a> (via ").append(Html.escape(s.source())).append(")</li>");
            }
            h.append("</ol>");
        }
        return h.append("<p><a href=\"").append(Html.escape(page)).append("\">Read the issue</a></p>").toString();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Escaped XML text; characters XML 1.0 cannot carry (control characters from a feed) are dropped. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    if (allowed) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
