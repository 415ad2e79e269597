package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.function.Consumer;

/**
 * Sends an issue as one message to an SMTP server (route smtp-send, camel-mail): the same MIME message the
 * outbox writes, images inside it, to the list address in newsletter.to. SMTP cannot be asked afterwards whether a message went out,
 * so the hand-over is recorded before the server is given the message: an attempt that resumes and finds a
 * hand-over without an outcome does not send again but reports the outcome unknown, for an operator to decide.
 * A refusal before the server took anything (no connection, login refused) clears the hand-over: not sent, retry.
 */
public final class SmtpDelivery implements Delivery {
    private final Consumer<MimeMessage> transport;
    private final String server;
    private final EmlWriter eml;

    /** @param transport hands the message to the smtp-send route */
    public SmtpDelivery(Consumer<MimeMessage> transport, String server, EmlWriter eml) {
        this.transport = transport;
        this.server = server;
        this.eml = eml;
    }

    @Override
    public String channel() {
        return "smtp";
    }

    @Override
    public Outgoing prepare(Newsletter newsletter, String html, String text, List<IssueImage> images) {
        return eml.outgoing(newsletter, html, text, images);
    }

    @Override
    public Receipt deliver(Outgoing message, Ledger ledger) throws MessagingException, OutcomeUnknownException {
        if (ledger.handedOver()) {
            throw new OutcomeUnknownException("an earlier attempt handed the issue to " + server
                    + " and stopped before the server's answer was recorded");
        }
        MimeMessage mime = message.mime();
        ledger.recordHandOver();
        try {
            transport.accept(mime);
        } catch (RuntimeException e) {
            if (refusedBeforeTaking(e)) {
                ledger.clearHandOver();
            }
            throw e;
        }
        return new Receipt("smtp " + server + " to " + eml.envelope().to(), mime.getMessageID(), null, null);
    }

    /** A connection that never opened, or a login the server refused: nothing was handed over. */
    static boolean refusedBeforeTaking(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof jakarta.mail.AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
