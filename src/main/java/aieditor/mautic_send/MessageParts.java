package aieditor.mautic_send;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of an issue's message: multipart/alternative with the plain text first and the HTML last (in
 * multipart/alternative the last part is the preferred one); when images travel with the HTML, the HTML and its
 * images form a multipart/related part, the HTML its root.
 */
final class MessageParts {
    private MessageParts() {
    }

    static MimeMultipart alternative(LocalDate issueDate, String text, MessageImages.Embedded html) throws MessagingException {
        MimeMultipart alternative = new StableMultipart("alternative", "----=_Alt_issue-" + issueDate, null);
        alternative.addBodyPart(textPart(text, "plain"));
        alternative.addBodyPart(htmlWithImages(issueDate, html));
        return alternative;
    }

    /** The HTML part alone, or, when images travel with it, multipart/related: the HTML first, then each image. */
    private static BodyPart htmlWithImages(LocalDate issueDate, MessageImages.Embedded embedded) throws MessagingException {
        MimeBodyPart html = textPart(embedded.html(), "html");
        List<MessageImage> inside = embedded.images().stream().filter(MessageImage::embedded).toList();
        if (inside.isEmpty()) {
            return html;
        }
        MimeMultipart related = new StableMultipart("related", "----=_Rel_issue-" + issueDate, "text/html");
        related.addBodyPart(html);
        for (MessageImage image : inside) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.content(), image.contentType())));
            part.setContentID("<" + image.contentId() + ">");
            // inline: shown where the HTML references it, not offered as an attachment
            part.setDisposition(Part.INLINE);
            part.setFileName(image.file().getFileName().toString());
            part.setHeader("Content-Transfer-Encoding", "base64");
            related.addBodyPart(part);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content == null ? "" : content, StandardCharsets.UTF_8.name(), subtype);
        // quoted-printable keeps lines under 76 chars whatever the content (long HTML lines, UTF-8) and normalises
        // line ends to CRLF; set explicitly so saveChanges() does not pick 8bit or base64 per content
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /**
     * A multipart with a fixed boundary instead of Jakarta Mail's random one, so the same issue always gives the
     * same bytes (outbox diffs, tests). Safe because the text parts are quoted-printable, which encodes every '='
     * as "=3D", and the images base64, whose alphabet has no '_': the "=_" in the boundary never occurs in a part.
     *
     * @param type multipart/related's "type" parameter (RFC 2387): the content type of its root, the first part
     */
    private static final class StableMultipart extends MimeMultipart {
        StableMultipart(String subtype, String boundary, String type) {
            super(subtype);
            ContentType contentType = new ContentType("multipart", subtype, null);
            contentType.setParameter("boundary", boundary);
            if (type != null) {
                contentType.setParameter("type", type);
            }
            this.contentType = contentType.toString();
        }
    }
}
