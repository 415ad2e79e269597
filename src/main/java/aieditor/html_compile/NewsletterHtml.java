package aieditor.html_compile;

import aieditor.model.WebLink;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders an issue as email HTML.
 *
 * <p>Mail clients are the constraint, not browsers: Outlook (Word engine) ignores most CSS and max-width, Gmail
 * drops {@code <style>} in some contexts and clips messages over 102 KB. Hence table layout, every layout rule
 * inline, width/height attributes on images, and a head {@code <style>} used only as a progressive enhancement
 * for small screens. Everything coming from articles goes through {@link Html}.
 */
public final class NewsletterHtml {

    /** Content width; the width attribute matters because Outlook ignores CSS widths on tables. */
    static final int WIDTH = 600;
    private static final int PAD = 24;
    /** Thumbnail width for stories 2-5, shown beside the text on desktop and stacked above it on mobile. */
    static final int THUMB_WIDTH = 184;

    private static final DateTimeFormatter ISSUE_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
    private static final String FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Helvetica,Arial,sans-serif";
    private static final String INK = "#111827";
    private static final String BODY_TEXT = "#374151";
    private static final String MUTED = "#6b7280";
    private static final String ACCENT = "#2563eb";
    private static final String PAGE_BG = "#f3f4f6";
    private static final String RULE = "#e5e7eb";

    /*
     * Invisible characters after the preheader stop clients from filling the inbox preview with the first visible
     * body text (the title, the date...). Zero-width non-joiner + combining grapheme joiner + nbsp is the usual mix.
     */
    private static final String PREHEADER_FILLER = "&#847;&zwnj;&nbsp;".repeat(80);

    /*
     * Only what inline CSS cannot do: collapsing to full width and stacking the thumbnail on phones. Clients that
     * drop this still get a working, if narrow-screen-unfriendly, 600px layout.
     */
    private static final String MOBILE_CSS = """
            @media only screen and (max-width:620px){
              .container{width:100%!important;}
              .pad{padding-left:16px!important;padding-right:16px!important;}
              .stack{display:block!important;width:100%!important;padding-left:0!important;padding-right:0!important;}
              .stack-img{padding-bottom:0!important;}
              .stack-text{padding-top:16px!important;}
              .thumb{width:100%!important;height:auto!important;max-width:100%!important;}
              .lead-title{font-size:24px!important;line-height:30px!important;}
            }""";

    public String render(Newsletter n) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n")
                .append("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n")
                // stops iOS Mail from rescaling/reformatting the layout
                .append("<meta name=\"x-apple-disable-message-reformatting\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<meta name=\"supported-color-schemes\" content=\"light\">\n")
                .append("<title>").append(Html.escape(firstNonBlank(n.subject(), n.title()))).append("</title>\n")
                .append("<style>").append(MOBILE_CSS).append("</style>\n")
                .append("</head>\n")
                .append("<body style=\"margin:0;padding:0;width:100%;background-color:").append(PAGE_BG)
                .append(";-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;\">\n");

        // must stay the first element of body: clients take the preview from the first text they find
        h.append("<div class=\"preheader\" style=\"display:none;max-height:0;max-width:0;overflow:hidden;mso-hide:all;")
                .append("font-size:1px;line-height:1px;color:").append(PAGE_BG).append(";opacity:0;\">")
                .append(Html.escape(n.preheader())).append(PREHEADER_FILLER).append("</div>\n");

        // outer full-width table carries the page background (body background is dropped by some webmails)
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                .append("style=\"width:100%;border-collapse:collapse;background-color:").append(PAGE_BG).append(";\">\n")
                .append("<tr><td align=\"center\" style=\"padding:24px 0;\">\n");

        h.append("<table role=\"presentation\" class=\"container\" width=\"").append(WIDTH)
                .append("\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" align=\"center\" style=\"width:")
                .append(WIDTH).append("px;max-width:").append(WIDTH)
                .append("px;margin:0 auto;border-collapse:collapse;background-color:#ffffff;\">\n");

        viewOnline(h, n);
        header(h, n);
        List<Newsletter.Story> stories = inSlotOrder(n.stories());
        for (int i = 0; i < stories.size(); i++) {
            Newsletter.Story s = stories.get(i);
            if (i == 0) {
                lead(h, s);
            } else {
                regular(h, s);
            }
        }
        footer(h, n);

