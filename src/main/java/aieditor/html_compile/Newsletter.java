package aieditor.html_compile;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the newsletter templates need for one issue.
 *
 * @param issueDate      the issue's date
 * @param title          newsletter name, e.g. "The AI Editor"
 * @param subject        email subject line
 * @param preheader      inbox preview text (hidden in the body)
 * @param stories        the decorated stories in slot order (slot 1 is the lead)
 * @param unsubscribeUrl absolute URL for the visible unsubscribe link and List-Unsubscribe
 * @param webUrl         the issue's page in the public archive, for "View in browser"; null when the service has no
 *                       public address (newsletter.public-base-url), as a relative link would be dead in a mail client
 */
public record Newsletter(LocalDate issueDate, String title, String subject, String preheader, List<Story> stories,
                         String unsubscribeUrl, String webUrl) {

    /** An issue without a "View in browser" link. */
    public Newsletter(LocalDate issueDate, String title, String subject, String preheader, List<Story> stories,
                      String unsubscribeUrl) {
        this(issueDate, title, subject, preheader, stories, unsubscribeUrl, null);
    }

    /**
     * @param slot        1..5
     * @param headline    plain text
     * @param bullets     three bullets, key phrases marked with Markdown bold {@code **...**}
     * @param url         the article link
     * @param source      source name shown as credit
     * @param imageUrl    image URL (absolute https in production, relative in the local outbox), may be null
     * @param imageWidth  pixels
     * @param imageHeight pixels
     * @param alsoReportedBy the other sources that reported the story, shown under it as "Also reported by"
     */
    public record Story(int slot, String headline, List<String> bullets, String url, String source,
                        String imageUrl, int imageWidth, int imageHeight, List<Report> alsoReportedBy) {

        public Story {
            alsoReportedBy = alsoReportedBy == null ? List.of() : List.copyOf(alsoReportedBy);
        }

        /** A story only its own source reported. */
        public Story(int slot, String headline, List<String> bullets, String url, String source,
                     String imageUrl, int imageWidth, int imageHeight) {
            this(slot, headline, bullets, url, source, imageUrl, imageWidth, imageHeight, List.of());
        }
    }

    /** Another source's report of a story: its name and its link. */
    public record Report(String source, String url) {
    }
}
