package aieditor.mautic_send;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message read as a mail client reads it: the HTML part is the last alternative (inside multipart/related when
 * images travel with it), and an img loads only from an https URL or from a cid: part of the same related part.
 */
public final class MailClient {
    private MailClient() {
    }

    public static MimeMessage parse(byte[] eml) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
    }

    /** The HTML part a client shows: the preferred (last) alternative, the root of a related part. */
    public static String htmlPart(MimeMessage m) throws Exception {
        return (String) htmlBody(m).getContent();
    }

    /**
     * Asserts that every img of the HTML part loads: an https URL, or cid: with a part of that Content-ID and an
     * image/* type beside the HTML. Returns the img sources in document order.
     */
    public static List<String> requireImagesLoad(MimeMessage m) throws Exception {
        Multipart alternative = (Multipart) m.getContent();
        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).as("text/plain is the first alternative").isTrue();
        Part preferred = alternative.getBodyPart(alternative.getCount() - 1);
        Multipart related = preferred.isMimeType("multipart/related") ? (Multipart) preferred.getContent() : null;
        List<String> srcs = new ArrayList<>();
        for (Element img : Jsoup.parse(htmlPart(m)).select("img")) {
            String src = img.attr("src");
            srcs.add(src);
            if (src.startsWith("https://")) {
                continue;
            }
            assertThat(src).as("an img that is neither https nor cid: never loads").startsWith("cid:");
            assertThat(related).as("cid: " + src + " without a multipart/related part").isNotNull();
            BodyPart part = partWithId(related, "<" + src.substring(4) + ">");
            assertThat(part).as("the part of " + src).isNotNull();
            assertThat(part.getContentType()).as(src).matches("(?s)image/(jpeg|png).*");
            assertThat(part.getInputStream().readAllBytes()).as(src).isNotEmpty();
        }
        return srcs;
    }

    private static Part htmlBody(MimeMessage m) throws Exception {
        Multipart alternative = (Multipart) m.getContent();
        Part preferred = alternative.getBodyPart(alternative.getCount() - 1);
        return preferred.isMimeType("multipart/related") ? ((Multipart) preferred.getContent()).getBodyPart(0) : preferred;
    }

    private static BodyPart partWithId(Multipart related, String contentId) throws Exception {
        for (int i = 0; i < related.getCount(); i++) {
            BodyPart part = related.getBodyPart(i);
            if (part instanceof MimeBodyPart mime && contentId.equals(mime.getContentID())) {
                return part;
            }
        }
        return null;
    }
}