        h.append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * "View in browser" above the masthead, for a reader whose client blocks images or breaks the layout. Only with
     * an absolute link (the archive page): one row on one line, which the archive drops from its web copy
     * (aieditor.archive.IssuePage).
     */
    private static void viewOnline(StringBuilder h, Newsletter n) {
        if (WebLink.clean(n.webUrl()) == null) {
            return;
        }
        h.append("<tr><td class=\"pad view-online\" align=\"right\" style=\"padding:10px ").append(PAD).append("px 0 ")
                .append(PAD).append("px;font-family:").append(FONT).append(";font-size:12px;line-height:16px;color:")
                .append(MUTED).append(";\"><a href=\"").append(Html.href(n.webUrl())).append("\" style=\"color:").append(MUTED)
                .append(";text-decoration:underline;\">View in browser</a></td></tr>\n");
    }

    private static void header(StringBuilder h, Newsletter n) {
        h.append("<tr><td class=\"pad\" style=\"padding:28px ").append(PAD).append("px 20px ").append(PAD)
                .append("px;border-bottom:3px solid ").append(INK).append(";font-family:").append(FONT).append(";\">\n")
                .append("<h1 style=\"margin:0;font-family:").append(FONT).append(";font-size:30px;line-height:36px;")
                .append("font-weight:800;letter-spacing:-0.5px;color:").append(INK).append(";\">")
                .append(Html.escape(n.title())).append("</h1>\n")
                .append("<p class=\"issue-date\" style=\"margin:6px 0 0 0;font-family:").append(FONT)
                .append(";font-size:14px;line-height:20px;color:").append(MUTED).append(";\">")
                .append(n.issueDate() == null ? "" : Html.escape(ISSUE_DATE.format(n.issueDate())))
                .append("</p>\n</td></tr>\n");
    }

    /** The lead: edge-to-edge image, then a larger headline. */
    private static void lead(StringBuilder h, Newsletter.Story s) {
        h.append("<tr><td class=\"story story-lead\" data-slot=\"").append(s.slot())
                .append("\" style=\"padding:0 0 8px 0;\">\n");
        if (s.imageUrl() != null) {
            h.append("<a href=\"").append(Html.href(s.url())).append("\" style=\"display:block;\">");
            image(h, s, WIDTH, "");
            h.append("</a>\n");
        }
        h.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                .append("style=\"border-collapse:collapse;\"><tr><td class=\"pad\" style=\"padding:20px ").append(PAD)
                .append("px 16px ").append(PAD).append("px;font-family:").append(FONT).append(";\">\n");
        h.append("<p style=\"margin:0 0 6px 0;font-family:").append(FONT).append(";font-size:12px;line-height:16px;")
                .append("font-weight:700;letter-spacing:1px;text-transform:uppercase;color:").append(ACCENT)
                .append(";\">Top story</p>\n");
        headline(h, s, "lead-title", 28, 34);
        bullets(h, s);
        credit(h, s);
        h.append("</td></tr></table>\n</td></tr>\n");
    }

    /** Stories 2-5: thumbnail on the left, text on the right; the mobile CSS stacks them. */
    private static void regular(StringBuilder h, Newsletter.Story s) {
        h.append("<tr><td class=\"story pad\" data-slot=\"").append(s.slot()).append("\" style=\"padding:0 ")
                .append(PAD).append("px;\">\n")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                .append("style=\"border-collapse:collapse;border-top:1px solid ").append(RULE).append(";\"><tr>\n");
        if (s.imageUrl() != null) {
            h.append("<td class=\"stack stack-img\" width=\"").append(THUMB_WIDTH).append("\" valign=\"top\" style=\"width:")
                    .append(THUMB_WIDTH).append("px;padding:24px 16px 24px 0;\">")
                    .append("<a href=\"").append(Html.href(s.url())).append("\" style=\"display:block;\">");
            image(h, s, THUMB_WIDTH, "thumb");
            h.append("</a></td>\n");
        }
        h.append("<td class=\"stack stack-text\" valign=\"top\" style=\"padding:24px 0;font-family:").append(FONT).append(";\">\n");
        headline(h, s, "story-title", 19, 25);
        bullets(h, s);
        credit(h, s);
        h.append("</td>\n</tr></table>\n</td></tr>\n");
    }

