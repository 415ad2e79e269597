package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.model.WebLink;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Builds an issue as a complete RFC 822 message: written as .eml to the outbox for review, or handed to SMTP.
 * No transport here, so the Session needs no properties.
 */
public final class EmlWriter {

    private final Clock clock;

    public EmlWriter() {
        this(Clock.systemUTC());
    }

    /** The clock only feeds the Date header; injectable so tests get byte-stable output. */
    public EmlWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param listUnsubscribeMailto address for mail-based unsubscribe, with or without "mailto:"; may be null when
     *                              the newsletter's https unsubscribe URL is enough
     */
    public byte[] write(Newsletter n, String html, String text, String from, String to, String listUnsubscribeMailto) {
        try {
            MimeMessage message = message(n, html, text, from, to, listUnsubscribeMailto);
            ByteArrayOutputStream out = new ByteArrayOutputStream(html.length() + text.length() + 4096);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot write the message for issue " + n.issueDate() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same message, unserialised, for a transport such as SMTP to send. */
    public MimeMessage message(Newsletter n, String html, String text, String from, String to, String listUnsubscribeMailto) {
        Objects.requireNonNull(n.issueDate(), "issueDate (the Message-ID is derived from it)");
        try {
            InternetAddress sender = new InternetAddress(from, true);
            String messageId = "<issue-" + n.issueDate() + "@" + domainOf(sender) + ">";

            Session session = Session.getInstance(new Properties());
            // saveChanges() would replace the Message-ID with a random one; a stable id per issue lets clients
            // and our own logs recognise a re-send of the same issue
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(sender);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            // RFC 2047-encodes only when needed, so ASCII subjects stay readable in the raw file
            message.setSubject(oneLine(n.subject() != null && !n.subject().isBlank() ? n.subject() : n.title()),
                    StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));

            listUnsubscribe(message, n.unsubscribeUrl(), listUnsubscribeMailto);

            // plain first, html last: in multipart/alternative the last part is the preferred one
            MimeMultipart alternative = new StableMultipart("----=_Alt_issue-" + n.issueDate());
            alternative.addBodyPart(textPart(text, "plain"));
            alternative.addBodyPart(textPart(html, "html"));
            message.setContent(alternative);

            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot build the message for issue " + n.issueDate() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * multipart/alternative with a fixed boundary instead of Jakarta Mail's random one, so the same issue always
     * gives the same bytes (outbox diffs, tests). Safe because both parts are quoted-printable, which encodes
     * every '=' as "=3D": the "=_" in the boundary can never occur inside a part.
     */
    private static final class StableMultipart extends MimeMultipart {
        StableMultipart(String boundary) {
            super("alternative");
            ContentType type = new ContentType("multipart", "alternative", null);
            type.setParameter("boundary", boundary);
            contentType = type.toString();
        }
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
     * RFC 2369 List-Unsubscribe plus RFC 8058 one-click. Gmail and Yahoo require both from bulk senders; the Post
     * header is only valid next to an https URL, which the mailbox provider will POST to.
     */
    private static void listUnsubscribe(MimeMessage message, String unsubscribeUrl, String mailto)
            throws MessagingException {
        List<String> targets = new ArrayList<>(2);
        if (mailto != null && !mailto.isBlank()) {
            String m = mailto.strip();
            if (!m.regionMatches(true, 0, "mailto:", 0, 7)) {
                m = "mailto:" + m;
            }
            requireHeaderSafe(m, "List-Unsubscribe mailto");
            targets.add("<" + m + ">");
        }
        boolean https = false;
        String u = WebLink.clean(unsubscribeUrl);
        if (u != null) {
            requireHeaderSafe(u, "unsubscribe URL");
            targets.add("<" + u + ">");
            https = u.toLowerCase(Locale.ROOT).startsWith("https://");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("Newsletter needs an http(s) unsubscribeUrl or a mailto for List-Unsubscribe");
        }
        String value = String.join(", ", targets);
        // setHeader does not fold; long unsubscribe tokens could otherwise exceed the 998-char line limit
        message.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), value));
        if (https) {
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }

    /** Inside {@code <...>} a space, '<', '>' or ',' would end the URI early; CR/LF would inject headers. */
    private static void requireHeaderSafe(String uri, String what) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == ',') {
                throw new IllegalArgumentException(what + " must be a plain ASCII URI without spaces, '<', '>' or ',': " + uri);
            }
        }
    }

    private static String domainOf(InternetAddress address) {
        String a = address.getAddress();
        int at = a == null ? -1 : a.lastIndexOf('@');
        return at < 0 || at == a.length() - 1 ? "localhost" : a.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
