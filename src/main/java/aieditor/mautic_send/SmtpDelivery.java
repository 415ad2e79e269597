package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends an issue as one message to an SMTP server (route smtp-send, camel-mail): the same MIME message the
 * outbox writes, to the list address in newsletter.to. SMTP cannot be asked whether a message went out, so the
 * claim in the deliveries table is the only guard: a crash after the server accepted the message and before it
 * was marked sent is the one case that sends twice.
 */
public final class SmtpDelivery implements Delivery {
    private final Consumer<MimeMessage> transport;
    private final String server;
    private final String from;
    private final String to;
    private final String unsubscribeMailto;
    private final EmlWriter eml = new EmlWriter();

    /** @param transport hands the message to the smtp-send route */
    public SmtpDelivery(Consumer<MimeMessage> transport, String server, String from, String to, String unsubscribeMailto) {
        this.transport = transport;
        this.server = server;
        this.from = from;
        this.to = to;
        this.unsubscribeMailto = unsubscribeMailto;
    }

    @Override
    public String channel() {
        return "smtp";
    }

    @Override
    public Receipt deliver(Newsletter newsletter, String html, String text, List<Path> images, Ledger ledger)
            throws MessagingException {
        MimeMessage message = eml.message(newsletter, html, text, from, to, unsubscribeMailto);
        transport.accept(message);
        return new Receipt("smtp " + server + " to " + to, message.getMessageID(), null, null);
    }
}