    private static void image(StringBuilder h, Newsletter.Story s, int displayWidth, String cssClass) {
        // Outlook sizes images from the attributes only, so scale the real aspect ratio to the display width
        int displayHeight = s.imageWidth() > 0 && s.imageHeight() > 0
                ? Math.round((float) displayWidth * s.imageHeight() / s.imageWidth())
                : Math.round(displayWidth * 9f / 16f);
        h.append("<img");
        if (!cssClass.isEmpty()) {
            h.append(" class=\"").append(cssClass).append('"');
        }
        h.append(" src=\"").append(Html.imageSrc(s.imageUrl())).append("\" alt=\"").append(Html.escape(s.headline()))
                .append("\" width=\"").append(displayWidth).append("\" height=\"").append(displayHeight)
                .append("\" border=\"0\" style=\"display:block;width:100%;max-width:").append(displayWidth)
                .append("px;height:auto;border:0;outline:none;text-decoration:none;background-color:").append(RULE)
                .append(";font-family:").append(FONT).append(";font-size:14px;color:").append(MUTED).append(";\">");
    }

    private static void headline(StringBuilder h, Newsletter.Story s, String cssClass, int size, int lineHeight) {
        h.append("<h2 class=\"").append(cssClass).append("\" style=\"margin:0 0 10px 0;font-family:").append(FONT)
                .append(";font-size:").append(size).append("px;line-height:").append(lineHeight)
                .append("px;font-weight:700;color:").append(INK).append(";\">")
                .append("<a href=\"").append(Html.href(s.url())).append("\" style=\"color:").append(INK)
                .append(";text-decoration:none;\">").append(Html.escape(s.headline())).append("</a></h2>\n");
    }

    private static void bullets(StringBuilder h, Newsletter.Story s) {
        List<String> bullets = s.bullets() == null ? List.of() : s.bullets();
        if (bullets.isEmpty()) {
            return;
        }
        h.append("<ul style=\"margin:0 0 10px 0;padding:0 0 0 20px;\">\n");
        for (String b : bullets) {
            h.append("<li style=\"margin:0 0 6px 0;font-family:").append(FONT).append(";font-size:15px;line-height:22px;")
                    .append("color:").append(BODY_TEXT).append(";\">").append(Html.boldMarkdown(b)).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void credit(StringBuilder h, Newsletter.Story s) {
        h.append("<p class=\"credit\" style=\"margin:0;font-family:").append(FONT)
                .append(";font-size:13px;line-height:18px;color:").append(MUTED).append(";\">via ")
                .append(Html.escape(s.source())).append(" &middot; <a href=\"").append(Html.href(s.url()))
                .append("\" style=\"color:").append(ACCENT).append(";text-decoration:underline;\">Read the story</a></p>\n");
        if (s.alsoReportedBy().isEmpty()) {
            return;
        }
        h.append("<p class=\"also\" style=\"margin:4px 0 0 0;font-family:").append(FONT)
                .append(";font-size:13px;line-height:18px;color:").append(MUTED).append(";\">Also reported by: ");
        for (int i = 0; i < s.alsoReportedBy().size(); i++) {
            Newsletter.Report r = s.alsoReportedBy().get(i);
            h.append(i == 0 ? "" : ", ").append("<a href=\"").append(Html.href(r.url())).append("\" style=\"color:")
                    .append(MUTED).append(";text-decoration:underline;\">").append(Html.escape(r.source())).append("</a>");
        }
        h.append("</p>\n");
    }

    private static void footer(StringBuilder h, Newsletter n) {
        h.append("<tr><td class=\"pad footer\" align=\"center\" style=\"padding:24px ").append(PAD).append("px 28px ")
                .append(PAD).append("px;border-top:1px solid ").append(RULE).append(";background-color:#f9fafb;")
                .append("font-family:").append(FONT).append(";font-size:12px;line-height:18px;color:").append(MUTED)
                .append(";\">\n<p style=\"margin:0 0 8px 0;\">You are receiving ")
                .append(Html.escape(n.title())).append(" because you subscribed to it.</p>\n")
                .append("<p style=\"margin:0;\"><a class=\"unsubscribe\" href=\"").append(Html.href(n.unsubscribeUrl()))
                .append("\" style=\"color:").append(MUTED).append(";text-decoration:underline;\">Unsubscribe</a></p>\n")
                .append("</td></tr>\n");
    }

    /** Callers should already pass slot order; sorting here makes "slot 1 is the lead" hold regardless. */
    static List<Newsletter.Story> inSlotOrder(List<Newsletter.Story> stories) {
        List<Newsletter.Story> sorted = new ArrayList<>(stories == null ? List.of() : stories);
        sorted.sort(Comparator.comparingInt(Newsletter.Story::slot));
        return sorted;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : (b == null ? "" : b);
    }
}
