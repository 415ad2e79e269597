package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.model.WebLink;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
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
 * Builds an issue as a complete RFC 822 message, images included: written as .eml to the outbox, or handed to
 * SMTP. Non-ASCII in Subject and From's display name goes out as RFC 2047 encoded-words (UTF-8), so the raw
 * message stays 7-bit ASCII. No transport here, so the Session needs no properties.
 */
public final class EmlWriter {

    private final Clock clock;
    private final Deliveries.Envelope envelope;

    /**
     * @param clock    only feeds the Date header; injectable so tests get byte-stable output
     * @param envelope the sender, the recipient and the mail-based unsubscribe address of every message
     */
    public EmlWriter(Clock clock, Deliveries.Envelope envelope) {
        this.clock = clock;
        this.envelope = envelope;
    }

    public Deliveries.Envelope envelope() {
        return envelope;
    }

    /**
     * The issue's message, ready to send: multipart/alternative with the plain text first and the HTML last (the
     * last part is the preferred one). Story images not hosted at an https URL travel inside the message:
     * the HTML and its images then form a multipart/related part, the HTML referencing each image by {@code cid:}.
     *
     * @param images the issue's story images, as the images step stored them
     */
    public Outgoing outgoing(Newsletter n, String html, String text, List<IssueImage> images) {
        String from = envelope.from();
        String to = envelope.to();
        String listUnsubscribeMailto = envelope.unsubscribeMailto();
        Objects.requireNonNull(n.issueDate(), "issueDate (the Message-ID is derived from it)");
        try {
            InternetAddress sender = sender(from, n.title());
            String idSuffix = "issue-" + n.issueDate() + "@" + domainOf(sender);
            MessageImages.Embedded embedded = MessageImages.embed(n.issueDate(), html, images, idSuffix);

            Session session = Session.getInstance(new Properties());
            // saveChanges() would replace the Message-ID with a random one; a stable id per issue lets clients
            // and our own logs recognise a re-send of the same issue
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + idSuffix + ">");
                }
            };
            message.setFrom(sender);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            // RFC 2047-encodes only when needed, so ASCII subjects stay readable in the raw file
            message.setSubject(oneLine(n.subject() != null && !n.subject().isBlank() ? n.subject() : n.title()),
                    StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));

            listUnsubscribe(message, n.unsubscribeUrl(), listUnsubscribeMailto);

            message.setContent(MessageParts.alternative(n.issueDate(), text, embedded));

            message.saveChanges();
            return new Outgoing(n, embedded.html(), text, embedded.images(), size(message), message);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("Cannot build the message for issue " + n.issueDate() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The message as .eml bytes: the outbox's file. */
    static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot write the message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The From address with its display name as readers see it in their inbox: newsletter.from's own name, else the
     * newsletter's title. Set through the charset so a name such as "Die KI-Zeitung — Ausgabe für Käse" becomes an
     * RFC 2047 encoded-word instead of raw UTF-8 in the header.
     */
    static InternetAddress sender(String from, String title) throws AddressException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(from, true);
        String name = parsed.getPersonal() != null && !parsed.getPersonal().isBlank() ? parsed.getPersonal() : title;
        return name == null || name.isBlank() ? new InternetAddress(parsed.getAddress())
                : new InternetAddress(parsed.getAddress(), oneLine(name), StandardCharsets.UTF_8.name());
    }

    private static long size(MimeMessage message) throws IOException, MessagingException {
        long[] count = {0};
        message.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        return count[0];
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
