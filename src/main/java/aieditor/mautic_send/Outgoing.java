package aieditor.mautic_send;

import aieditor.html_compile.Html;
import aieditor.html_compile.Newsletter;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An issue's message as its channel sends it, built before anything is sent: what readers get, for the send and
 * for the editor's preview alike.
 *
 * @param html   the HTML part as sent: story images as {@code cid:} references (outbox, SMTP) or https URLs
 * @param images every image the HTML shows, once each, in the order it shows them
 * @param bytes  the message's size: the whole MIME message (outbox, SMTP), or the HTML and text Mautic is given
 * @param mime   the MIME message for the outbox and SMTP; null for Mautic, which builds its own
 */
public record Outgoing(Newsletter newsletter, String html, String text, List<MessageImage> images, long bytes,
                       MimeMessage mime) {
    private static final Pattern CID_SRC = Pattern.compile("(<img\\b[^>]*?\\ssrc=\")(cid:[^\"]*)\"", Pattern.CASE_INSENSITIVE);

    public Outgoing {
        images = List.copyOf(images);
    }

    /** What the images inside the message add up to, in bytes before base64. */
    public long embeddedBytes() {
        return images.stream().filter(MessageImage::embedded).mapToLong(MessageImage::bytes).sum();
    }

    /**
     * The HTML part with each embedded image's {@code cid:} replaced by a URL a browser loads it from: a browser
     * showing the HTML on its own has no message parts to resolve {@code cid:} against.
     */
    public String htmlForBrowser(Function<MessageImage, String> url) {
        Matcher m = CID_SRC.matcher(html);
        return m.replaceAll(r -> images.stream().filter(i -> i.src().equals(r.group(2))).findFirst()
                .map(i -> Matcher.quoteReplacement(r.group(1) + Html.escape(url.apply(i)) + "\""))
                .orElse(Matcher.quoteReplacement(r.group(0))));
    }
}
