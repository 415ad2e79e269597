package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;

import java.util.List;
import java.util.Optional;

/** A way of sending a compiled issue: the local outbox, Mautic or SMTP. */
public interface Delivery {
    /** Channel name, part of the idempotency key: "outbox", "mautic", "smtp". */
    String channel();

    /**
     * The issue's message as this channel sends it, built without sending anything: the send's first half, and what
     * the editor's preview shows. Fails, with a {@link aieditor.pipeline.PermanentFailure} saying what to change,
     * when the issue cannot go out this way as it is (an image readers could not load).
     *
     * @param images the issue's story images, as the images step stored them
     */
    Outgoing prepare(Newsletter newsletter, String html, String text, List<IssueImage> images);

    /**
     * Sends the prepared message. Called again only when an earlier attempt did not finish; the ledger holds what
     * that attempt recorded, so a delivery that creates something remote first (a Mautic email) can find it again
     * instead of creating and sending a second one.
     */
    Receipt deliver(Outgoing message, Ledger ledger) throws Exception;

    /** The issue's row in the deliveries table, as far as a delivery needs it. */
    interface Ledger {
        /** The remote id an earlier attempt recorded for this issue, if any. */
        Optional<String> externalId();

        /** Stores the remote id at once, before anything is sent with it. */
        void recordExternalId(String externalId);

        /**
         * Stores, before the message goes to a channel that cannot be asked afterwards whether it went out (SMTP),
         * that it is being handed over now.
         */
        void recordHandOver();

        /** Whether an earlier attempt recorded a hand-over and then died without recording the outcome. */
        boolean handedOver();

        /** The channel refused the message before taking it (no connection, login refused): it was not sent. */
        void clearHandOver();
    }

    /**
     * An earlier attempt handed the message to the channel and died before it could record what happened: it may or
     * may not have gone out, and sending it again blindly could send it twice. An operator decides.
     */
    final class OutcomeUnknownException extends Exception {
        public OutcomeUnknownException(String message) {
            super(message);
        }
    }
}
