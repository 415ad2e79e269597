package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;

import java.util.List;

/** A send as mautic_send makes it: the message prepared, then delivered. */
final class Sends {
    private Sends() {
    }

    static Receipt deliver(Delivery delivery, Newsletter n, String html, String text, List<IssueImage> images,
                           Delivery.Ledger ledger) throws Exception {
        return delivery.deliver(delivery.prepare(n, html, text, images), ledger);
    }
}
