package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;

import java.nio.file.Path;
import java.util.List;

/** A way of sending a compiled issue: the local outbox here; Mautic and SMTP implement the same contract. */
public interface Delivery {
    /** Channel name, part of the idempotency key: "outbox", "mautic", "smtp". */
    String channel();

    /**
     * Sends the issue and returns where it went (a folder, a campaign id). Called again only when an earlier
     * attempt did not finish, so it must be safe to repeat.
     */
    String deliver(Newsletter newsletter, String html, String text, List<Path> images) throws Exception;
}
